// An unreadable Retry-After counts as absent: the ordinary backoff applies, never "retry at
// once". Read the parser's verdicts, then watch the waits a real 429 server causes.

import { retryAfterMs } from "../../src/core/retry.js";
import { createDeskClient, type Logger } from "../../src/index.js";
import group from "../fixtures/group-page/view-group.json";
import { CANARY, guardCanary } from "./leak-guard.js";
import { reply, type ScriptedServer, startScriptedServer } from "./scripted-server.js";

guardCanary(CANARY);
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const NOW = Date.parse("2026-01-01T00:00:00Z");
const UNREADABLE = ["-1", "+2", "abc", "May 5", "1 2", "3, 4", "2026-01-01T00:00:10Z", "1e3", ""];

it.each(UNREADABLE)("Retry-After %j is unreadable: no wait is taken from it", (value) => {
  expect(retryAfterMs(new Headers({ "retry-after": value }), NOW)).toBeUndefined();
  expect(retryAfterMs(new Headers({ "retry-after-ms": value }), NOW)).toBeUndefined();
});

it("fractional seconds are honoured, and epoch 0 is a date (in the past: no wait), not unreadable", () => {
  expect(retryAfterMs(new Headers({ "retry-after": "1.5" }), NOW)).toBe(1500);
  expect(retryAfterMs(new Headers({ "retry-after": "0.5" }), NOW)).toBe(500);
  expect(retryAfterMs(new Headers({ "retry-after": "Thu, 01 Jan 1970 00:00:00 GMT" }), NOW)).toBe(0);
  expect(retryAfterMs(new Headers({ "retry-after": "Thursday, 01-Jan-26 00:00:05 GMT" }), NOW)).toBe(5000);
  expect(retryAfterMs(new Headers({ "retry-after": "Thu Jan  1 00:00:07 2026" }), NOW)).toBe(7000);
  expect(retryAfterMs(new Headers({ "retry-after-ms": "250" }), NOW)).toBe(250);
});

it.each(["abc", "3, 4", "-1"])(
  "a 429 server with Retry-After %j gets backoff waits, not a storm",
  async (value) => {
    server.script(reply(429, { message: "slow down" }, { "retry-after": value }), reply(200, group));
    const info: string[] = [];
    const logger: Logger = { error() {}, warn() {}, info: (line) => void info.push(line), debug() {} };
    const desk = createDeskClient({ baseUrl: server.url, apiToken: CANARY, logLevel: "info", logger });
    await expect(desk.groups.get(77)).resolves.toEqual(group);
    expect(server.arrivals).toHaveLength(2);
    expect(info).toHaveLength(1);
    expect(info[0]).toMatch(/status 429; retrying in (\d+) ms \(backoff\)$/);
    const waited = Number(/retrying in (\d+) ms/.exec(info[0]!)![1]);
    expect(waited).toBeGreaterThan(0);
  },
);
