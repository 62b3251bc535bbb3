// Settles the client options: where to send requests, with which token, and how patiently.
import * as spec from "../generated/spec.js";
import type { TransportConfig } from "./transport.js";
import { check, checkRequestOptions } from "./validate.js";

/** Options of `createDeskClient`. */
export interface DeskClientOptions {
  /** Your Sendbird application ID (Dashboard > Settings > Application > General); the client
   *  calls `https://desk-api-{applicationId}.sendbird.com/platform/v1`. Default: env SENDBIRD_APP_ID. */
  applicationId?: string;
  /** The API's base URL instead, e.g. the mock's; it takes precedence over `applicationId`. */
  baseUrl?: string;
  /** A Desk API token (Dashboard > Settings > Desk > Credentials). Default: env SENDBIRD_DESK_API_TOKEN. */
  apiToken?: string;
  /** The fetch function to send requests with (default: the global fetch). */
  fetch?: (request: Request) => Promise<Response>;
  /** Time allowed for each attempt, in milliseconds. Default 30000. */
  timeoutMs?: number;
  /** How many times a failed attempt may be retried. Default 2. */
  maxRetries?: number;
  /** Allow construction in a browser, where the token would be exposed to every visitor. */
  dangerouslyAllowBrowser?: boolean;
  /** Appended to the `User-Agent` header, e.g. `my-app/1.2`. */
  userAgent?: string;
}

/** A host label is at most 63 characters, and `desk-api-` takes 9 of them. */
const APPLICATION_ID = /^[a-z\d](?:[a-z\d-]{0,52}[a-z\d])?$/i;
const LOOPBACK = /^(localhost|127\.[\d.]+|\[::1\])$/;

const env = (name: string): string | undefined =>
  (globalThis as { process?: { env?: Record<string, string> } }).process?.env?.[name] || undefined;

/** Validates the options and returns the transport configuration and the base URL. */
export function resolveOptions(options: DeskClientOptions): TransportConfig & { baseUrl: string } {
  checkRequestOptions(options); // an object; timeoutMs and maxRetries
  const {
    baseUrl,
    fetch,
    userAgent = "",
    applicationId = env("SENDBIRD_APP_ID"),
    apiToken: token = env("SENDBIRD_DESK_API_TOKEN"),
  } = options;
  const browser = !!(globalThis as { window?: { document?: unknown } }).window?.document;
  check(
    !browser || options.dangerouslyAllowBrowser === true,
    "dangerouslyAllowBrowser",
    options.dangerouslyAllowBrowser,
    "must be true in a browser, where the token would be exposed (the API is server-side only)",
  );
  check(token, "apiToken", token, "is required (or env SENDBIRD_DESK_API_TOKEN)");
  check(
    typeof token === "string" && /^[\x21-\x7e]+$/.test(token),
    "apiToken",
    token,
    "must be printable ASCII without spaces",
    true,
  );
  let url: URL | undefined;
  if (baseUrl !== undefined) {
    try {
      url = new URL(baseUrl);
    } catch {
      // reported below
    }
    check(
      url &&
        (url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.test(url.hostname))) &&
        !(url.username || url.password || url.search || url.hash),
      "baseUrl",
      baseUrl,
      "must be https (http on loopback), without credentials, query or fragment",
    );
  } else {
    check(
      applicationId !== undefined,
      "applicationId",
      applicationId,
      "is required (or baseUrl, or env SENDBIRD_APP_ID)",
    );
    check(
      typeof applicationId === "string" && APPLICATION_ID.test(applicationId),
      "applicationId",
      applicationId,
      "must be letters, digits and inner hyphens",
    );
    url = new URL(spec.server.url.replace(`{${spec.server.variable}}`, applicationId!));
  }
  check(fetch === undefined || typeof fetch === "function", "fetch", fetch, "must be a function");
  check(
    typeof userAgent === "string" && /^[\x20-\x7e]*$/.test(userAgent),
    "userAgent",
    userAgent,
    "must be printable ASCII",
  );
  return {
    baseUrl: url!.href.replace(/\/+$/, ""),
    origin: url!.origin,
    token: token as string,
    fetch,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 2,
    userAgent: `sendbird-desk-platform ${userAgent}`.trim(),
  };
}
