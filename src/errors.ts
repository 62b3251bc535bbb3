// The error tree. Every class carries an explicit `name` (minifiers rename classes) and a
// brand registered with Symbol.for, so the guards work across realms and bundle copies.
// No class ever stores the request's headers: the API token lives only there.

const BRAND = Symbol.for("sendbird-desk-platform.error");

/** Where a failed call was going, and how many attempts it made. */
export interface RequestInfo {
  method: string;
  url: string;
  attempts: number;
}

/** The base of every error this package throws. */
export class DeskError extends Error {
  override name = "DeskError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** An answer from the API with a non-2xx status (or a 2xx the client cannot read). */
export class DeskApiError extends DeskError {
  override name = "DeskApiError";
  /** The HTTP status. */
  declare readonly status: number;
  /** The numeric `code` of the error body, when it has one. */
  readonly code: number | undefined;
  /** The error body: parsed JSON, or the raw text when it is not JSON. */
  declare readonly body: unknown;
  /** The response headers. */
  declare readonly headers: Headers;
  /** The server's request ID (`x-request-id`), when it sends one. */
  readonly requestId: string | undefined;
  declare readonly method: string;
  declare readonly url: string;
  /** How many attempts were made, retries included. */
  declare readonly attempts: number;
  constructor(message: string, init: RequestInfo & { status: number; body: unknown; headers: Headers }) {
    super(message);
    Object.assign(this, init);
    const code = (init.body as { code?: unknown } | null)?.code;
    this.code = typeof code === "number" ? code : undefined;
    this.requestId = init.headers.get("x-request-id") ?? init.headers.get("request-id") ?? undefined;
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
  constructor(message: string, init: ConstructorParameters<typeof DeskApiError>[1] & { retryAfterMs: number | undefined }) {
    super(message, init); // assigns retryAfterMs too
  }
}
/** 500 and above: the server failed. */
export class DeskServerError extends DeskApiError {
  override name = "DeskServerError";
}
/** A 2xx answer whose body is not the JSON the API promises (empty, truncated, HTML...). */
export class DeskInvalidResponseError extends DeskApiError {
  override name = "DeskInvalidResponseError";
}

/** No answer: the connection failed or broke before the response was read. */
export class DeskConnectionError extends DeskError {
  override name = "DeskConnectionError";
  declare readonly method: string;
  declare readonly url: string;
  declare readonly attempts: number;
  constructor(message: string, init: RequestInfo & { cause?: unknown }) {
    super(message, { cause: init.cause });
    const { method, url, attempts } = init;
    Object.assign(this, { method, url, attempts });
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

/** A bad input or option, raised before any request is sent. */
export class DeskValidationError extends DeskError {
  override name = "DeskValidationError";
  /** The option or argument at fault. */
  readonly field: string;
  /** The value given (omitted for secrets). */
  readonly value: unknown;
  /** The rule it broke. */
  readonly rule: string;
  constructor(field: string, value: unknown, rule: string, options: { secret?: boolean } = {}) {
    super(`${field}: ${options.secret ? "the value given" : show(value)} is not valid: ${rule}`);
    this.field = field;
    this.value = options.secret ? "[redacted]" : value;
    this.rule = rule;
  }
}

function show(value: unknown): string {
  let text: string;
  try {
    text = typeof value === "function" ? "a function" : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** True for any error thrown by this package, from any realm or bundle copy. */
export function isDeskError(value: unknown): value is DeskError {
  return typeof value === "object" && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
}

/** True for an HTTP error answer (`DeskApiError` or a subclass), from any realm. */
export function isDeskApiError(value: unknown): value is DeskApiError {
  return isDeskError(value) && typeof (value as DeskApiError).status === "number";
}
