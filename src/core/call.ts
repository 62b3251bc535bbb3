// One call of an operation, top to bottom: check every value against the operation's rules
// and the per-call options, hand openapi-fetch the request with a fetch bound to this call
// (the transport below it sends, retries and masks), then turn the final Response into a
// value or a typed error. The operation is named by the resource method; nothing here
// knows any operation by name.
import type { Client } from "openapi-fetch";
import * as spec from "../../generated/spec.js";
import {
  type CallInfo,
  DeskError,
  errorFromAnswer,
  excerpt,
  invalidAnswer,
  isDeskError,
  type Violation,
} from "../errors.js";
import type { RequestOptions } from "../options.js";
import type { paths } from "../types.js";
import {
  type AnswerChecks,
  checkAnswer,
  describeViolations,
  type ValidateResponses,
} from "./answer-check.js";
import { checkRequestOptions } from "./call-options.js";
import { showServerText } from "./server-text.js";
import type { Log } from "./log.js";
import { isReplacementError } from "./middleware.js";
import { retryAfterMs } from "./retry.js";
import type { CallSettings, Transport } from "./transport.js";
import { checkValues, type Values } from "./validate.js";

/** The name of an operation, as the spec's `operationId` gives it. */
export type OperationId = keyof typeof spec.operations;

/** What a call needs of its client. */
export interface CallContext {
  openapi: Client<paths>;
  transport: Transport;
  /** The client's settings, which a call's options override. */
  settings: CallSettings;
  baseUrl: string;
  log: Log;
  /** The client's answer checks: its `validateResponses`, and what it has logged. */
  answers: AnswerChecks;
}

/** A call's answer: the final Response (body read), its text, and how to read the value. */
export interface Outcome<T> {
  response: Response;
  text: string;
  info: CallInfo;
  /** Parses and checks the body; throws `DeskInvalidResponseError` when it cannot be used. */
  parse(): T;
}

/** Where a parsed 2xx body breaks what the client itself reads from it (checked in every mode). */
export type ShapeCheck = (body: unknown) => Violation[];

/** What openapi-fetch resolves to with `parseAs: "text"`. */
interface Sent {
  data?: string;
  error?: unknown;
  response: Response;
}
type Send = (method: string, path: string, init: object) => Promise<Sent>;

/** Runs one call of `operationId` with `values`, under `options`. `readable` says where a 2xx
 *  body breaks what the client itself reads from it; the operation's schema is checked too,
 *  by the call's `validateResponses`. */
export async function call<T>(
  context: CallContext,
  operationId: OperationId,
  values: Values,
  options: RequestOptions | undefined,
  readable: ShapeCheck,
): Promise<Outcome<T>> {
  const operation = spec.operations[operationId];
  const { signal, headers, overrides, validateResponses } = checkRequestOptions(options);
  checkValues(operation, values);
  const settings = { ...context.settings, ...overrides };
  // The transport fills in the URL as sent and counts the attempts.
  const info: CallInfo = { method: operation.method, url: context.baseUrl + operation.path, attempts: 0 };
  const fetch = (request: Request) => context.transport.send(request, { settings, signal, info });
  const { path, query, body } = values;
  const init = { params: { path, query }, body, headers, signal, fetch, parseAs: "text" };
  let sent: Sent;
  try {
    sent = await (context.openapi.request as unknown as Send)(operation.method, operation.path, init);
  } catch (error) {
    throw asDeskError(error);
  }
  const { response } = sent;
  if (!response.ok) {
    const { status, statusText, headers: answered } = response;
    const answer = {
      status,
      statusText,
      headers: answered,
      body: sent.error,
      retryAfterMs: retryAfterMs(answered),
    };
    throw errorFromAnswer(answer, info);
  }
  const text = sent.data ?? "";
  const rules = { readable, operationId, mode: validateResponses ?? context.answers.mode };
  return { response, text, info, parse: once(() => parseBody<T>(text, response, info, rules, context)) };
}

/** `read`, run on the first call only; later calls give its value, or throw its error, again. */
function once<T>(read: () => T): () => T {
  let result: { value: T } | { error: unknown } | undefined;
  return () => {
    if (result === undefined) {
      try {
        result = { value: read() };
      } catch (error) {
        result = { error };
      }
    }
    if ("error" in result) throw result.error;
    return result.value;
  };
}

/** How a 2xx body is checked: what the client itself reads (in every mode), and the
 *  operation's schema under the call's `validateResponses`. */
interface AnswerRules {
  readable: ShapeCheck;
  operationId: OperationId;
  mode: ValidateResponses;
}

/** The value of a 2xx body: parsed once, then checked. A body the client cannot read fails in
 *  every mode, said at warn level; one that only breaks the schema is said once per client at
 *  warn ("warn"), or thrown ("throw"), in which case the error is the report. */
function parseBody<T>(
  text: string,
  response: Response,
  info: CallInfo,
  rules: AnswerRules,
  context: CallContext,
): T {
  const { log, answers } = context;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw notJson(info, response, text, log);
  }
  const { readable, operationId, mode } = rules;
  let violations: readonly Violation[] = readable(body);
  const usable = violations.length === 0;
  if (usable) violations = answers.review(operationId, body, mode);
  else if (mode !== "off") violations = merged(violations, checkAnswer(operationId, body));
  if (violations.length === 0) return body as T;
  // Only the places and rules: the body is customer data (the error keeps it, masked, in `body`).
  const problem = `the body is not the documented shape: ${describeViolations(violations)}`;
  const error = invalidAnswer(info, { ...statusOf(response), body }, problem, violations);
  throw usable ? error : warned(error, log);
}

/** The error of a 2xx body that is not JSON (or is empty), said at warn level. The text is
 *  quoted, cut and escaped, when the caller has it (openapi-fetch keeps it from `desk.raw`). */
export function notJson(info: CallInfo, response: Response, text: string | undefined, log: Log) {
  if (text !== undefined && !text.trim()) {
    return warned(invalidAnswer(info, statusOf(response), "the body is empty"), log);
  }
  const type = showServerText(response.headers.get("content-type") ?? "no content type");
  const shown = text === undefined ? "" : excerpt(text);
  const problem = `the body is not valid JSON (${type})${shown && `: ${shown}`}`;
  return warned(invalidAnswer(info, { ...statusOf(response), body: shown || undefined }, problem), log);
}

/** `first`, then those of `second` it does not hold. */
function merged(first: readonly Violation[], second: readonly Violation[]): Violation[] {
  const known = new Set(first.map(({ path, message }) => `${path} ${message}`));
  return [...first, ...second.filter(({ path, message }) => !known.has(`${path} ${message}`))];
}

const statusOf = ({ status, headers }: Response) => ({ status, headers });

/** `error`, said at warn level first: an answer the client cannot use is worth a log line. */
function warned<E extends Error>(error: E, log: Log): E {
  log.warn(error.message);
  return error;
}

/** Any error that reaches a caller is a DeskError, except the one an `onError` middleware
 *  chose to give instead (as openapi-fetch does). A middleware's throw is already a
 *  `DeskMiddlewareError` (see middleware.ts); anything else failed to build the request. */
export function asDeskError(error: unknown): unknown {
  if (isDeskError(error) || isReplacementError(error)) return error;
  const what = error instanceof Error ? error.message : String(error);
  return new DeskError(`the request could not be built: ${what}`, { cause: error });
}
