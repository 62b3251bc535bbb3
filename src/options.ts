// Settles the client options: where to send requests, with which token, and how patiently.
import * as spec from "../generated/spec.js";
import { DeskValidationError } from "./errors.js";
import type { TransportConfig } from "./transport.js";
import { checkMaxRetries, checkTimeout } from "./validate.js";

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

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRIES = 2;
/** A host label is at most 63 characters, and `desk-api-` takes 9 of them. */
const APPLICATION_ID = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,52}[A-Za-z0-9])?$/;
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

function env(name: string): string | undefined {
  const { process } = globalThis as { process?: { env?: Record<string, string | undefined> } };
  return process?.env?.[name] || undefined;
}

function isBrowser(): boolean {
  const g = globalThis as { window?: { document?: unknown }; navigator?: unknown };
  return typeof g.window === "object" && typeof g.window?.document !== "undefined" && typeof g.navigator !== "undefined";
}

function resolveBaseUrl(options: DeskClientOptions): URL {
  if (options.baseUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = typeof options.baseUrl === "string" ? new URL(options.baseUrl) : undefined;
    } catch {
      url = undefined;
    }
    const ok = url && (url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.test(url.hostname)));
    if (!url || !ok || url.username || url.password || url.search || url.hash) {
      throw new DeskValidationError(
        "baseUrl",
        options.baseUrl,
        "must be an absolute https URL without credentials, query or fragment (http only for loopback hosts such as the mock)",
      );
    }
    return url;
  }
  const id = options.applicationId ?? env("SENDBIRD_APP_ID");
  if (id === undefined) {
    throw new DeskValidationError("applicationId", id, "is required (or baseUrl, or the SENDBIRD_APP_ID environment variable)");
  }
  if (typeof id !== "string" || !APPLICATION_ID.test(id)) {
    throw new DeskValidationError("applicationId", id, "must be 1 to 54 letters, digits or inner hyphens, as in 2D7B4CDB-932F-4082-9B09-A1153792DC8D");
  }
  return new URL(spec.server.url.replace(`{${spec.server.variable}}`, id));
}

/** Validates the options and returns the transport configuration and the base URL. */
export function resolveOptions(options: DeskClientOptions): TransportConfig & { baseUrl: string } {
  if (typeof options !== "object" || options === null) {
    throw new DeskValidationError("options", options, "must be an object such as { applicationId, apiToken }");
  }
  if (isBrowser() && options.dangerouslyAllowBrowser !== true) {
    throw new DeskValidationError(
      "dangerouslyAllowBrowser",
      options.dangerouslyAllowBrowser,
      "must be true to run in a browser: the Desk API is server-side only, and a page would hand the API token to every visitor",
    );
  }
  const token = options.apiToken ?? env("SENDBIRD_DESK_API_TOKEN");
  if (token === undefined || token === "") {
    throw new DeskValidationError("apiToken", token, "is required (or the SENDBIRD_DESK_API_TOKEN environment variable)");
  }
  if (typeof token !== "string" || !/^[\x21-\x7e]+$/.test(token)) {
    throw new DeskValidationError("apiToken", token, "must be printable ASCII with no spaces, as an HTTP header value", { secret: true });
  }
  const url = resolveBaseUrl(options);
  checkTimeout(options.timeoutMs);
  checkMaxRetries(options.maxRetries);
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new DeskValidationError("fetch", options.fetch, "must be a fetch function");
  }
  if (options.userAgent !== undefined && (typeof options.userAgent !== "string" || !/^[\x20-\x7e]*$/.test(options.userAgent))) {
    throw new DeskValidationError("userAgent", options.userAgent, "must be printable ASCII");
  }
  const fetchFn = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  return {
    baseUrl: url.href.replace(/\/+$/, ""),
    origin: url.origin,
    token,
    fetch: fetchFn,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    userAgent: `sendbird-desk-platform${options.userAgent ? ` ${options.userAgent}` : ""}`,
  };
}
