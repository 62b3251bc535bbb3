// The error tree, and which class an error answer gets by its status. Each class carries its
// name (minifiers rename classes), and a brand registered with Symbol.for sits on the base
// prototype, so the guards work across realms and duplicate copies of the package. No class
// ever holds the request's headers: the API token lives only there.
import type { Violation } from "./core/answer-check.js";
import type { AnswerInfo, CallInfo } from "./core/call-info.js";
import { REDACTED } from "./core/defaults.js";
import { requestIdOf } from "./core/request-id.js";
import { show } from "./core/show.js";

export type { AnswerInfo, CallInfo };

const BRAND = Symbol.for("sendbird-desk-platform.error");

/** The base of every error this package throws. */
export class DeskError extends Error {
  override name = "DeskError";
}
Object.defineProperty(DeskError.prototype, BRAND, { value: true });

/** An HTTP answer the client cannot use: a non-2xx status, or a 2xx it cannot read. */
export class DeskApiError extends DeskError {
  override name = "DeskApiError";
  /** The HTTP status. */
  declare readonly status: number;
  /** The numeric `code` of the error body, when it has one. */
  readonly code: number | undefined;
  /** The error body: parsed JSON, or the text when it is not JSON (token masked; at most
   *  64 KiB of text is kept). */
  declare readonly body: unknown;
  /** The response headers (token masked). */
  declare readonly headers: Headers;
  /** The server's request ID (`x-request-id` or `request-id`), when it sends one. */
  readonly requestId: string | undefined;
  declare readonly method: string;
  declare readonly url: string;
  /** How many attempts were made, retries included. */
  declare readonly attempts: number;

  constructor(message: string, info: AnswerInfo) {
    super(message);
    Object.assign(this, info);
    const body = info.body as { code?: unknown } | null;
    const code =
      typeof body === "object" && body !== null && Object.hasOwn(body, "code") ? body.code : undefined;
    this.code = typeof code === "number" ? code : undefined;
    this.requestId = requestIdOf(info.headers);
  }
}

/** 400: the request broke a rule of the API. */
export class DeskBadRequestError extends DeskApiError {
  override name = "DeskBadRequestError";
}
/** 401: the API token is missing or not valid. */
export class DeskAuthenticationError extends DeskApiError {
  override name = "DeskAuthenticationError";
}
/** 403: the API token may not do this. */
export class DeskPermissionDeniedError extends DeskApiError {
  override name = "DeskPermissionDeniedError";
}
/** 404: no such group (or agent). */
export class DeskNotFoundError extends DeskApiError {
  override name = "DeskNotFoundError";
}
/** 429: too many requests. `retryAfterMs` is the wait the server asked for, when it said. */
export class DeskRateLimitError extends DeskApiError {
  override name = "DeskRateLimitError";
  declare readonly retryAfterMs: number | undefined;
}
/** 500 and above: the server failed. */
export class DeskServerError extends DeskApiError {
  override name = "DeskServerError";
}
/** A 2xx answer whose body is empty, not JSON, not the documented shape, or too large. */
export class DeskInvalidResponseError extends DeskApiError {
  override name = "DeskInvalidResponseError";
  /** Where the body departs from the spec and the rule it breaks (no values); empty when the
   *  body is empty, not JSON or too large. */
  readonly violations: readonly Violation[];

  constructor(message: string, info: AnswerInfo & { violations?: readonly Violation[] }) {
    super(message, info);
    this.violations = info.violations ?? [];
  }
}

/** The class of an error answer by its status, side by side; any other status from 500
 *  up is a `DeskServerError`, and the rest a plain `DeskApiError`. */
export const ERROR_CLASS_BY_STATUS: Readonly<Record<number, typeof DeskApiError>> = {
  400: DeskBadRequestError,
  401: DeskAuthenticationError,
  403: DeskPermissionDeniedError,
  404: DeskNotFoundError,
  429: DeskRateLimitError,
};

/** No answer: the connection failed or broke before the response was read. */
export class DeskConnectionError extends DeskError {
  override name = "DeskConnectionError";
  declare readonly method: string;
  declare readonly url: string;
  declare readonly attempts: number;

  constructor(message: string, { cause, ...info }: CallInfo & { cause?: unknown }) {
    super(message, { cause });
    Object.assign(this, info);
  }
}
/** No answer within `timeoutMs` on the last attempt. */
export class DeskTimeoutError extends DeskConnectionError {
  override name = "DeskTimeoutError";
}
/** The caller's `signal` aborted the call; it was not retried. */
export class DeskAbortError extends DeskConnectionError {
  override name = "DeskAbortError";
}

/** A middleware added with `desk.raw.use()` threw; the original error is the `cause`. */
export class DeskMiddlewareError extends DeskError {
  override name = "DeskMiddlewareError";
}

/** A bad input or option, raised before any request is sent. */
export class DeskValidationError extends DeskError {
  override name = "DeskValidationError";
  /** The option or argument at fault. */
  declare readonly field: string;
  /** The value given (`"[redacted]"` for a secret). */
  declare readonly value: unknown;
  /** The rule it broke. */
  declare readonly rule: string;

  constructor(field: string, value: unknown, rule: string, options?: { secret?: boolean | undefined }) {
    const shown = options?.secret ? REDACTED : value;
    super(`${field}: ${options?.secret ? "the value given" : show(value)} is not valid: ${rule}`);
    Object.assign(this, { field, value: shown, rule });
  }
}

/** True for any error thrown by this package, from any realm or bundle copy. */
export function isDeskError(value: unknown): value is DeskError {
  return typeof value === "object" && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
}

/** True for an HTTP error answer (`DeskApiError` or a subclass), from any realm. */
export function isDeskApiError(value: unknown): value is DeskApiError {
  return isDeskError(value) && typeof (value as DeskApiError).status === "number";
}
