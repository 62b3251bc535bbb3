// Settles the client options: where to send requests, with which token, and how patiently.
import * as spec from "../generated/spec.js";
import { DeskValidationError } from "./errors.js";
import type { TransportConfig } from "./transport.js";
import { checkPatience } from "./validate.js";

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

function fail(field: string, value: unknown, rule: string, secret?: boolean): never {
  throw new DeskValidationError(field, value, rule, { secret });
}

function resolveBaseUrl(options: DeskClientOptions): URL {
  if (options.baseUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(options.baseUrl);
    } catch {
      // reported below
    }
    if (!url || !(url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.test(url.hostname))) || url.username || url.password || url.search || url.hash) {
      fail("baseUrl", options.baseUrl, "must be an https URL (http only on loopback) without credentials, query or fragment");
    }
    return url;
  }
  const id = options.applicationId ?? env("SENDBIRD_APP_ID");
  if (id === undefined) fail("applicationId", id, "is required (or baseUrl, or env SENDBIRD_APP_ID)");
  if (typeof id !== "string" || !APPLICATION_ID.test(id)) fail("applicationId", id, "must be letters, digits and inner hyphens (a host name label)");
  return new URL(spec.server.url.replace(`{${spec.server.variable}}`, id));
}

/** Validates the options and returns the transport configuration and the base URL. */
export function resolveOptions(options: DeskClientOptions): TransportConfig & { baseUrl: string } {
  if (typeof options !== "object" || options === null) fail("options", options, "must be an object");
  if (isBrowser() && options.dangerouslyAllowBrowser !== true) {
    fail("dangerouslyAllowBrowser", options.dangerouslyAllowBrowser, "must be true in a browser: the Desk API is server-side only and a page would expose the API token");
  }
  const token = options.apiToken ?? env("SENDBIRD_DESK_API_TOKEN");
  if (token === undefined || token === "") fail("apiToken", token, "is required (or env SENDBIRD_DESK_API_TOKEN)");
  if (typeof token !== "string" || !/^[\x21-\x7e]+$/.test(token)) fail("apiToken", token, "must be printable ASCII without spaces", true);
  const url = resolveBaseUrl(options);
  checkPatience(options);
  if (options.fetch !== undefined && typeof options.fetch !== "function") fail("fetch", options.fetch, "must be a function");
  if (options.userAgent !== undefined && !/^[\x20-\x7e]*$/.test(options.userAgent)) fail("userAgent", options.userAgent, "must be printable ASCII");
  return {
    baseUrl: url.href.replace(/\/+$/, ""),
    origin: url.origin,
    token,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    userAgent: `sendbird-desk-platform${options.userAgent ? ` ${options.userAgent}` : ""}`,
  };
}
