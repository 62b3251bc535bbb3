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
}

/** A call's answer: the final Response (body read), its text, and how to read the value. */
export interface Outcome<T> {
  response: Response;
  text: string;
  info: CallInfo;
  /** Parses and checks the body; throws `DeskInvalidResponseError` when it cannot be used. */
  parse(): T;
}

/** Checks the value a 2xx body parsed to; returns where it breaks the documented shape. */
export type ShapeCheck = (body: unknown) => Violation[];

/** What openapi-fetch resolves to with `parseAs: "text"`. */
interface Sent {
  data?: string;
  error?: unknown;
  response: Response;
}
type Send = (method: string, path: string, init: object) => Promise<Sent>;

/** Runs one call of `operationId` with `values`, under `options`. `check` looks at the parsed
 *  body before it is handed over. */
export async function call<T>(
  context: CallContext,
  operationId: OperationId,
  values: Values,
  options: RequestOptions | undefined,
  check: ShapeCheck,
): Promise<Outcome<T>> {
  const operation = spec.operations[operationId];
  const { signal, headers, overrides } = checkRequestOptions(options);
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
  return { response, text, info, parse: once(() => parseBody<T>(text, response, info, check, context.log)) };
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

/** The value of a 2xx body: parsed once, then checked. */
function parseBody<T>(text: string, response: Response, info: CallInfo, check: ShapeCheck, log: Log): T {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const type = showServerText(response.headers.get("content-type") ?? "no content type");
    const shown = excerpt(text);
    const problem = text.trim() ? `the body is not valid JSON (${type}): ${shown}` : "the body is empty";
    throw warned(invalidAnswer(info, { ...statusOf(response), body: shown }, problem), log);
  }
  const violations = check(body);
  if (violations.length > 0) {
    const where = violations.map((v) => `${v.path || "(the body)"} ${v.message}`).join("; ");
    const problem = `the body is not the documented shape: ${where}`;
    throw warned(invalidAnswer(info, { ...statusOf(response), body }, problem, violations), log);
  }
  return body as T;
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
