// Every default and limit of the client, named once. The spec's own numbers (parameter
// bounds, the token header, the content type) come from generated/spec.ts instead.

/** Time allowed for each attempt, body included. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** The longest timeout a timer can hold (setTimeout's limit). */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;
/** Retries after the first attempt. */
export const DEFAULT_MAX_RETRIES = 2;
/** The most retries a caller may ask for. */
export const MAX_RETRIES_LIMIT = 10;
/** The largest answer read, counted on decoded bytes (16 MiB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** The first backoff wait; each retry doubles it. */
export const INITIAL_RETRY_DELAY_MS = 500;
/** The longest backoff wait. */
export const MAX_RETRY_DELAY_MS = 8_000;
/** Each backoff wait is shortened by up to this fraction at random, so clients spread out. */
export const RETRY_JITTER = 0.25;
/** The longest server-requested wait the client sits through before retrying. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** How much of an error answer the client reads (64 KiB): enough to explain it; the rest is
 *  not read, and the connection is released. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;
/** How many item IDs a walk over pages remembers, to skip an item seen lately (offset paging
 *  shifts items while a walk goes on, and a server that ignores the offset repeats pages):
 *  twenty pages at the largest limit, a few hundred kilobytes at most. */
export const MAX_REMEMBERED_IDS = 10_000;
/** How much of a raw body a message quotes. */
export const EXCERPT_CHARS = 200;
/** How much of a bad input value a validation message shows. */
export const SHOWN_VALUE_CHARS = 80;

/** The environment variables the client reads when an option is not given, by option
 *  (exported: tools built on the client read the same ones). */
export const ENVIRONMENT = Object.freeze({
  apiToken: "SENDBIRD_DESK_API_TOKEN",
  applicationId: "SENDBIRD_APP_ID",
  logLevel: "SENDBIRD_DESK_LOG",
} as const);

/** The log level when neither the option nor env SENDBIRD_DESK_LOG sets one. */
export const DEFAULT_LOG_LEVEL = "warn";

/** What stands in for the API token, and for anything else secret, wherever text is shown
 *  (exported, so tools built on the client mask alike). */
export const REDACTED = "[redacted]";

/** Attempts in flight at most, client-wide: enough to keep a remote API busy (32 answers of
 *  100 ms each are 320 requests per second), few enough that a burst against a limit the
 *  client has not learned yet draws at most that many 429s before the first one returns. */
export const DEFAULT_MAX_CONCURRENCY = 32;
/** The most attempts in flight a client may allow. */
export const MAX_CONCURRENCY_LIMIT = 1024;
/** After a 429 at a pace, the pace drops to this share of the server's limit as fitted. */
export const PACE_CUT = 0.95;
/** Until the server has objected to a pace, it grows by this much per answer while calls wait
 *  for it: e^2.08, about 8 times, per second. */
export const PACE_GROWTH_PROBING = Math.log(16);
/** Once it has, the pace grows slowly at first and faster the longer no 429 comes: its growth
 *  per second is this share of the server's fitted limit per second since the last hold (2 %
 *  of the limit per second after 10 s), so it stays near the limit and finds a higher one. */
export const PACE_GROWTH_LEARNED = 0.002;
/** The window over which the rate the server accepted is counted at a first 429. */
export const PACE_WINDOW_MS = 1000;
/** A pace that grew by this share since the last debug line about it gets another. */
export const PACE_LOG_STEP = 0.25;
