// The retry policy as pure functions: which answers are retried, and how long to wait.

/** Statuses worth another attempt: timeouts, rate limits and passing server failures. */
const RETRYABLE = [408, 429, 500, 502, 503, 504];
/** The longest server-requested wait the client will sit through before retrying. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** True when a response with this status may be retried. */
export const isRetryableStatus = (status: number): boolean => RETRYABLE.includes(status);

/** The wait the server asked for, in milliseconds: `retry-after-ms`, else `Retry-After`
 *  (seconds or an HTTP date). Undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Math.ceil(+ms);
  const value = headers.get("retry-after") ?? "";
  if (/^\s*\d+\s*$/.test(value)) return +value * 1000;
  const date = Date.parse(value);
  return date ? Math.max(0, date - now) : undefined;
}

/** Exponential backoff with jitter for retry number `retry` (1 for the first retry):
 *  about 0.5 s, 1 s, 2 s... capped at 8 s, each shortened by up to a quarter at random. */
export const backoffMs = (retry: number, random: () => number = Math.random): number =>
  Math.round(Math.min(500 * 2 ** (retry - 1), 8_000) * (1 - random() * 0.25));

/** How long to wait before retry number `retry` after a response with these headers, or
 *  `undefined` when the server asks for longer than the client will wait. */
export function delayBeforeRetry(
  retry: number,
  headers: Headers | undefined,
  random?: () => number,
): number | undefined {
  const asked = headers && retryAfterMs(headers);
  return asked === undefined ? backoffMs(retry, random) : asked <= MAX_RETRY_AFTER_MS ? asked : undefined;
}
