// An error answer is read up to its first 64 KiB, not up to maxResponseBytes: the client
// stops there and releases the connection, so a server sending a 15 MiB 500 (retried)
// delivers a few MiB at most, not 45.
import type { ServerResponse } from "node:http";
import { createDeskClient, DeskServerError } from "../../src/index.js";
import { CANARY, guardCanary } from "./leak-guard.js";
import type { ScriptedServer, Step } from "./scripted-server.js";
import { startScriptedServer } from "./scripted-server.js";

const guard = guardCanary(CANARY);
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const MiB = 1024 * 1024;
const ERROR_BODY_SIZE = 15 * MiB;
/** What one attempt may cost the server once the client stops at 64 KiB: the kernel's socket
 *  buffers and the runtime's read-ahead hold some MiB on loopback (about 4 MiB measured on
 *  Linux; 8 MiB leaves room), far below the 15 MiB sent when the whole answer is read. */
const DELIVERED_PER_ATTEMPT = 8 * MiB;

/** Bytes the server's sockets handed to the kernel, per answer, once each answer closed. */
let delivered: number[] = [];
/** Sockets that carried an answer and are still open. */
const open = new Set<object>();

/** A 500 whose 15 MiB text body is written as fast as the client takes it. */
const hugeError: Step = (_req, res: ServerResponse) => {
  const chunk = Buffer.alloc(64 * 1024, "x");
  res.writeHead(500, { "content-type": "text/plain", "content-length": ERROR_BODY_SIZE });
  const socket = res.socket!;
  if (!open.has(socket)) {
    open.add(socket);
    socket.once("close", () => open.delete(socket));
  }
  const before = socket.bytesWritten;
  let sent = 0;
  const pump = () => {
    while (sent < ERROR_BODY_SIZE) {
      sent += chunk.byteLength;
      if (!res.write(chunk)) return void res.once("drain", pump);
    }
    res.end();
  };
  let recorded = false;
  const record = () => {
    if (!recorded) delivered.push(socket.bytesWritten - before);
    recorded = true;
  };
  res.once("close", record);
  res.once("finish", record);
  pump();
};

/** Waits until every answer has closed or finished (one record per answer). */
async function settled(answers: number) {
  for (let waited = 0; delivered.length < answers && waited < 5000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Whether every socket that carried an answer has closed, waiting up to `ms` for it. */
async function socketsClosedWithin(ms: number) {
  for (let waited = 0; open.size > 0 && waited < ms; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return open.size === 0;
}

beforeEach(() => {
  delivered = [];
  server.script(hugeError);
});

test("one 15 MiB 500: the server delivers a few MiB at most, and the connection is released", async () => {
  const desk = createDeskClient({ baseUrl: server.url, apiToken: CANARY, maxRetries: 0, logLevel: "off" });
  const error = await guard.rejection(desk.groups.get(7));
  expect(error).toBeInstanceOf(DeskServerError);
  expect(error.status).toBe(500);
  await settled(1);
  expect(delivered[0]).toBeLessThanOrEqual(DELIVERED_PER_ATTEMPT);
  // Released: the client dropped the connection instead of reading on (keep-alive would hold it).
  expect(await socketsClosedWithin(2000)).toBe(true);
});

test("a 15 MiB 500, retried twice: three attempts, each cut short", async () => {
  const desk = createDeskClient({ baseUrl: server.url, apiToken: CANARY, logLevel: "off" });
  const error = await guard.rejection(desk.groups.get(7));
  expect(error).toBeInstanceOf(DeskServerError);
  expect(server.arrivals).toHaveLength(3);
  await settled(3);
  const total = delivered.reduce((sum, bytes) => sum + bytes, 0);
  expect(total).toBeLessThanOrEqual(3 * DELIVERED_PER_ATTEMPT);
}, 20_000);
