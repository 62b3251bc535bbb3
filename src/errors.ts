// The error tree. Class names are set as strings on the prototypes (minifiers rename
// classes), and a brand registered with Symbol.for sits on the base prototype, so the guards
// work across realms and bundle copies. No class ever stores the request's headers: the API
// token lives only there. Everything this file exports is public (index.ts re-exports it all).

const BRAND = Symbol.for("sendbird-desk-platform.error");

/** Where a failed call was going, and how many attempts it made. */
export interface RequestInfo {
  method: string;
  url: string;
  attempts: number;
}

/** The base of every error this package throws. */
export class DeskError extends Error {}

/** What an HTTP error carries. */
export type ApiErrorInit = RequestInfo & {
  status: number;
  body: unknown;
  headers: Headers;
  retryAfterMs?: number | undefined;
};

/** An answer from the API with a non-2xx status (or a 2xx the client cannot read). */
export class DeskApiError extends DeskError {
  /** The HTTP status. */
  declare readonly status: number;
  /** The numeric `code` of the error body, when it has one. */
  readonly code: number | undefined;
  /** The error body: parsed JSON (token masked), or an excerpt of the text when it is not JSON. */
  declare readonly body: unknown;
  /** The response headers (token masked). */
  declare readonly headers: Headers;
  /** The server's request ID (`x-request-id`), when it sends one. */
  readonly requestId: string | undefined;
  declare readonly method: string;
  declare readonly url: string;
  /** How many attempts were made, retries included. */
  declare readonly attempts: number;
  constructor(message: string, init: ApiErrorInit) {
    super(message);
    Object.assign(this, init);
    const code = (init.body as { code?: unknown } | null)?.code;
    this.code = typeof code === "number" ? code : undefined;
    this.requestId = init.headers.get("x-request-id") ?? init.headers.get("request-id") ?? undefined;
  }
}

/** 400: the request broke a rule of the API. */
export class DeskBadRequestError extends DeskApiError {}
/** 401: the API token is missing or not valid. */
export class DeskAuthenticationError extends DeskApiError {}
/** 403: the API token may not do this. */
export class DeskPermissionDeniedError extends DeskApiError {}
/** 404: no such group (or agent). */
export class DeskNotFoundError extends DeskApiError {}
/** 429: too many requests. `retryAfterMs` is the wait the server asked for, when it said. */
export class DeskRateLimitError extends DeskApiError {
  declare readonly retryAfterMs: number | undefined;
}
/** 500 and above: the server failed. */
export class DeskServerError extends DeskApiError {}
/** A 2xx answer whose body is not the JSON the API promises (empty, truncated, HTML...). */
export class DeskInvalidResponseError extends DeskApiError {}

/** No answer: the connection failed or broke before the response was read. */
export class DeskConnectionError extends DeskError {
  declare readonly method: string;
  declare readonly url: string;
  declare readonly attempts: number;
  constructor(message: string, { cause, ...info }: RequestInfo & { cause?: unknown }) {
    super(message, { cause });
    Object.assign(this, info);
  }
}
/** No answer within `timeoutMs` on the last attempt. */
export class DeskTimeoutError extends DeskConnectionError {}
/** The caller's `signal` aborted the call; it was not retried. */
export class DeskAbortError extends DeskConnectionError {}

/** A bad input or option, raised before any request is sent. */
export class DeskValidationError extends DeskError {
  /** The option or argument at fault. */
  declare readonly field: string;
  /** The value given (`"[redacted]"` for a secret). */
  declare readonly value: unknown;
  /** The rule it broke. */
  declare readonly rule: string;
  constructor(field: string, value: unknown, rule: string, options?: { secret?: boolean | undefined }) {
    if (options?.secret) value = "[redacted]";
    super(`${field}: ${options?.secret ? "the value given" : show(value)} is not valid: ${rule}`);
    Object.assign(this, { field, value, rule });
  }
}

function show(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    // a BigInt or a cycle: shown by String() below
  }
  text ??= String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const classes: Record<string, { prototype: object }> = {
  DeskError,
  DeskApiError,
  DeskBadRequestError,
  DeskAuthenticationError,
  DeskPermissionDeniedError,
  DeskNotFoundError,
  DeskRateLimitError,
  DeskServerError,
  DeskInvalidResponseError,
  DeskConnectionError,
  DeskTimeoutError,
  DeskAbortError,
  DeskValidationError,
};
for (const name in classes)
  Object.defineProperty(classes[name]!.prototype, "name", {
    value: name,
    writable: true,
    configurable: true,
  });
Object.defineProperty(DeskError.prototype, BRAND, { value: true });

/** True for any error thrown by this package, from any realm or bundle copy. */
export function isDeskError(value: unknown): value is DeskError {
  return typeof value === "object" && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
}

/** True for an HTTP error answer (`DeskApiError` or a subclass), from any realm. */
export function isDeskApiError(value: unknown): value is DeskApiError {
  return isDeskError(value) && typeof (value as DeskApiError).status === "number";
}
