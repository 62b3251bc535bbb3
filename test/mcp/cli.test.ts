// The command, run in-process through `main` with its own streams: flags and environment are
// checked with clear messages; on stdio, stdout carries JSON-RPC and nothing else; over HTTP,
// the endpoint answers an MCP client on loopback and refuses other hosts and origins.
import { createServer } from "node:net";
import { PassThrough } from "node:stream";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { version } from "../../package.json";
import { createDeskClient } from "../../src/index.js";
import { createDeskTools, main } from "../../src/mcp/index.js";
import { mockToken, mockUrl } from "../contract/mock.js";
import { sink } from "./sink.js";

// The catalogue is the one place an operation becomes a tool: the lists come from it.
const catalogue = createDeskTools(createDeskClient({ baseUrl: "http://127.0.0.1:9", apiToken: "t" }));
const READ_TOOLS = catalogue.filter((t) => t.annotations.readOnlyHint === true).map((t) => t.name);

const env = (extra: Record<string, string> = {}) => ({ SENDBIRD_DESK_API_TOKEN: mockToken, ...extra });

/** Runs `main` to completion (a command that does not serve). */
async function run(argv: string[], environment: Record<string, string> = env()) {
  const stdout = sink();
  const stderr = sink();
  const code = await main(argv, { env: environment, stdout: stdout.stream, stderr: stderr.stream });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe("flags and environment", () => {
  it("--help prints the usage on stdout", async () => {
    const { code, stdout, stderr } = await run(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: sendbird-desk-mcp \[options\]/);
    for (const flag of [
      "--allow-writes",
      "--base-url",
      "--timeout-ms",
      "--max-retries",
      "--log-level",
      "--http",
    ])
      expect(stdout).toContain(flag);
    expect(stderr).toBe("");
  });

  it("--version prints the package's version", async () => {
    expect(await run(["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it.each([
    [["--bogus"], "Unknown option '--bogus'"],
    [["extra"], "extra"],
    [["--port", "3000"], '--port: "3000" is not valid: applies only with --http'],
    [["--http", "--port", "70000"], '--port: "70000" is not valid: must be a whole number up to 65535'],
    [["--http", "--port", "-1"], "--port"],
    [
      ["--http", "--host", "0.0.0.0"],
      '--host: "0.0.0.0" is not valid: must be a loopback address (127.0.0.1, localhost, ::1) unless --allow-non-loopback',
    ],
    [
      ["--http", "--host", "0.0.0.0", "--allow-non-loopback"],
      '--host: "0.0.0.0" is not valid: must name one address or host name, which the Host check then accepts',
    ],
    [
      ["--log-level", "loud"],
      '--log-level: "loud" is not valid: must be one of off, error, warn, info, debug',
    ],
    [["--timeout-ms", "soon"], '--timeout-ms: "soon" is not valid: must be a whole number'],
    [["--timeout-ms", "0", "--base-url", "http://127.0.0.1:9"], "timeoutMs: 0 is not valid"],
    [["--max-retries", "11", "--base-url", "http://127.0.0.1:9"], "maxRetries: 11 is not valid"],
    [["--base-url", "http://example.com"], 'baseUrl: "http://example.com" is not valid'],
  ])("refuses %j in one clear line, exit 2", async (argv, message) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(message);
    expect(stderr).toContain("Run sendbird-desk-mcp --help for the options.");
  });

  it("refuses a bad SENDBIRD_DESK_MCP_ALLOW_WRITES and a missing token", async () => {
    const bad = await run([], env({ SENDBIRD_DESK_MCP_ALLOW_WRITES: "yes" }));
    expect(bad.stderr).toContain('SENDBIRD_DESK_MCP_ALLOW_WRITES: "yes" is not valid: must be 1 or 0');
    const missing = await run(["--base-url", mockUrl()], {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("apiToken");
    expect(missing.stderr).toContain("SENDBIRD_DESK_API_TOKEN");
  });
});

describe("stdio", () => {
  /** Serves on in-memory stdio; `send` writes JSON-RPC lines, `replies` reads stdout. */
  function startStdio(argv: string[], environment = env()) {
    const stdin = new PassThrough();
    const stdout = sink();
    const stderr = sink();
    const done = main(argv, { env: environment, stdin, stdout: stdout.stream, stderr: stderr.stream });
    const send = (...messages: object[]) => {
      for (const message of messages) stdin.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);
    };
    const replies = async (count: number) => {
      for (let i = 0; i < 200 && stdout.text().split("\n").length <= count; i++)
        await new Promise((resolve) => setTimeout(resolve, 10));
      return stdout.text();
    };
    return { stdin, stdout, stderr, done, send, replies };
  }

  const initialize = {
    id: 1,
    method: "initialize",
    params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } },
  };

  it("speaks only JSON-RPC on stdout, logs on stderr, and ends with stdin", async () => {
    const s = startStdio(["--base-url", mockUrl(), "--log-level", "debug", "--allow-writes"]);
    s.send(
      initialize,
      { method: "notifications/initialized" },
      { id: 2, method: "tools/list" },
      { id: 3, method: "tools/call", params: { name: "get_group", arguments: { group_id: 77 } } },
      { id: 4, method: "tools/call", params: { name: "get_group", arguments: { group_id: 0 } } },
    );
    const out = await s.replies(4);
    s.stdin.end();
    expect(await s.done).toBe(0);
    const lines = out.trim().split("\n");
    // Calls run concurrently: the replies come in the order they finish.
    const replies = lines.map((line) => JSON.parse(line)).sort((a, b) => a.id - b.id);
    expect(replies.map((r) => [r.jsonrpc, r.id])).toEqual([
      ["2.0", 1],
      ["2.0", 2],
      ["2.0", 3],
      ["2.0", 4],
    ]);
    expect(replies[0].result.serverInfo).toEqual({
      name: "sendbird-desk-mcp",
      title: "Sendbird Desk",
      version,
    });
    expect(replies[1].result.tools).toHaveLength(catalogue.length);
    expect(replies[2].result.structuredContent.id).toBe(77);
    expect(replies[3].result.isError).toBe(true);
    const log = s.stderr.text();
    expect(log).toContain(
      `sendbird-desk-mcp info: ${version} serving ${mockUrl()} (writes enabled) on stdio`,
    );
    expect(log).toContain('sendbird-desk-mcp debug: get_group {"group_id":77}');
    expect(log).toContain(
      "sendbird-desk-mcp warn: get_group: refused arguments: group_id: 0 is not valid: must be",
    );
    expect(log).not.toContain(mockToken);
  });

  it("logs nothing at --log-level off, and is read-only by default", async () => {
    const s = startStdio(["--base-url", mockUrl(), "--log-level", "off"]);
    s.send(initialize, { id: 2, method: "tools/list" });
    const out = await s.replies(2);
    s.stdin.end();
    await s.done;
    const tools = JSON.parse(out.trim().split("\n")[1]!).result.tools.map((t: { name: string }) => t.name);
    expect(tools).toEqual(READ_TOOLS);
    expect(s.stderr.text()).toBe("");
  });

  it("enables writes with SENDBIRD_DESK_MCP_ALLOW_WRITES=1", async () => {
    const s = startStdio(["--base-url", mockUrl()], env({ SENDBIRD_DESK_MCP_ALLOW_WRITES: "1" }));
    s.send(initialize, { id: 2, method: "tools/list" });
    const out = await s.replies(2);
    s.stdin.end();
    await s.done;
    expect(JSON.parse(out.trim().split("\n")[1]!).result.tools).toHaveLength(catalogue.length);
    expect(s.stderr.text()).toContain("(writes enabled)");
  });
});

describe("Streamable HTTP", () => {
  let stop: AbortController;
  let stderr: ReturnType<typeof sink>;
  let done: Promise<number>;
  let url: string;

  beforeAll(async () => {
    stop = new AbortController();
    stderr = sink();
    done = main(["--http", "--port", "0", "--base-url", mockUrl()], {
      env: env(),
      stdout: sink().stream,
      stderr: stderr.stream,
      signal: stop.signal,
    });
    for (let i = 0; i < 500 && !/ at (http:\S+)/.test(stderr.text()); i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    url = / at (http:\S+)/.exec(stderr.text())![1]!;
  });

  afterAll(async () => {
    stop.abort();
    expect(await done).toBe(0);
  });

  it("serves /mcp on loopback to an MCP client", async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const client = new Client({ name: "t", version: "1" });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(READ_TOOLS);
    const result = await client.callTool({ name: "get_group", arguments: { group_id: 77 } });
    expect(result.structuredContent).toMatchObject({ id: 77 });
    await client.close();
  });

  const post = (
    headers: Record<string, string>,
    body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }),
  ) =>
    fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        ...headers,
      },
      body,
    });

  it("refuses another Host (DNS rebinding) and another Origin with 403", async () => {
    const { port } = new URL(url);
    // fetch cannot set Host: a raw request through node:http can.
    const { request } = await import("node:http");
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(url, {
        method: "POST",
        headers: {
          host: `evil.example:${port}`,
          "content-type": "application/json",
          accept: "application/json",
        },
      });
      req.on("response", (res) => resolve(res.statusCode!)).on("error", reject);
      req.end("{}");
    });
    expect(status).toBe(403);
    expect((await post({ origin: "http://evil.example" })).status).toBe(403);
    expect((await post({ origin: "null" })).status).toBe(403); // a sandboxed page
    expect((await post({ origin: `http://localhost:${port}` })).status).toBe(200);
  });

  it("answers GET with 405 and a body that is not JSON with a parse error", async () => {
    const get = await fetch(url, { headers: { accept: "text/event-stream" } });
    expect([get.status, get.headers.get("allow")]).toEqual([405, "POST"]);
    const bad = await post({}, "{not json");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: -32700 } });
  });

  it("reports a port in use in one line, exit 1", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as { port: number };
    const result = await run(["--http", "--port", String(port), "--base-url", mockUrl()]);
    taken.close();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^sendbird-desk-mcp: cannot listen: .*EADDRINUSE/);
  });
});
