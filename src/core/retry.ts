// The retry policy as pure functions: which outcomes are retried, how long to wait, and
// what a server's Retry-After asks for. The loop that applies it is in transport.ts.
import { INITIAL_RETRY_DELAY_MS, MAX_RETRY_AFTER_MS, MAX_RETRY_DELAY_MS, RETRY_JITTER } from "./defaults.js";

/** Statuses worth another attempt: timeouts, rate limits and passing server failures. */
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/** True when an answer with this status may be retried. */
export const isRetryableStatus = (status: number): boolean => RETRYABLE_STATUSES.has(status);

const MONTH = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
const TIME = "\\d\\d:\\d\\d:\\d\\d";
/** The three HTTP-date forms a recipient must accept (RFC 9110, 5.6.7): IMF-fixdate, the
 *  obsolete RFC 850 form, and asctime. Anything else is not a date, whatever Date.parse says. */
const HTTP_DATE = new RegExp(
  [
    `^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d ${MONTH} \\d{4} ${TIME} GMT$`,
    `^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \\d\\d-${MONTH}-\\d\\d ${TIME} GMT$`,
    `^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${MONTH} [ \\d]\\d ${TIME} \\d{4}$`,
  ].join("|"),
);
/** A non-negative number of seconds (or milliseconds): digits, with an optional fraction. */
const DURATION = /^\d+(\.\d+)?$/;

/** The wait the server asked for, in milliseconds: `retry-after-ms`, else `Retry-After` as
 *  seconds (fractions honoured: `1.5` is 1,500 ms) or an HTTP-date. Undefined when absent or
 *  unreadable, so an unreadable value means ordinary backoff, never "retry at once". */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms")?.trim();
  if (ms && DURATION.test(ms)) return Math.ceil(Number(ms));
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (DURATION.test(value)) return Math.ceil(Number(value) * 1000);
  if (!HTTP_DATE.test(value)) return undefined;
  const date = Date.parse(value);
  // A date in the past asks for no wait; epoch 0 is such a date, not an unreadable one.
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with jitter for retry number `retry` (1 for the first retry):
 *  about 0.5 s, 1 s, 2 s... capped at 8 s, each shortened by up to a quarter at random. */
export function backoffMs(retry: number, random: () => number = Math.random): number {
  const full = Math.min(INITIAL_RETRY_DELAY_MS * 2 ** (retry - 1), MAX_RETRY_DELAY_MS);
  return Math.round(full * (1 - random() * RETRY_JITTER));
}

/** How long to wait before a retry, and why: "too-long" when the server asked for more than the
 *  client waits. */
export interface RetryWait {
  ms: number;
  source: "backoff" | "retry-after" | "too-long";
}

/** The wait before retry number `retry`, after an answer with `headers` (none for a
 *  failure without an answer). */
export function waitBeforeRetry(retry: number, headers?: Headers, random?: () => number): RetryWait {
  const asked = headers && retryAfterMs(headers);
  if (asked === undefined) return { ms: backoffMs(retry, random), source: "backoff" };
  return { ms: asked, source: asked <= MAX_RETRY_AFTER_MS ? "retry-after" : "too-long" };
}
