// 1,000 concurrent calls through one client on a real socket: every call gets its own
// answer, and nothing (socket, timer) outlives the test.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createDeskClient } from "../../src/index.js";
import { CANARY, guardCanary } from "../faults/leak-guard.js";
import { TOKEN_HEADER } from "../faults/scripted-server.js";
import { withMembers as group } from "../helpers/groups.js";

guardCanary(CANARY);
const CALLS = 1000;
let server: Server;
let url = "";
let served = 0;
let withToken = 0;

beforeAll(async () => {
  // Each answer names the id from its own path, after a random 0-20 ms delay, so answers
  // come back out of order.
  server = createServer((req, res) => {
    served++;
    if (req.headers[TOKEN_HEADER] === CANARY) withToken++;
    const id = Number(/^\/groups\/(\d+)$/.exec(req.url ?? "")?.[1]);
    setTimeout(
      () => {
        const text = JSON.stringify(group(id));
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
        res.end(text);
      },
      Math.floor(Math.random() * 21),
    );
  });
  await new Promise<void>((resolve) => server.listen({ port: 0, host: "127.0.0.1", backlog: 2048 }, resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test("1,000 concurrent groups.get calls: all succeed, each with its own group", async () => {
  const desk = createDeskClient({ baseUrl: url, apiToken: CANARY });
  const ids = Array.from({ length: CALLS }, (_, i) => i + 1);
  const results = await Promise.all(ids.map((id) => desk.groups.get(id)));
  expect(results.map((g) => g.id)).toEqual(ids);
  expect(results[499]).toEqual(group(500));
  expect(served).toBe(CALLS);
  expect(withToken).toBe(CALLS);
  // A generous ceiling, not a measurement: --detectOpenHandles tracks every async resource
  // of 1,000 sockets and slows this test several times over.
}, 60_000);

test("afterwards: the server closes and no keep-alive socket is left", async () => {
  const closed = new Promise<void>((resolve, reject) =>
    server.close((err) => (err ? reject(err) : resolve())),
  );
  server.closeIdleConnections();
  server.closeAllConnections();
  await closed;
  const open = await new Promise<number>((resolve, reject) =>
    server.getConnections((err, n) => (err ? reject(err) : resolve(n))),
  );
  expect(open).toBe(0);
  expect(server.listening).toBe(false);
});
