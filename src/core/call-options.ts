// Settles a call's options: the settings a call may override (also the client's), its
// signal and its headers. Each check names the option, the value and the rule.
import type {
  CallOptions,
  DeskClientOptions,
  FetchOptions,
  OwnedInitField,
  RequestOptions,
} from "../options.js";
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  MAX_RETRIES_LIMIT,
  MAX_TIMEOUT_MS,
} from "./defaults.js";
import { checkValidateResponses, type ValidateResponses } from "./answer-check.js";
import { checkHeaders, headersForOpenapiFetch } from "./headers.js";
import type { CallSettings } from "./transport.js";
import { checkObject, checkValue, fail } from "./validate.js";

/** The rules of the settings a call may override. */
const SETTING_RULES = {
  timeoutMs: { type: "number", minimum: 1, maximum: MAX_TIMEOUT_MS },
  maxRetries: { type: "integer", minimum: 0, maximum: MAX_RETRIES_LIMIT },
  maxResponseBytes: { type: "integer", minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
} as const;

const OWNED_INIT_FIELDS: readonly OwnedInitField[] = ["method", "body", "headers", "signal", "redirect"];

/** Checks the settings a call may override, and returns the ones given. */
export function checkCallOptions(options: CallOptions): Partial<CallSettings> {
  const settings: Partial<CallSettings> = {};
  for (const name of ["timeoutMs", "maxRetries", "maxResponseBytes"] as const) {
    const value = options[name];
    if (value === undefined) continue;
    checkValue(name, value, SETTING_RULES[name]);
    settings[name] = value;
  }
  if (options.fetchOptions !== undefined) settings.fetchOptions = checkFetchOptions(options.fetchOptions);
  return settings;
}

function checkFetchOptions(fetchOptions: FetchOptions): FetchOptions {
  checkObject("fetchOptions", fetchOptions);
  for (const field of OWNED_INIT_FIELDS) {
    if (field in fetchOptions) {
      fail(`fetchOptions.${field}`, fetchOptions[field], "is set by the client and cannot be passed here");
    }
  }
  return fetchOptions;
}

/** A call's options once checked. */
export interface CheckedRequestOptions {
  signal: AbortSignal | undefined;
  headers: RequestOptions["headers"];
  overrides: Partial<CallSettings>;
  /** The call's own `validateResponses`, when it gives one. */
  validateResponses: ValidateResponses | undefined;
}

/** A call's options, checked: its signal, its headers, and the settings it overrides. */
export function checkRequestOptions(options: RequestOptions | undefined): CheckedRequestOptions {
  checkObject("options", options);
  const { signal, headers, validateResponses, ...rest } = options ?? {};
  if (signal !== undefined && !(signal instanceof AbortSignal))
    fail("signal", signal, "must be an AbortSignal");
  checkHeaders("headers", headers);
  return {
    signal,
    headers: headersForOpenapiFetch(headers),
    overrides: checkCallOptions(rest),
    validateResponses: checkValidateResponses(validateResponses),
  };
}

/** The call settings of a client: its options over the defaults. */
export function clientSettings(options: DeskClientOptions): CallSettings {
  return {
    timeoutMs: DEFAULT_TIMEOUT_MS,
    maxRetries: DEFAULT_MAX_RETRIES,
    maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
    fetchOptions: undefined,
    ...checkCallOptions(options),
  };
}
