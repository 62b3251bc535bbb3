// The facts the benchmark's parts share: how every contender is configured, the names of the
// reference contenders, and the targets.

/** The token every contender sends (the stand-in server does not check it). */
export const TOKEN = "bench-token";
/** The client's retry and timeout settings, given alike to every contender that has them. */
export const RETRIES = 2;
export const TIMEOUT_MS = 30_000;

/** The options every build of the client is created with, against the stand-in at `baseUrl`. */
export const deskOptions = (baseUrl) => ({
  baseUrl,
  apiToken: TOKEN,
  maxRetries: RETRIES,
  timeoutMs: TIMEOUT_MS,
});

/** This checkout's build with the answer's schema left unchecked: against it, desk (whose default
 *  is `validateResponses: "warn"`) shows what checking each answer costs. */
export const DESK_OFF = 'validateResponses: "off"';

/** The reference contenders of the per-request part. */
export const FETCH = "fetch + json()";
export const BARE = "openapi-fetch";
/** openapi-fetch with the per-request timeout a user would add, to show what a timeout costs. */
export const BARE_TIMEOUT = "openapi-fetch + timeout";
/** The reference walk of the pagination part. */
export const RAW_LOOP = "raw fetch loop";
/** Two more walks, not targets, that split desk's cost over the raw loop: the same loop on bare
 *  openapi-fetch (what the layer underneath costs), and desk's own page walk without the
 *  per-item iterator (`for await` over `.pages()`, each page's items in a plain loop). */
export const OPENAPI_LOOP = "openapi-fetch loop";
export const DESK_PAGES = ".pages()";

/** Each peer, and how it is configured (whether it retries and times out like the client). */
export const PEERS = {
  "undici.request": "the floor in Node: undici's own API, no fetch layer; no retries, no timeout",
  [FETCH]: "Node's global fetch by hand; no retries, no timeout",
  [BARE]: "bare, the copy the client itself depends on; no retries, no timeout",
  [BARE_TIMEOUT]:
    `the same, with a timeout of ${TIMEOUT_MS} ms per call the way a user would add one (an AbortController ` +
    "and a timer per call, the client's own mechanism per attempt); no retries. Not a target: it shows " +
    "what the timeout alone costs",
  "@hey-api/client-fetch": "a generated-client runtime on fetch; no retries, no timeout",
  ofetch: `retry: ${RETRIES}, timeout: ${TIMEOUT_MS} ms`,
  ky: `retry: ${RETRIES}, timeout: ${TIMEOUT_MS} ms`,
  axios: `its Node http adapter, timeout: ${TIMEOUT_MS} ms (axios has no retries of its own)`,
};

/** Guards against a real regression, not targets to trade readable code for (a call to the real
 *  API costs 50 to 500 ms; these are measured on loopback): the cost of `desk.groups.get` at
 *  most this times bare openapi-fetch's, sequential and at 32 in flight, ... */
export const PER_REQUEST_LIMIT = 1.2;
/** ... a walk over every group at most this times the raw loop's time, ... */
export const PAGINATION_LIMIT = 1.4;
/** ... and a walk over pages of 500 groups checked ("warn") at most this times the same unchecked.
 *  The peers (ofetch, ky, axios) and the live heap are reported beside, not judged. */
export const CHECK_LIMIT = 1.05;
