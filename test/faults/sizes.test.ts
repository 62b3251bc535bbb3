// maxResponseBytes on a real socket: a compressed bomb stops early (counted on decoded
// bytes), a large error body is cut, neither is retried, and the connection is released.
import { gzipSync } from "node:zlib";
import { createDeskClient, DeskInvalidResponseError, DeskServerError } from "../../src/index.js";
import { CANARY, guardCanary } from "./leak-guard.js";
import { reply, type ScriptedServer, startScriptedServer } from "./scripted-server.js";

const guard = guardCanary(CANARY);
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const MiB = 1024 * 1024;
const desk = (options = {}) => createDeskClient({ baseUrl: server.url, apiToken: CANARY, ...options });

/** 64 MiB of JSON-looking text, gzipped to well under 1 MiB. */
const bomb = gzipSync(Buffer.from(`{"results":[${'"x",'.repeat(16 * MiB)}"x"]}`));

it("a gzip bomb ends at the cap: DeskInvalidResponseError, one attempt, memory far below the body", async () => {
  expect(bomb.byteLength).toBeLessThan(MiB);
  server.script((_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
    res.end(bomb);
  });
  global.gc?.();
  const before = process.memoryUsage().rss;
  const error = await guard.rejection(desk({ maxResponseBytes: 2 * MiB }).groups.get(77));
  const grown = process.memoryUsage().rss - before;
  expect(error).toBeInstanceOf(DeskInvalidResponseError);
  expect(error.message).toContain("larger than maxResponseBytes (2097152 bytes)");
  expect(server.arrivals).toHaveLength(1);
  // The decoded body is 64 MiB; reading stops after about 2 MiB.
  expect(grown).toBeLessThan(48 * MiB);
});

it("the default cap is 16 MiB, and a per-call cap beats the client's", async () => {
  const body = JSON.stringify({ id: 77, pad: "x".repeat(3000) });
  server.script(reply(200, body));
  await expect(
    desk({ maxResponseBytes: 1000 }).groups.get(77, { maxResponseBytes: 10_000 }),
  ).resolves.toMatchObject({
    id: 77,
  });
  const error = await guard.rejection(desk().groups.get(77, { maxResponseBytes: 1000 }));
  expect(error).toBeInstanceOf(DeskInvalidResponseError);
});

it("a 50 MB error body: the status's class, a bounded body, connection released", async () => {
  const huge = JSON.stringify({ message: "x".repeat(50_000_000) });
  let closed: Promise<string> = Promise.resolve("unset");
  server.script((req, res, arrival) => {
    // A kept-alive connection would stay open until the server closes; a released one closes.
    closed = new Promise((resolve) => res.socket!.on("close", () => resolve("closed by the client")));
    reply(503, huge)(req, res, arrival);
  });
  // One attempt here; an error answer is retried by its status however large it is, each
  // attempt cut at 64 KiB (see error-body-cap.test.ts).
  const error = await guard.rejection(desk({ maxResponseBytes: MiB, maxRetries: 0 }).groups.get(77));
  expect(error).toBeInstanceOf(DeskServerError);
  expect(error.status).toBe(503);
  expect(String(error.body).length).toBeLessThanOrEqual(200 + 3); // an excerpt of the cut text
  expect(error.message.length).toBeLessThan(1000);
  expect(server.arrivals).toHaveLength(1);
  // The client cancelled the body: the connection closes instead of being kept for reuse.
  const stillOpen = new Promise((resolve) => setTimeout(() => resolve("still open"), 5_000).unref());
  expect(await Promise.race([closed, stillOpen])).toBe("closed by the client");
});
