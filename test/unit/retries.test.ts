// Retries below openapi-fetch: which failures, how many attempts, which waits; timeouts
// per attempt; the caller's signal stops everything at once.

import { MAX_RETRY_AFTER_MS } from "../../src/core/defaults.js";
import { backoffMs, isRetryableStatus, retryAfterMs, waitBeforeRetry } from "../../src/core/retry.js";
import { DeskConnectionError, DeskRateLimitError, DeskTimeoutError } from "../../src/index.js";
import { caught, client, json, withMembers } from "./fake-fetch.js";

const fast = { "retry-after-ms": "0" }; // the server's own "retry now", to keep tests quick
const ok = () => json(withMembers(7));

describe("the policy", () => {
  it("retries 408, 429, 500, 502, 503, 504 and nothing else", () => {
    const statuses = Array.from({ length: 500 }, (_, i) => i + 100).filter(isRetryableStatus);
    expect(statuses).toEqual([408, 429, 500, 502, 503, 504]);
  });

  it("backs off about 0.5 s doubling, capped at 8 s, with up to 25% jitter", () => {
    expect([1, 2, 3, 4, 5, 6, 9].map((n) => backoffMs(n, () => 0))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
    expect(backoffMs(1, () => 1)).toBe(375);
    expect(backoffMs(5, () => 0.5)).toBe(7000);
  });

  it("reads retry-after-ms, Retry-After seconds and Retry-After dates", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs(new Headers({ "retry-after-ms": "1500" }), now)).toBe(1500);
    expect(retryAfterMs(new Headers({ "retry-after": "3" }), now)).toBe(3000);
    expect(retryAfterMs(new Headers({ "retry-after": "Thu, 01 Jan 2026 00:00:10 GMT" }), now)).toBe(10_000);
    expect(retryAfterMs(new Headers({ "retry-after": "Wed, 31 Dec 2025 00:00:00 GMT" }), now)).toBe(0);
    expect(retryAfterMs(new Headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });

  it("honours a server wait up to the cap and refuses a longer one", () => {
    const atCap = new Headers({ "retry-after": String(MAX_RETRY_AFTER_MS / 1000) });
    expect(waitBeforeRetry(1, atCap)).toEqual({ ms: MAX_RETRY_AFTER_MS, source: "retry-after" });
    const overCap = new Headers({ "retry-after": String(MAX_RETRY_AFTER_MS / 1000 + 1) });
    expect(waitBeforeRetry(1, overCap).source).toBe("too-long");
    expect(waitBeforeRetry(2, new Headers(), () => 0)).toEqual({ ms: 1000, source: "backoff" });
  });
});

describe("the client", () => {
  it.each([408, 429, 500, 502, 503, 504])("retries %i and succeeds", async (status) => {
    const { desk, seen } = client([json({ message: "busy" }, status, fast), ok()]);
    expect((await desk.groups.get(7)).id).toBe(7);
    expect(seen).toHaveLength(2);
  });

  it("gives up after maxRetries + 1 attempts and says how many", async () => {
    const { desk, seen } = client([json({ message: "down" }, 500, fast)]);
    const error = await caught(() => desk.groups.get(7));
    expect(seen).toHaveLength(3);
    expect(error).toMatchObject({ name: "DeskServerError", attempts: 3 });
    expect(error.message).toMatch(/\(after 3 attempts\)$/);
  });

  it("takes maxRetries per call", async () => {
    const { desk, seen } = client([json({ message: "down" }, 503, fast)], { maxRetries: 5 });
    await caught(() => desk.groups.get(7, { maxRetries: 1 }));
    expect(seen).toHaveLength(2);
  });

  it("does not retry other statuses", async () => {
    const { desk, seen } = client([json({ message: "no" }, 400)]);
    await caught(() => desk.groups.get(7));
    expect(seen).toHaveLength(1);
  });

  it("fails at once when the server asks for a wait beyond the cap", async () => {
    const { desk, seen } = client([json({ message: "slow down" }, 429, { "retry-after": "3600" })]);
    const error = await caught(() => desk.groups.get(7));
    expect(error).toBeInstanceOf(DeskRateLimitError);
    expect(error.retryAfterMs).toBe(3_600_000);
    expect(seen).toHaveLength(1);
  });

  it("retries membership changes, re-sending the same body each attempt", async () => {
    const { desk, seen } = client([json({}, 503, fast), json({}, 502, fast), ok()]);
    await desk.groups.addMember(7, 28);
    expect(seen.map((r) => [r.method, r.body])).toEqual([
      ["POST", '{"agentId":28}'],
      ["POST", '{"agentId":28}'],
      ["POST", '{"agentId":28}'],
    ]);
    expect(new Set(seen.map((r) => r.signal)).size).toBe(3); // a fresh signal per attempt
  });

  it("retries connection errors with backoff, then raises DeskConnectionError", async () => {
    const refused = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
    const { desk, seen } = client([refused], { maxRetries: 1 });
    const error = await caught(() => desk.groups.get(7));
    expect(error).toBeInstanceOf(DeskConnectionError);
    expect(error).toMatchObject({ attempts: 2, method: "GET" });
    expect(error.message).toContain("fetch failed (ECONNREFUSED) (after 2 attempts)");
    expect(error.cause.message).toBe("fetch failed (ECONNREFUSED)");
    expect(seen).toHaveLength(2);
  });

  it("recovers when a retry connects", async () => {
    const { desk, seen } = client([new TypeError("socket hang up"), ok()], { maxRetries: 1 });
    expect((await desk.groups.get(7)).id).toBe(7);
    expect(seen).toHaveLength(2);
  });
});

/** A fetch that never answers until its request's signal aborts. */
const hang = (request: Request) =>
  new Promise<Response>((_resolve, reject) =>
    request.signal.addEventListener("abort", () => reject(request.signal.reason)),
  );

describe("timeouts", () => {
  it("apply to each attempt and end in DeskTimeoutError", async () => {
    const { desk, seen } = client([hang], { timeoutMs: 20, maxRetries: 0 });
    const error = await caught(() => desk.groups.get(7));
    expect(error).toBeInstanceOf(DeskTimeoutError);
    expect(error).toBeInstanceOf(DeskConnectionError);
    expect(error.message).toContain("timed out after 20 ms");
    expect(seen).toHaveLength(1);
  });

  it("are retried, and timeoutMs can be set per call", async () => {
    const { desk, seen } = client([hang, ok()], { timeoutMs: 60_000, maxRetries: 1 });
    expect((await desk.groups.get(7, { timeoutMs: 20 })).id).toBe(7);
    expect(seen).toHaveLength(2);
  });

  it("cover reading the body", async () => {
    const stalled = (request: Request) => {
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"id":'));
          request.signal.addEventListener("abort", () => controller.error(request.signal.reason));
        },
      });
      return new Response(body, { status: 200 });
    };
    const { desk } = client([stalled], { timeoutMs: 20, maxRetries: 0 });
    expect(await caught(() => desk.groups.get(7))).toBeInstanceOf(DeskTimeoutError);
  });
});

describe("the caller's signal", () => {
  it("aborts an attempt at once and is never retried", async () => {
    const controller = new AbortController();
    const { desk, seen } = client([hang], { maxRetries: 2 });
    const pending = caught(() => desk.groups.get(7, { signal: controller.signal }));
    await new Promise((r) => setTimeout(r, 10));
    controller.abort(new Error("user gave up"));
    const error = await pending;
    expect(error).toMatchObject({ name: "DeskAbortError", attempts: 1 });
    expect(error.cause.message).toBe("user gave up");
    expect(seen).toHaveLength(1);
  });

  it("cuts a backoff wait short", async () => {
    const controller = new AbortController();
    const { desk, seen } = client([json({}, 503, { "retry-after": "30" })], { maxRetries: 2 });
    const pending = caught(() => desk.groups.get(7, { signal: controller.signal }));
    await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    expect(await pending).toMatchObject({ name: "DeskAbortError", attempts: 1 });
    expect(seen).toHaveLength(1);
  });

  it("already aborted: nothing is sent", async () => {
    const { desk, seen } = client([ok()]);
    const error = await caught(() => desk.groups.get(7, { signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ name: "DeskAbortError", attempts: 0 });
    expect(seen).toHaveLength(0);
  });
});
