// The client-wide limiter, seen from a real socket: one 429 with Retry-After holds back every
// call of the client, `maxConcurrency` caps the attempts in flight, the pace after a hold
// spreads the calls out, a client that is never throttled sends as before, and a call waiting
// its turn still ends on its caller's signal. Times are measured on the server side.
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { createDeskClient, DeskAbortError, DeskValidationError, type Logger } from "../../src/index.js";
import group from "../fixtures/group-page/view-group.json";
import { CANARY, guardCanary } from "./leak-guard.js";
import { reply, type ScriptedServer, type Step, startScriptedServer } from "./scripted-server.js";

guardCanary(CANARY);
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const ok = reply(200, group);
const tooMany = reply(429, { message: "Too many requests." }, { "retry-after": "1" });

/** Answers like `step`, `ms` later; counts how many requests are open at once. */
function slow(step: Step, ms: number, open: { now: number; most: number }): Step {
  return (req: IncomingMessage, res: ServerResponse, arrival) => {
    open.now++;
    open.most = Math.max(open.most, open.now);
    setTimeout(() => {
      open.now--;
      step(req, res, arrival);
    }, ms);
  };
}

/** Polls `check` every few ms until it holds (or fails after 5 s). */
async function until(check: () => boolean): Promise<void> {
  for (let waited = 0; !check(); waited += 5) {
    if (waited > 5000) throw new Error("condition not reached in 5 s");
    await sleep(5);
  }
}

const debugLines = () => {
  const lines: string[] = [];
  const logger: Logger = { error() {}, warn() {}, info() {}, debug: (line) => void lines.push(line) };
  return { lines, logger };
};

it.each([429, 503])(
  "one %i with Retry-After: 1 holds back every call of the client for about a second",
  async (status) => {
    server.script(reply(status, { message: "Wait." }, { "retry-after": "1" }), ok);
    const { lines, logger } = debugLines();
    const desk = createDeskClient({ baseUrl: server.url, apiToken: CANARY, logLevel: "debug", logger });
    const first = desk.groups.get(77);
    await until(() => desk.rateLimit.holdMs > 0);
    const throttledAt = server.arrivals[0]!.at;
    // Three calls that never got that answer themselves, started during the hold.
    const others = [desk.groups.get(77), desk.groups.get(77), desk.groups.get(77)];
    await until(() => desk.rateLimit.waiting === 3);
    expect(server.arrivals).toHaveLength(1);
    await expect(Promise.all([first, ...others])).resolves.toHaveLength(4);
    expect(server.arrivals).toHaveLength(5);
    for (const later of server.arrivals.slice(1)) expect(later.at - throttledAt).toBeGreaterThanOrEqual(950);
    expect(desk.rateLimit.pace).toBeGreaterThan(0);
    const paced = new RegExp(
      `pace [\\d.]+ requests/s \\(was unpaced\\): first ${status}; 0 waiting, 0 in flight, holding \\d+ ms$`,
    );
    expect(lines.some((line) => paced.test(line))).toBe(true);
  },
);

it("after the hold, the waiting calls are paced out, not sent at once", async () => {
  server.script(ok);
  const desk = createDeskClient({ baseUrl: server.url, apiToken: CANARY });
  await desk.groups.get(77); // one answer accepted in the last second: the pace starts near 1/s
  server.script(tooMany, ok);
  const first = desk.groups.get(77);
  await until(() => desk.rateLimit.holdMs > 0);
  const waiting = Array.from({ length: 8 }, () => desk.groups.get(77));
  await Promise.all([first, ...waiting]);
  const resumed = server.arrivals.slice(1).map((a) => a.at);
  expect(resumed).toHaveLength(9);
  // Released at once, the nine would arrive within a few ms; paced, they take hundreds.
  expect(resumed.at(-1)! - resumed[0]!).toBeGreaterThan(300);
});

it("maxConcurrency: 4 never has more than 4 requests in flight, and the rest wait their turn", async () => {
  const open = { now: 0, most: 0 };
  server.script(slow(ok, 40, open));
  const desk = createDeskClient({ baseUrl: server.url, apiToken: CANARY, maxConcurrency: 4 });
  const calls = Array.from({ length: 20 }, () => desk.groups.get(77));
  await until(() => desk.rateLimit.inFlight === 4);
  expect(desk.rateLimit).toMatchObject({ waiting: 16, maxConcurrency: 4, pace: undefined, holdMs: 0 });
  await expect(Promise.all(calls)).resolves.toHaveLength(20);
  expect(server.arrivals).toHaveLength(20);
  expect(open.most).toBe(4);
});

it("a client that never sees a 429 sends as before: every call at once, unpaced, nothing waiting", async () => {
  const open = { now: 0, most: 0 };
  // Each answer takes a second: long enough for all 32 to arrive first even on a loaded machine
  // (a tenth of that was not, under Jest's workers on two cores).
  const answerMs = 1_000;
  server.script(slow(ok, answerMs, open));
  const desk = createDeskClient({ baseUrl: server.url, apiToken: CANARY });
  const calls = Array.from({ length: 32 }, () => desk.groups.get(77));
  await server.arrived(32);
  const arrivals = server.arrivals.map((a) => a.at);
  expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(answerMs); // all before any answer
  expect(desk.rateLimit).toMatchObject({ pace: undefined, waiting: 0, inFlight: 32, maxConcurrency: 32 });
  await expect(Promise.all(calls)).resolves.toHaveLength(32);
  expect(open.most).toBe(32);
  expect(desk.rateLimit.pace).toBeUndefined();
});

it("the caller's signal ends a call waiting its turn; timeoutMs does not count the wait", async () => {
  const open = { now: 0, most: 0 };
  server.script(slow(ok, 300, open));
  const desk = createDeskClient({ baseUrl: server.url, apiToken: CANARY, maxConcurrency: 1 });
  const busy = desk.groups.get(77);
  const controller = new AbortController();
  const aborted = desk.groups.get(77, { signal: controller.signal });
  // Waits about 300 ms for its turn, then its own attempt takes 300 ms: within 400 ms per attempt.
  const patient = desk.groups.get(77, { timeoutMs: 400 });
  await until(() => desk.rateLimit.waiting === 2);
  controller.abort(new Error("caller gave up"));
  const error = await aborted.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DeskAbortError);
  expect(error).toMatchObject({ attempts: 0 });
  expect(desk.rateLimit.waiting).toBe(1);
  await expect(Promise.all([busy, patient])).resolves.toHaveLength(2);
  expect(server.arrivals).toHaveLength(2); // the aborted call never reached the server
});

it.each([0, 1.5, 1025, "4", Infinity])("maxConcurrency %p is refused, naming the rule", (value) => {
  expect(() =>
    createDeskClient({ baseUrl: server.url, apiToken: CANARY, maxConcurrency: value as number }),
  ).toThrow(DeskValidationError);
  expect(() =>
    createDeskClient({ baseUrl: server.url, apiToken: CANARY, maxConcurrency: value as number }),
  ).toThrow(/maxConcurrency.*must be an integer from 1 to 1024/);
});
