// Retries on a real socket: Retry-After honoured (and refused past the cap), 5xx retried up
// to maxRetries, attempts counted where they land, on the server.
import { createDeskClient, DeskRateLimitError, DeskServerError, isDeskApiError } from "../../src/index.js";
import group from "../fixtures/group-page/view-group.json";
import { CANARY, guardCanary } from "./leak-guard.js";
import { reply, type ScriptedServer, startScriptedServer } from "./scripted-server.js";

const guard = guardCanary(CANARY);
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const desk = () => createDeskClient({ baseUrl: server.url, apiToken: CANARY });

/** Every attempt went to the configured server with the token. */
function expectAuthenticated(count: number) {
  expect(server.arrivals).toHaveLength(count);
  for (const arrival of server.arrivals) {
    expect(arrival.url).toBe("/groups/77");
    expect(arrival.token).toBe(CANARY);
  }
}

test("429 with Retry-After: 1, then 200: one retry, sent at least the stated second later", async () => {
  server.script(reply(429, { message: "slow down" }, { "retry-after": "1" }), reply(200, group));
  await expect(desk().groups.get(77)).resolves.toEqual(group);
  expectAuthenticated(2);
  const [first, second] = server.arrivals;
  // libuv timers keep whole milliseconds, so a 1000 ms wait can measure a hair under 1000
  // on performance.now(); the default backoff (at most 500 ms) stays far below this bound.
  expect(second!.at - first!.at).toBeGreaterThanOrEqual(995);
});

test("429 with a Retry-After past the cap: DeskRateLimitError at once, after 1 attempt, with retryAfterMs", async () => {
  server.script(
    reply(429, { message: "come back in an hour" }, { "retry-after": "3600" }),
    reply(200, group),
  );
  const error = await guard.rejection(desk().groups.get(77));
  expect(error).toBeInstanceOf(DeskRateLimitError);
  expect(error).toMatchObject({ status: 429, attempts: 1, retryAfterMs: 3_600_000 });
  expect(error.message).toContain("come back in an hour");
  expectAuthenticated(1);
});

test("503, 503, 200: success on the third attempt", async () => {
  server.script(reply(503, { message: "busy" }), reply(503, { message: "busy" }), reply(200, group));
  await expect(desk().groups.get(77)).resolves.toEqual(group);
  expectAuthenticated(3);
});

test("500 three times: DeskServerError after 3 attempts, even when the server echoes the token", async () => {
  // A careless upstream that reflects the request's credential in its body and a header.
  server.script(
    reply(500, { message: "internal error", detail: `bad token ${CANARY}` }, { "x-debug-token": CANARY }),
  );
  const error = await guard.rejection(desk().groups.get(77));
  expect(error).toBeInstanceOf(DeskServerError);
  expect(isDeskApiError(error)).toBe(true);
  expect(error).toMatchObject({ status: 500, attempts: 3, method: "GET" });
  expect(error.message).toContain("internal error");
  expectAuthenticated(3);
});

test("maxRetries: 0 per call: one attempt, the 503 surfaces", async () => {
  server.script(reply(503, { message: "busy" }), reply(200, group));
  const error = await guard.rejection(desk().groups.get(77, { maxRetries: 0 }));
  expect(error).toMatchObject({ name: "DeskServerError", status: 503, attempts: 1 });
  expectAuthenticated(1);
});
