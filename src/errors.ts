// The error tree, and every error the client raises, built here and nowhere else: a class
// per kind of failure, and beside the classes the functions that make them from what a call
// met (an answer, a failure, an abort, a middleware's throw, a bad input). Each class carries
// its name (minifiers rename classes), and a brand registered with Symbol.for sits on the base
// prototype, so the guards work across realms and duplicate copies of the package. No error
// ever holds the request's headers: the API token lives only there.
import { EXCERPT_CHARS, REDACTED, SHOWN_VALUE_CHARS } from "./core/defaults.js";
import { serverTextBudget, showServerText } from "./core/server-text.js";

const BRAND = Symbol.for("sendbird-desk-platform.error");

/** Where a failed call was going, and how many attempts it made. */
export interface CallInfo {
  method: string;
  url: string;
  attempts: number;
}

/** What an error answer carries. */
export interface AnswerInfo extends CallInfo {
  status: number;
  body: unknown;
  headers: Headers;
  retryAfterMs?: number | undefined;
}

/** One way an answer breaks the spec's schema: where (`members`, `results/0/id`), and the
 *  rule (`must be array`). Never a value from the answer: it is customer data. */
export interface Violation {
  path: string;
  message: string;
}

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
   *  64 KiB of it is read). */
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
/** An answer the client cannot hand over: a 2xx whose body is empty, not JSON, too large or
 *  not the documented shape, a status outside 200-599, or a `next` link it cannot follow. */
export class DeskInvalidResponseError extends DeskApiError {
  override name = "DeskInvalidResponseError";
  /** Where the answer breaks the spec's schema (empty when the problem is not a schema's). */
  readonly violations: readonly Violation[];

  constructor(message: string, info: AnswerInfo & { violations?: readonly Violation[] | undefined }) {
    const { violations = [], ...answer } = info;
    super(message, answer);
    this.violations = violations;
  }
}

/** The class of an error answer by its status, side by side; any other status from 500
 *  up is a `DeskServerError`, and the rest a plain `DeskApiError`. */
const ERROR_CLASS_BY_STATUS: Readonly<Record<number, typeof DeskApiError>> = {
  400: DeskBadRequestError,
  401: DeskAuthenticationError,
  403: DeskPermissionDeniedError,
  404: DeskNotFoundError,
  429: DeskRateLimitError,
};

/** No answer: the connection failed or broke before the response was read. The `cause` is a
 *  copy of the runtime's error: its message (token masked) and its `code`, such as
 *  `ECONNREFUSED` (the error itself may quote the request, token header included). */
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

/** The caller's `signal` aborted the call; it was not retried. Not a connection error: code
 *  that retries connection failures does not retry a caller's own cancellation. The `cause`
 *  is the signal's reason. */
export class DeskAbortError extends DeskError {
  override name = "DeskAbortError";
  declare readonly method: string;
  declare readonly url: string;
  declare readonly attempts: number;

