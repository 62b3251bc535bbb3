// startDeskProxy (sendbird-desk-platform/testing), as a user's script runs it from the built
// package, in front of loopback upstreams of this test's own: one that redirects to another
// loopback address, one that never answers, one whose answer never ends. The proxy follows no
// redirect (the other host hears nothing), cuts off what is late or too large, and stop() ends
// what is in flight, resolves twice, and leaves nothing that keeps the process alive.
import { execFile } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { root } from "../helpers/spec.js";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const servers: Server[] = [];
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
});

/** A loopback server on `host`; resolves to its origin and the requests it received. */
async function serve(handler: Handler, host = "127.0.0.1") {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url} token=${String(req.headers.sendbirddeskapitoken)}`);
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { origin: `http://${host}:${(server.address() as AddressInfo).port}`, requests };
}

/** Runs `body` in a Node process with `proxy` started in front of `upstream`; resolves to what
 *  it prints (JSON) once the process has ended by itself. */
async function withProxy(upstream: string, options: object, body: string) {
  const script = `
    import { startDeskProxy } from ${JSON.stringify(join(root, "dist", "testing.mjs"))};
    const proxy = await startDeskProxy({ upstream: ${JSON.stringify(upstream)}, cwd: ${JSON.stringify(root)}, ...${JSON.stringify(options)} });
    const call = (path) => fetch(proxy.baseUrl + path, { headers: { SENDBIRDDESKAPITOKEN: "proxy-token-4711" } });
    const out = {};
    ${body}
    console.log(JSON.stringify(out));`;
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
    cwd: root,
    timeout: 60_000,
  });
  return JSON.parse(stdout);
}

const aMinute = 60_000;

test(
  "a redirect is not followed: the caller gets its status and host, the other host hears nothing",
  async () => {
    const other = await serve((_req, res) => res.end("{}"), "127.0.0.2");
    const api = await serve((_req, res) => {
      res.writeHead(302, { location: `${other.origin}/stolen?x=1` });
      res.end();
    });
    const out = await withProxy(
      `${api.origin}/platform/v1`,
      {},
      `const answer = await call("/groups/77");
       out.status = answer.status;
       out.refused = answer.headers.get("x-desk-proxy-refused");
       out.location = answer.headers.get("location");
       await proxy.stop();`,
    );
    expect(out).toEqual({
      status: 302,
      refused: `a redirect (302) to ${new URL(other.origin).host}, not followed`,
      location: null,
    });
    expect(api.requests).toEqual(["GET /platform/v1/groups/77 token=proxy-token-4711"]);
    expect(other.requests).toEqual([]);
  },
  aMinute,
);

test(
  "an answer over maxResponseBytes is cut off with a 502, reading little more than the cap",
  async () => {
    let sent = 0;
    const api = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, " ");
      // An answer that never ends: without a cap the proxy would buffer it for ever.
      const more = () => {
        while (!res.destroyed && res.write(chunk)) sent += chunk.length;
        if (!res.destroyed) res.once("drain", more);
      };
      res.write("[");
      more();
    });
    const max = 1024 * 1024;
    const out = await withProxy(
      api.origin,
      { maxResponseBytes: max },
      `const answer = await call("/groups");
       out.status = answer.status;
       out.refused = answer.headers.get("x-desk-proxy-refused");
       out.body = await answer.text();
       await proxy.stop();`,
    );
    expect(out.status).toBe(502);
    expect(out.refused).toBe(`an answer (200) over ${max} bytes`);
    expect(out.body).not.toContain("[");
    // The socket buffers of both ends hold some more; far less than an unbounded read.
    expect(sent).toBeLessThan(16 * max);
  },
  aMinute,
);

test(
  "an upstream that never answers: 504 after timeoutMs; stop() mid-request resolves within 5 s, and twice",
  async () => {
    const api = await serve(() => {}); // hangs
    const out = await withProxy(
      api.origin,
      { timeoutMs: 500 },
      `const late = await call("/groups");
       out.late = [late.status, late.headers.get("x-desk-proxy-refused")];
       const pending = call("/groups").then((a) => a.status, () => "failed");
       await new Promise((resolve) => setTimeout(resolve, 100));
       const started = Date.now();
       await proxy.stop();
       out.stopMs = Date.now() - started;
       out.pending = await pending;
       out.again = await proxy.stop().then(() => "resolved", (e) => e.message);`,
    );
    expect(out.late).toEqual([504, "no answer within 500 ms"]);
    // The hung forward is ended at once; the caller's connection, answered meanwhile, may stay
    // open idle until Node's keep-alive timeout (5 s), which is the bound stop() promises.
    expect(out.stopMs).toBeLessThan(6_000);
    expect(out.again).toBe("resolved");
    expect(out.pending).not.toBe(200);
  },
  aMinute,
);
