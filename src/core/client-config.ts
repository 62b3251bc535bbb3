// Settles the client's options at construction: the token, where requests go, how they
// are logged, the User-Agent, and the call settings over the defaults and the environment.
import type { DeskClientOptions, FetchFunction } from "../options.js";
import { PACKAGE_NAME, VERSION } from "../version.js";
import { checkValidateResponses, type ValidateResponses } from "./answer-check.js";
import { resolveBaseUrl } from "./base-url.js";
import { clientSettings } from "./call-options.js";
import {
  DEFAULT_LOG_LEVEL,
  DEFAULT_MAX_CONCURRENCY,
  ENVIRONMENT,
  MAX_CONCURRENCY_LIMIT,
} from "./defaults.js";
import { checkHeaders, headersForOpenapiFetch, runtimeName } from "./headers.js";
import { createLog, isLogLevel, LOG_LEVELS, type Log, type Logger, type LogLevel } from "./log.js";
import type { CallSettings } from "./transport.js";
import { checkObject, checkValue, fail } from "./validate.js";

const PRINTABLE = /^[\x20-\x7e]*$/;
const PRINTABLE_WITHOUT_SPACES = /^[\x21-\x7e]+$/;

/** Reads an environment variable where there is one (Node, Bun, Deno with --allow-env). */
export function env(name: string): string | undefined {
  try {
    const process = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
    return process?.env?.[name] || undefined;
  } catch {
    return undefined; // Deno without permission to read the environment
  }
}

/** Everything a client is built from, settled. */
export interface ClientConfig {
  baseUrl: string;
  origin: string;
  token: string;
  fetch: FetchFunction | undefined;
  defaultHeaders: HeadersInit | undefined;
  userAgent: string;
  log: Log;
  settings: CallSettings;
  validateResponses: ValidateResponses | undefined;
  /** The cap on attempts in flight, client-wide. */
  maxConcurrency: number;
}

/** Checks the client's options and settles them over the defaults and the environment. */
export function resolveClientOptions(options: DeskClientOptions): ClientConfig {
  checkObject("options", options);
  const browser = Boolean((globalThis as { window?: { document?: unknown } }).window?.document);
  if (browser && options.dangerouslyAllowBrowser !== true) {
    fail(
      "dangerouslyAllowBrowser",
      options.dangerouslyAllowBrowser,
      "must be true in a browser, where the token would be exposed (the API is server-side only)",
    );
  }
  const token = options.apiToken ?? env(ENVIRONMENT.apiToken);
  if (!token) fail("apiToken", token, `is required (or env ${ENVIRONMENT.apiToken})`);
  if (typeof token !== "string" || !PRINTABLE_WITHOUT_SPACES.test(token)) {
    fail("apiToken", token, "must be printable ASCII without spaces", true);
  }
  const url = resolveBaseUrl({
    ...options,
    applicationId: options.applicationId ?? env(ENVIRONMENT.applicationId),
  });
  if (options.fetch !== undefined && typeof options.fetch !== "function")
    fail("fetch", options.fetch, "must be a function");
  const { userAgent = "" } = options;
  if (typeof userAgent !== "string" || !PRINTABLE.test(userAgent))
    fail("userAgent", userAgent, "must be printable ASCII");
  checkHeaders("defaultHeaders", options.defaultHeaders);
  const { maxConcurrency = DEFAULT_MAX_CONCURRENCY } = options;
  checkValue("maxConcurrency", maxConcurrency, {
    type: "integer",
    minimum: 1,
    maximum: MAX_CONCURRENCY_LIMIT,
  });
  return {
    baseUrl: url.href.replace(/\/+$/, ""),
    origin: url.origin,
    token,
    fetch: options.fetch,
    defaultHeaders: headersForOpenapiFetch(options.defaultHeaders),
    userAgent: `${PACKAGE_NAME}/${VERSION} ${runtimeName()} ${userAgent}`.trim(),
    log: createLog(logLevelOf(options.logLevel), checkLogger(options.logger)),
    settings: clientSettings(options),
    validateResponses: checkValidateResponses(options.validateResponses),
    maxConcurrency,
  };
}

/** The log level from the option, else from the environment, else the default. */
function logLevelOf(option: unknown): LogLevel {
  const [field, value] =
    option !== undefined ? ["logLevel", option] : [ENVIRONMENT.logLevel, env(ENVIRONMENT.logLevel)];
  if (value === undefined) return DEFAULT_LOG_LEVEL;
  if (!isLogLevel(value)) fail(field, value, `must be one of ${LOG_LEVELS.join(", ")}`);
  return value;
}

function checkLogger(logger: unknown): Logger | undefined {
  if (logger === undefined) return undefined;
  const methods = ["error", "warn", "info", "debug"] as const;
  const ok = typeof logger === "object" && logger !== null;
  if (!ok || methods.some((m) => typeof (logger as Record<string, unknown>)[m] !== "function")) {
    fail("logger", logger, `must be an object with the methods ${methods.join(", ")}`);
  }
  return logger as Logger;
}