  constructor(message: string, { cause, ...info }: CallInfo & { cause?: unknown }) {
    super(message, { cause });
    Object.assign(this, info);
  }
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

// ---------------------------------------------------------------------------------------
// Making errors. The client's core calls these; none is part of the public API.

/** `METHOD url what`, plus the number of attempts when there was more than one: the start
 *  of every message about a call that failed. */
export function describeCall(info: CallInfo, what: string): string {
  const after = info.attempts > 1 ? ` (after ${info.attempts} attempts)` : "";
  return `${info.method} ${info.url} ${what}${after}`;
}

/** The server's `x-request-id` (or `request-id`) header, when it sends one: not documented
 *  for Desk, so read where servers commonly put it, and never invented. */
export function requestIdOf(headers: Headers): string | undefined {
  return headers.get("x-request-id") ?? headers.get("request-id") ?? undefined;
}

/** A value as a message about a bad input shows it: JSON where JSON says what it is, else
 *  its string form, cut to a few dozen characters. */
export function show(value: unknown): string {
  let text: string | undefined;
  // JSON would print NaN and Infinity as null, and drop undefined and functions.
  if (typeof value !== "number" || Number.isFinite(value)) {
    try {
      text = JSON.stringify(value);
    } catch {
      // a BigInt or a cycle: shown by String() below
    }
  }
  try {
    text ??= String(value);
  } catch {
    text = Object.prototype.toString.call(value); // an object whose toString throws
  }
  return text.length > SHOWN_VALUE_CHARS ? `${text.slice(0, SHOWN_VALUE_CHARS - 3)}...` : text;
}

/** The first characters of server text, white space folded and control characters shown
 *  escaped, for a message. */
export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return showServerText(flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}...` : flat);
}

/** The body's own `message`, else its `detail`, when one is a non-blank string. */
function explanationOf(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  for (const key of ["message", "detail"]) {
    const text = Object.hasOwn(body, key) ? (body as Record<string, unknown>)[key] : undefined;
    if (typeof text === "string" && text.trim()) return text.trim();
  }
  return undefined;
}

/** An excerpt of a parsed body's JSON text; empty for none, or one too deep to print. */
function jsonExcerpt(body: unknown): string {
  try {
    return body === undefined || typeof body === "string" ? "" : excerpt(JSON.stringify(body));
  } catch {
    return ""; // nested past what JSON.stringify can walk
  }
}

/** What the client knows of an answer when it makes an error of it. `body` is parsed JSON,
 *  or the text when it is not JSON; the transport masked the token in all of it. */
export interface Answer {
  status: number;
  statusText: string;
  headers: Headers;
  body: unknown;
  /** The wait the server asked for (429), when it said. */
  retryAfterMs?: number | undefined;
}

/** The typed error of a non-2xx answer: the class of its status, a message from the body's
 *  `message` or `detail`, else a raw excerpt or the status text. */
export function errorFromAnswer(answer: Answer, info: CallInfo): DeskApiError {
  const { status, headers, body } = answer;
  const show = serverTextBudget(); // one bound for all the server text of the message
  const statusText = show(answer.statusText);
  const raw = typeof body === "string" ? excerpt(body) : "";
  const explanation = explanationOf(body) ?? (raw || jsonExcerpt(body));
  const detail = explanation ? show(explanation) : statusText || "no explanation in the answer";
  const Class = ERROR_CLASS_BY_STATUS[status] ?? (status >= 500 ? DeskServerError : DeskApiError);
  const message = describeCall(info, `failed with ${status}${statusText && ` ${statusText}`}: ${detail}`);
  const retryAfter = Class === DeskRateLimitError ? { retryAfterMs: answer.retryAfterMs } : {};
  // A text body is kept as its excerpt; a JSON one whole (at most 64 KiB of it was read).
  const kept = typeof body === "string" ? raw : body;
  return new Class(message, { ...info, status, body: kept, headers, ...retryAfter });
}

/** The error of an answer the client cannot hand over: `problem` says why, in the client's
 *  own words (it never quotes the answer). */
export function invalidAnswer(
  info: CallInfo,
  answer: { status: number; headers: Headers; body?: unknown },
  problem: string,
  violations?: readonly Violation[],
): DeskInvalidResponseError {
  const { status, headers, body } = answer;
  const message = describeCall(info, `failed with ${status}: ${problem}`);
  return new DeskInvalidResponseError(message, { ...info, status, headers, body, violations });
}

/** Hides the API token in text that did not come from the client. */
export type Mask = (text: string) => string;

/** The error of a call whose last attempt got no answer: it timed out, or failed. */
export function failureError(
  info: CallInfo,
  failure: unknown,
  timedOutAfterMs: number | undefined,
  mask: Mask,
): DeskConnectionError {
  const cause = safeCause(failure, mask);
  if (timedOutAfterMs !== undefined) {
    return new DeskTimeoutError(describeCall(info, `timed out after ${timedOutAfterMs} ms`), {
      ...info,
      cause,
    });
  }
  return new DeskConnectionError(describeCall(info, `failed: ${cause.message}`), { ...info, cause });
}

/** The error of a call the caller's signal aborted. */
export function abortError(info: CallInfo, reason: unknown, mask: Mask): DeskAbortError {
  return new DeskAbortError(describeCall(info, "was aborted by the caller"), {
    ...info,
    cause: safeCause(reason, mask),
  });
}

/** A low-level failure (or an abort's reason) as an error safe to keep: its message and the
 *  code of it or of its cause (`fetch failed (ECONNREFUSED)`), the token masked, and that
 *  `code` kept as a property. The failure itself is not kept: an injected fetch's error may
 *  carry the request, token header included. Never throws, whatever the failure is made of. */
export function safeCause(failure: unknown, mask: Mask): Error & { code?: string } {
  let text: string;
  let code: unknown;
  try {
    const e = failure as { message?: unknown; code?: unknown; cause?: { code?: unknown } } | null;
    code = e?.cause?.code ?? e?.code;
    text = `${String(e?.message ?? failure)}${typeof code === "string" ? ` (${code})` : ""}`;
  } catch {
    text = "an error that cannot be shown";
  }
  const cause: Error & { code?: string } = new Error(mask(text));
  if (typeof code === "string") cause.code = mask(code);
  return cause;
}

/** A middleware's throw (or openapi-fetch's complaint about what a middleware returned) as
 *  a DeskError, the original as its cause. */
export function middlewareError(error: unknown): DeskMiddlewareError {
  const what = error instanceof Error ? error.message : String(error);
  return new DeskMiddlewareError(`a middleware failed: ${what}`, { cause: error });
}
