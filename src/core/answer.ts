// Turns a final answer into a value or a typed error: a non-2xx answer gives the class of
// its status (errors.ts), with a message from the body's `message` or `detail`, else a raw
// excerpt or the status text; a 2xx whose body is empty or not JSON, one the client cannot
// read, or (by the call's `validateResponses`) not the documented shape gives
// DeskInvalidResponseError.
import {
  type CallInfo,
  DeskApiError,
  DeskInvalidResponseError,
  DeskRateLimitError,
  DeskServerError,
  ERROR_CLASS_BY_STATUS,
} from "../errors.js";
import {
  type AnswerChecks,
  checkAnswer,
  describeViolations,
  type OperationId,
  type ValidateResponses,
  type Violation,
} from "./answer-check.js";
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

/** What a 2xx answer is checked against: what the client itself reads (every mode), and,
 *  when the call names its operation, the spec's schema under the call's mode. */
export interface AnswerRules {
  readable: (body: unknown) => readonly Violation[];
  operation?: OperationId;
  mode?: ValidateResponses;
}

/** The parsed body of a 2xx answer when it is readable and, by mode, the documented shape;
 *  otherwise throws `DeskInvalidResponseError` (and says so at warn level, unless the mode is
 *  "throw": then the error is the report). */
export function parseAnswer<T>(
  response: Response,
  text: string,
  rules: AnswerRules,
  context: { info: CallInfo; redactor: Redactor; log: Log; answers?: AnswerChecks },
): T {
  const { info, redactor, log, answers } = context;
  const type = response.headers.get("content-type") ?? "no content type";
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const shown = excerpt(redactor.text(text));
    const problem = text.trim() ? "not valid JSON" : "empty";
    const message = describeCall(
      info,
      `failed with ${response.status}: the body is ${problem} (${type})${shown ? `: ${shown}` : ""}`,
    );
    log.warn(message);
    throw new DeskInvalidResponseError(message, {
      ...info,
      status: response.status,
      body: shown,
      headers: response.headers,
    });
  }
  const { operation } = rules;
  const mode = rules.mode ?? answers?.mode;
  let violations = rules.readable(body);
  const readable = violations.length === 0;
  if (operation && answers) {
    if (readable) violations = answers.review(operation, body, mode);
    // An unreadable body fails in every mode; unless "off", its schema violations come with it.
    else if (mode !== "off") violations = merged(violations, checkAnswer(operation, body));
  }
  if (violations.length === 0) return body as T;
  // Only the places and rules: the body is customer data (the error keeps it, masked, in `body`).
  const message = describeCall(
    info,
    `failed with ${response.status}: the body is not the documented shape (${type}): ${describeViolations(violations)}`,
  );
  // A readable body only gets here in "throw": then the error is the report.
  if (!readable) log.warn(message);
  throw new DeskInvalidResponseError(message, {
    ...info,
    status: response.status,
    body: redactor.deep(body),
    headers: response.headers,
    violations,
  });
}

/** `first`, then those of `second` it does not hold. */
function merged(first: readonly Violation[], second: readonly Violation[]): Violation[] {
  const known = new Set(first.map(({ path, message }) => `${path} ${message}`));
  return [...first, ...second.filter(({ path, message }) => !known.has(`${path} ${message}`))];
}
