// The options a client and a call take. Each setting is declared once: the ones a call may
// override are `CallOptions`, shared by the client and by every method. Every option may be
// given as `undefined`, which means the same as leaving it out (so a project compiled with
// exactOptionalPropertyTypes can pass `process.env.X` or a value that may be missing).
import type { ValidateResponses } from "./core/answer-check.js";
import type { Logger, LogLevel } from "./core/log.js";

/** `RequestInit` fields the client owns: passing them in `fetchOptions` is refused. */
export type OwnedInitField = "method" | "body" | "headers" | "signal" | "redirect";

/** Extra `RequestInit` fields passed to every fetch, such as an undici `dispatcher` for a
 *  proxy. The fields the client owns are refused. */
export type FetchOptions = Omit<RequestInit, OwnedInitField> & {
  [field in OwnedInitField]?: never;
} & { [field: string]: unknown };

/** The settings a single call may override. */
export interface CallOptions {
  /** Time allowed for each attempt, body included, in milliseconds. Default 30000. */
  timeoutMs?: number | undefined;
  /** How many times a failed attempt may be retried (0 to 10). Default 2. */
  maxRetries?: number | undefined;
  /** The largest answer read, in decoded bytes; a larger one fails the call. Default 16 MiB. */
  maxResponseBytes?: number | undefined;
  /** Extra fields for each fetch (merged over the client's). */
  fetchOptions?: FetchOptions | undefined;
  /** A 2xx body that breaks the spec's schema: "warn" returns it and logs each distinct
   *  violation once per client, "throw" throws `DeskInvalidResponseError` with its
   *  `violations`, "off" checks only what the client itself reads. Default "warn". */
  validateResponses?: ValidateResponses | undefined;
}

/** Per-call options, accepted last by every resource method. */
export interface RequestOptions extends CallOptions {
  /** Aborts the call at once; an aborted call is never retried. */
  signal?: AbortSignal | undefined;
  /** Headers for this call; they beat `defaultHeaders`. The token header, `Content-Type`
   *  and `User-Agent` cannot be set this way. */
  headers?: HeadersInit | undefined;
}

/** The fetch function the client sends with: called as `fetch(request, fetchOptions)`. */
export type FetchFunction = (request: Request, init?: RequestInit) => Promise<Response>;

/** Options of `createDeskClient`. */
export interface DeskClientOptions extends CallOptions {
  /** Your Sendbird application ID (Dashboard > Settings > Application > General); the client
   *  calls `https://desk-api-{applicationId}.sendbird.com/platform/v1`. Default: env SENDBIRD_APP_ID. */
  applicationId?: string | undefined;
  /** The API's base URL instead, e.g. the mock's; it takes precedence over `applicationId`. */
  baseUrl?: string | undefined;
  /** Allow a plain-http `baseUrl` on a host that is not loopback (a test rig's service name).
   *  The token then crosses that network in clear text. */
  allowHttp?: boolean | undefined;
  /** A Desk API token (Dashboard > Settings > Desk > Credentials). Default: env SENDBIRD_DESK_API_TOKEN. */
  apiToken?: string | undefined;
  /** The fetch function to send requests with (default: the global fetch). */
  fetch?: FetchFunction | undefined;
  /** Headers for every call; per-call `headers` beat them. The token header, `Content-Type`
   *  and `User-Agent` cannot be set this way. */
  defaultHeaders?: HeadersInit | undefined;
  /** Appended to the `User-Agent` header, e.g. `my-app/1.2`. */
  userAgent?: string | undefined;
  /** What the client logs. Default: env SENDBIRD_DESK_LOG, else "warn". */
  logLevel?: LogLevel | undefined;
  /** Where log lines go. Default: `console`. */
  logger?: Logger | undefined;
  /** The most attempts in flight at once, across every call of this client (1 to 1024); more
   *  wait their turn in order. Default 32. */
  maxConcurrency?: number | undefined;
  /** Allow construction in a browser, where the token would be exposed to every visitor. */
  dangerouslyAllowBrowser?: boolean | undefined;
}
