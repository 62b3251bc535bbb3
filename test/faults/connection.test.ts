// Failures below HTTP on real sockets: a body cut off, a port that refuses, an answer that
// never comes, and the caller giving up.
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { setTimeout as sleep } from "node:timers/promises";
import {
  createDeskClient,
  DeskAbortError,
  DeskConnectionError,
  DeskTimeoutError,
  isDeskError,
} from "../../src/index.js";
import group from "../fixtures/group-page/view-group.json";
import { CANARY, guardCanary } from "./leak-guard.js";
import {
  destroyMidBody,
  hang,
  refusedPort,
  reply,
  type ScriptedServer,
  startScriptedServer,
} from "./scripted-server.js";

const guard = guardCanary(CANARY);
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

/** Longer than the first backoff (about 500 ms), so a retry would have arrived by then. */
const PAST_FIRST_BACKOFF_MS = 800;

test("the socket destroyed mid-body: retried, then DeskConnectionError after 3 attempts", async () => {
  server.script(destroyMidBody(group));
  const desk = createDeskClient({ baseUrl: server.url, apiToken: CANARY });
  const error = await guard.rejection(desk.groups.get(77));
  expect(error).toBeInstanceOf(DeskConnectionError);
  expect(error.name).toBe("DeskConnectionError");
  expect(error.attempts).toBe(3);
  expect(server.arrivals).toHaveLength(3);
});

test("the socket destroyed mid-body once, then a whole answer: the retry succeeds", async () => {
  server.script(destroyMidBody(group), reply(200, group));
  const desk = createDeskClient({ baseUrl: server.url, apiToken: CANARY });
  await expect(desk.groups.get(77)).resolves.toEqual(group);
  expect(server.arrivals).toHaveLength(2);
});

test("connection refused: retried, then DeskConnectionError; undici saw 3 refused connects", async () => {
  const port = await refusedPort();
  let refused = 0;
  const onConnectError = (message: unknown) => {
    const { connectParams } = message as { connectParams?: { port?: string | number } };
    if (Number(connectParams?.port) === port) refused++;
  };
  subscribe("undici:client:connectError", onConnectError);
  try {
    const desk = createDeskClient({ baseUrl: `http://127.0.0.1:${port}`, apiToken: CANARY });
    const error = await guard.rejection(desk.groups.get(77));
    expect(error).toBeInstanceOf(DeskConnectionError);
    expect(error.name).toBe("DeskConnectionError");
    expect(error.attempts).toBe(3);
    expect(refused).toBe(3);
    expect(error.message).toContain("ECONNREFUSED");
  } finally {
    unsubscribe("undici:client:connectError", onConnectError);
  }
});

test("headers never sent: DeskTimeoutError, each attempt timed out on its own", async () => {
  server.script(hang);
  const desk = createDeskClient({ baseUrl: server.url, apiToken: CANARY, timeoutMs: 200 });
  const error = await guard.rejection(desk.groups.get(77));
  expect(error).toBeInstanceOf(DeskTimeoutError);
  expect(error.attempts).toBe(3);
  expect(error.message).toContain("200 ms");
  expect(server.arrivals).toHaveLength(3);
});

test("per-call timeoutMs and maxRetries override the client's", async () => {
  server.script(hang);
  const desk = createDeskClient({ baseUrl: server.url, apiToken: CANARY });
  const error = await guard.rejection(desk.groups.get(77, { timeoutMs: 100, maxRetries: 1 }));
  expect(error).toMatchObject({ name: "DeskTimeoutError", attempts: 2 });
  expect(server.arrivals).toHaveLength(2);
});

test("the caller aborts while the answer is awaited: DeskAbortError (not a timeout), no further attempt", async () => {
  server.script(hang);
  const desk = createDeskClient({ baseUrl: server.url, apiToken: CANARY, timeoutMs: 60_000 });
  const controller = new AbortController();
  const call = guard.rejection(desk.groups.get(77, { signal: controller.signal }));
  await server.arrived(1);
  controller.abort();
  const error = await call;
  expect(error).toBeInstanceOf(DeskAbortError);
  expect(isDeskError(error)).toBe(true);
  expect(error.attempts).toBe(1);
  await sleep(PAST_FIRST_BACKOFF_MS);
  expect(server.arrivals).toHaveLength(1);
});

test("the caller aborts during the backoff after a 503: DeskAbortError, no further attempt", async () => {
  server.script(reply(503, { message: "busy" }), reply(200, group));
  const desk = createDeskClient({ baseUrl: server.url, apiToken: CANARY });
  const controller = new AbortController();
  const call = guard.rejection(desk.groups.get(77, { signal: controller.signal }));
  await server.arrived(1);
  await sleep(100); // the 503 has been read; the client now sleeps at least 375 ms
  controller.abort(new Error(`caller gave up (token ${CANARY})`));
  const error = await call;
  expect(error).toBeInstanceOf(DeskAbortError);
  expect(error.attempts).toBe(1);
  await sleep(PAST_FIRST_BACKOFF_MS);
  expect(server.arrivals).toHaveLength(1);
});

test("a signal already aborted: nothing is sent", async () => {
  server.script(reply(200, group));
  const desk = createDeskClient({ baseUrl: server.url, apiToken: CANARY });
  const error = await guard.rejection(desk.groups.get(77, { signal: AbortSignal.abort() }));
  expect(isDeskError(error)).toBe(true);
  expect(server.arrivals).toHaveLength(0);
});
