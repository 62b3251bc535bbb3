// The command at its edges, run in-process through `main` as cli.test.ts does: the addresses
// --host accepts (loopback in every spelling, one address, never every interface), input that
// breaks the protocol on stdio and over HTTP, and the words of a failed call.
import { createServer } from "node:net";
import { PassThrough } from "node:stream";
import { main } from "../../src/mcp/index.js";
import { mockToken, mockUrl } from "../contract/mock.js";
import { sink } from "./sink.js";

const env = { SENDBIRD_DESK_API_TOKEN: mockToken };
const until = async (test: () => boolean) => {
  for (let i = 0; i < 500 && !test(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

/** Serves HTTP with `argv`; resolves to the endpoint, the log and a stop function. */
async function serveHttp(argv: string[]) {
  const stop = new AbortController();
  const stderr = sink();
  const done = main(["--http", "--port", "0", "--base-url", mockUrl(), ...argv], {
    env,
    stdout: sink().stream,
    stderr: stderr.stream,
    signal: stop.signal,
  });
  await until(() => / at (http:\S+)/.test(stderr.text()) || stderr.text().includes("sendbird-desk-mcp:"));
  const url = / at (http:\S+)/.exec(stderr.text())?.[1];
  return {
    url,
    log: stderr.text,
    stop: async () => {
      stop.abort();
      return done;
    },
  };
}

const ping = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" });
const post = (url: string, body: string) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
    body,
  });

describe("--host", () => {
  it.each([
    ["127.0.0.2", "http://127.0.0.2:"],
    ["[::1]", "http://[::1]:"],
    ["::1", "http://[::1]:"],
    ["127.1", "http://127.0.0.1:"],
  ])("%s is loopback: served, and requests to it are answered", async (host, prefix) => {
    const server = await serveHttp(["--host", host]);
    try {
      expect(server.url).toMatch(new RegExp(`^${prefix.replace(/[.[\]]/g, "\\$&")}\\d+/mcp$`));
      const answer = await post(server.url!, ping);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ jsonrpc: "2.0", id: 1, result: {} });
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it.each(["0", "::0", "0:0:0:0:0:0:0:0", "[::]", "0.0.0.0"])(
    "%s is every interface: refused even with --allow-non-loopback, exit 2",
    async (host) => {
      const stderr = sink();
      const code = await main(["--http", "--host", host, "--allow-non-loopback", "--base-url", mockUrl()], {
        env,
        stdout: sink().stream,
        stderr: stderr.stream,
      });
      expect(code).toBe(2);
      expect(stderr.text()).toContain(`--host: ${JSON.stringify(host)} is not valid: must name one address`);
    },
  );

  it("a host with a port, or not a host at all, is refused naming the flag", async () => {
    for (const host of ["127.0.0.1:80", "http://x", "a b", "127.0.0.1/mcp", "user@127.0.0.1"]) {
      const stderr = sink();
      const code = await main(["--http", "--host", host], {
        env,
        stdout: sink().stream,
        stderr: stderr.stream,
      });
      expect(code).toBe(2);
      expect(stderr.text()).toContain(`--host: ${JSON.stringify(host)} is not valid`);
    }
  });
});

describe("HTTP input", () => {
  let server: Awaited<ReturnType<typeof serveHttp>>;
  beforeAll(async () => {
    server = await serveHttp([]);
  });
  afterAll(() => server.stop());

  it("a valid body over the limit is answered 413, saying it is too large", async () => {
    const big = JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "ping",
      params: { _meta: { pad: "x".repeat(200_000) } },
    });
    const answer = await post(server.url!, big);
    expect(answer.status).toBe(413);
    expect(await answer.json()).toMatchObject({
      error: { code: -32600, message: expect.stringMatching(/too large/) },
    });
  });

  it("arguments: null is a tool result naming the rule, not a protocol error", async () => {
    const call = JSON.stringify({
      jsonrpc: "2.0",
      id: 7,
      method: "tools/call",
      params: { name: "get_group", arguments: null },
    });
    const answer = await post(server.url!, call);
    const reply = await answer.json();
    expect(reply.error).toBeUndefined();
    expect(reply.result.isError).toBe(true);
    expect(reply.result.content[0].text).toBe(
      "Invalid arguments for get_group: arguments must be an object of named arguments (got null). Fix the argument and call again.",
    );
  });

  it("sends no X-Powered-By", async () => {
    const answer = await post(server.url!, ping);
    expect(answer.headers.get("x-powered-by")).toBeNull();
  });
});

describe("stdio input", () => {
  function startStdio(argv: string[] = []) {
    const stdin = new PassThrough();
    const stdout = sink();
    const stderr = sink();
    const done = main(["--base-url", mockUrl(), ...argv], {
      env,
      stdin,
      stdout: stdout.stream,
      stderr: stderr.stream,
    });
    return { stdin, stdout, stderr, done };
  }

  it("a line that is not JSON, or not JSON-RPC, is answered with an error and logged; the server goes on", async () => {
    const s = startStdio();
    s.stdin.write("{not json\n");
    s.stdin.write('{"hello":"world"}\n');
    s.stdin.write(`${ping}\n`);
    await until(() => s.stdout.text().split("\n").length > 3);
    s.stdin.end();
    expect(await s.done).toBe(0);
    const replies = s.stdout
      .text()
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(replies).toEqual([
      { jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error: a line must be JSON" } },
      {
        jsonrpc: "2.0",
        id: null,
        error: { code: -32600, message: "Invalid Request: a line must be a JSON-RPC message" },
      },
      { jsonrpc: "2.0", id: 1, result: {} },
    ]);
    expect(s.stderr.text()).toMatch(/sendbird-desk-mcp error: stdin: refused a line: .*JSON/);
  });

  it("a line over the transport's 10 MiB limit is logged and the exit code is 1", async () => {
    const s = startStdio();
    s.stdin.write("x".repeat(11 * 1024 * 1024));
    const code = await s.done;
    expect(code).toBe(1);
    expect(s.stderr.text()).toMatch(/sendbird-desk-mcp error: stdin: .*exceeded maximum size .*: stopping/);
  });

  it("group_id 1e400 (Infinity once parsed) is shown as Infinity, not null", async () => {
    const s = startStdio();
    s.stdin.write(
      '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"get_group","arguments":{"group_id":1e400}}}\n',
    );
    await until(() => s.stdout.text().includes("\n"));
    s.stdin.end();
    await s.done;
    const reply = JSON.parse(s.stdout.text().trim());
    expect(reply.result.content[0].text).toBe(
      "Invalid arguments for get_group: group_id: Infinity is not valid: must be an integer from 1 to 9007199254740991. Fix the argument and call again.",
    );
  });
});

describe("the words of a failed call", () => {
  /** Calls get_group once over stdio against `baseUrl`; resolves to the result's text. */
  async function getGroup(baseUrl: string, args: string[] = []) {
    const stdin = new PassThrough();
    const stdout = sink();
    const done = main(["--base-url", baseUrl, ...args], {
      env,
      stdin,
      stdout: stdout.stream,
      stderr: sink().stream,
    });
    stdin.write(
      '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_group","arguments":{"group_id":77}}}\n',
    );
    await until(() => stdout.text().includes("\n"));
    stdin.end();
    await done;
    return JSON.parse(stdout.text().trim()).result.content[0].text as string;
  }

  it("a refused connection says to check --base-url", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const text = await getGroup(`http://127.0.0.1:${port}`, ["--max-retries", "0"]);
    expect(text).toMatch(
      /[.!?] The server could not reach the Desk API: its operator should check --base-url/,
    );
  });
});
