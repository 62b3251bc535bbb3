// Turns an answer into a body or a typed error. A non-2xx answer gives the class of its
// status, with a message taken from the body's `message` or `detail`, else a raw excerpt or
// the status text; a 2xx whose body is empty, not JSON or not the documented shape gives
// DeskInvalidResponseError. The token is masked everywhere.
import {
  DeskApiError,
  DeskAuthenticationError,
  DeskBadRequestError,
  DeskInvalidResponseError,
  DeskNotFoundError,
  DeskPermissionDeniedError,
  DeskRateLimitError,
  DeskServerError,
  type RequestInfo,
} from "./errors.js";
import { redactDeep, redactHeaders, redactText } from "./redact.js";
import { retryAfterMs } from "./retry.js";

const BY_STATUS: Record<number, typeof DeskApiError> = {
  400: DeskBadRequestError,
  401: DeskAuthenticationError,
  403: DeskPermissionDeniedError,
  404: DeskNotFoundError,
  429: DeskRateLimitError,
};

/** `METHOD url what`, plus the number of attempts when there was more than one: the start
 *  of every message about a request that failed. */
export function describe(info: RequestInfo, what: string): string {
  return `${info.method} ${info.url} ${what}${info.attempts > 1 ? ` (after ${info.attempts} attempts)` : ""}`;
}

/** The first 200 characters of `text`, white space folded. */
export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}...` : flat;
}

/** The body's `message`, else its `detail`, when one is a non-blank string. */
function detailOf(body: unknown): string | undefined {
  const { message, detail } = (body ?? {}) as { message?: unknown; detail?: unknown };
  for (const text of [message, detail]) if (typeof text === "string" && text.trim()) return text.trim();
  return undefined;
}

/** The parsed body of a 2xx answer that passes `isValid`; otherwise throws the typed error. */
export function readBody(
  response: Response,
  text: string,
  info: RequestInfo,
  secret: string,
  isValid: (body: unknown) => boolean,
): unknown {
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text, and reported below
  }
  const { ok, status, headers } = response;
  if (ok && isValid(body)) return body;
  const safe = redactDeep(body, secret);
  const raw = excerpt(redactText(text, secret));
  const statusText = redactText(response.statusText, secret);
  const problem = !text.trim() ? "empty" : body === text ? "not valid JSON" : "not the documented shape";
  const detail = ok
    ? `the body is ${problem} (${headers.get("content-type") ?? "no content type"})${raw ? `: ${raw}` : ""}`
    : (detailOf(safe) ?? (raw || statusText || "no explanation in the answer"));
  const Class = ok
    ? DeskInvalidResponseError
    : (BY_STATUS[status] ?? (status >= 500 ? DeskServerError : DeskApiError));
  throw new Class(describe(info, `failed with ${status}${statusText && ` ${statusText}`}: ${detail}`), {
    ...info,
    status,
    body: typeof safe === "string" ? raw : safe,
    headers: redactHeaders(headers, secret),
    ...(status === 429 && { retryAfterMs: retryAfterMs(headers) }),
  });
}
