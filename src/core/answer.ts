// Turns a final answer into a value or a typed error: a non-2xx answer gives the class of
// its status (errors.ts), with a message from the body's `message` or `detail`, else a raw
// excerpt or the status text; a 2xx whose body is empty, not JSON or not the documented
// shape gives DeskInvalidResponseError.
import {
  type CallInfo,
  DeskApiError,
  DeskInvalidResponseError,
  DeskRateLimitError,
  DeskServerError,
  ERROR_CLASS_BY_STATUS,
} from "../errors.js";
import { EXCERPT_CHARS } from "./defaults.js";
import { describeCall } from "./exchange.js";
import type { Log } from "./log.js";
import type { Redactor } from "./redact.js";
import { retryAfterMs } from "./retry.js";

/** The first characters of `text`, white space folded. */
export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}...` : flat;
}

/** An excerpt of a parsed body's JSON text; empty for none, or one too deep to print. */
function jsonExcerpt(body: unknown): string {
  try {
    return body === undefined || typeof body === "string" ? "" : excerpt(JSON.stringify(body));
  } catch {
    return ""; // nested past what JSON.stringify can walk
  }
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

/** The typed error of a non-2xx answer. `body` is what openapi-fetch read: parsed JSON, or
 *  the text when it is not JSON (the transport masked it and cut it to 64 KiB). */
export function errorFromAnswer(response: Response, body: unknown, info: CallInfo): DeskApiError {
  const { status, headers, statusText } = response;
  const raw = typeof body === "string" ? excerpt(body) : "";
  const detail =
    explanationOf(body) ?? (raw || jsonExcerpt(body) || statusText || "no explanation in the answer");
  const Class = ERROR_CLASS_BY_STATUS[status] ?? (status >= 500 ? DeskServerError : DeskApiError);
  const message = describeCall(info, `failed with ${status}${statusText && ` ${statusText}`}: ${detail}`);
  const retryAfter = Class === DeskRateLimitError ? { retryAfterMs: retryAfterMs(headers) } : {};
  // A text body is kept as its excerpt; a JSON one whole (the transport cut it to 64 KiB).
  const kept = typeof body === "string" ? raw : body;
  return new Class(message, { ...info, status, body: kept, headers, ...retryAfter });
}

/** The parsed body of a 2xx answer when `isValid` accepts it; otherwise throws
 *  `DeskInvalidResponseError` (and says so at warn level). */
export function parseAnswer<T>(
  response: Response,
  text: string,
  isValid: (body: unknown) => body is T,
  context: { info: CallInfo; redactor: Redactor; log: Log },
): T {
  let body: unknown = text;
  let problem: string;
  try {
    body = JSON.parse(text);
    if (isValid(body)) return body;
    problem = "not the documented shape";
  } catch {
    problem = text.trim() ? "not valid JSON" : "empty";
  }
  const { info, redactor, log } = context;
  const type = response.headers.get("content-type") ?? "no content type";
  const shown = excerpt(redactor.text(text));
  const message = describeCall(
    info,
    `failed with ${response.status}: the body is ${problem} (${type})${shown ? `: ${shown}` : ""}`,
  );
  log.warn(message);
  const safeBody = typeof body === "string" ? shown : redactor.deep(body);
  throw new DeskInvalidResponseError(message, {
    ...info,
    status: response.status,
    body: safeBody,
    headers: response.headers,
  });
}
