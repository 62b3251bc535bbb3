// Turns an answer the client cannot use into the matching error class, with a message
// taken from the body's `message` or `detail`, else the status text and a raw excerpt.
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

const EXCERPT = 200;

/** The first `EXCERPT` characters of `text`, white space folded. */
export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT)}...` : flat;
}

function detailOf(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const { message, detail } = body as { message?: unknown; detail?: unknown };
  if (typeof message === "string" && message.trim()) return message.trim();
  if (typeof detail === "string" && detail.trim()) return detail.trim();
  return undefined;
}

function summary(info: RequestInfo, status: number, statusText: string, detail: string): string {
  const tries = info.attempts > 1 ? ` (after ${info.attempts} attempts)` : "";
  return `${info.method} ${info.url} failed with ${status}${statusText ? ` ${statusText}` : ""}: ${detail}${tries}`;
}

/** The error for a non-2xx answer; `body` is what openapi-fetch read (parsed JSON or text). */
export function apiError(response: Response, body: unknown, info: RequestInfo, secret: string): DeskApiError {
  const safeBody = redactDeep(body ?? "", secret);
  const headers = redactHeaders(response.headers, secret);
  const { status } = response;
  const statusText = redactText(response.statusText, secret);
  const raw = typeof safeBody === "string" ? safeBody : JSON.stringify(safeBody);
  const detail = detailOf(safeBody) ?? (excerpt(raw) || statusText || "no explanation in the answer");
  const message = summary(info, status, statusText, detail);
  const init = { ...info, status, body: typeof safeBody === "string" ? excerpt(safeBody) : safeBody, headers };
  if (status === 400) return new DeskBadRequestError(message, init);
  if (status === 401) return new DeskAuthenticationError(message, init);
  if (status === 403) return new DeskPermissionDeniedError(message, init);
  if (status === 404) return new DeskNotFoundError(message, init);
  if (status === 429) return new DeskRateLimitError(message, { ...init, retryAfterMs: retryAfterMs(response.headers) });
  if (status >= 500) return new DeskServerError(message, init);
  return new DeskApiError(message, init);
}

function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The parsed body of a 2xx answer that passes `isValid`; otherwise the typed error: the
 *  status's class for a non-2xx, `DeskInvalidResponseError` for an empty, non-JSON or
 *  misshapen 2xx body (with a masked excerpt). */
export function readBody(response: Response, text: string, info: RequestInfo, secret: string, isValid: (body: unknown) => boolean): unknown {
  if (!response.ok) throw apiError(response, jsonOrText(text), info, secret);
  let body: unknown;
  let problem = "the body is empty";
  try {
    if (text.trim() !== "") {
      problem = "the body is not valid JSON";
      body = JSON.parse(text);
      problem = "the body is not the documented shape";
      if (isValid(body)) return body;
    }
  } catch {
    // reported below, with the status and an excerpt
  }
  const safe = excerpt(redactText(text, secret));
  const type = response.headers.get("content-type") ?? "no content type";
  throw new DeskInvalidResponseError(summary(info, response.status, response.statusText, `${problem} (${type})${safe ? `: ${safe}` : ""}`), {
    ...info,
    status: response.status,
    body: safe,
    headers: redactHeaders(response.headers, secret),
  });
}
