// One call as the transport sees it, and its final answer rebuilt as a Response that
// openapi-fetch (and any middleware) can read, with the token masked in what the server sent.
import { type AnswerInfo, type CallInfo, DeskInvalidResponseError } from "../errors.js";
import type { BodyRead } from "./body.js";
import { MAX_ERROR_BODY_CHARS } from "./defaults.js";
import type { Redactor } from "./redact.js";
import type { CallSettings } from "./transport.js";

/** What every attempt of a call sends, and how many attempts it made. */
export interface Exchange {
  url: string;
  method: string;
  headers: Headers;
  body: BodyInit | undefined;
  signal: AbortSignal | undefined;
  settings: CallSettings;
  attempts: number;
}

/** Statuses a Response can be built with; fetch may hand over others from a broken server. */
const MIN_STATUS = 200;
const MAX_STATUS = 599;
const NULL_BODY_STATUSES = new Set([204, 205, 304]);
const utf8 = new TextDecoder();

/** `METHOD url what`, plus the number of attempts when there was more than one: the start
 *  of every message about a call that failed. */
export function describeCall(info: CallInfo, what: string): string {
  const after = info.attempts > 1 ? ` (after ${info.attempts} attempts)` : "";
  return `${info.method} ${info.url} ${what}${after}`;
}

/** The final answer as a readable Response. A 2xx body is handed over as it came; an error
 *  body is masked and cut to its first 64 KiB of text. Throws `DeskInvalidResponseError` for
 *  an answer the client cannot hand over: a 2xx over the size cap, or a status outside
 *  200-599 (the request was answered, so it is not sent again). */
export function toResponse(
  exchange: Exchange,
  response: Response,
  read: BodyRead,
  redactor: Redactor,
): Response {
  const headers = redactor.headers(response.headers);
  // A Response's status text must be Latin-1; anything else is shown as "?".
  const statusText = redactor.text(response.statusText).replace(/[\u0100-\u{10ffff}]/gu, "?");
  const { status } = response;
  const info: AnswerInfo = { ...callInfo(exchange), status, headers, body: undefined };
  if (status < MIN_STATUS || status > MAX_STATUS) {
    throw new DeskInvalidResponseError(
      describeCall(info, `answered with status ${status}, outside 200-599`),
      info,
    );
  }
  const ok = status < 300;
  if (ok && read.tooLarge) {
    const limit = exchange.settings.maxResponseBytes;
    throw new DeskInvalidResponseError(
      describeCall(info, `failed with ${status}: the body is larger than maxResponseBytes (${limit} bytes)`),
      info,
    );
  }
  let body: BodyInit | null = null;
  if (NULL_BODY_STATUSES.has(status)) body = null;
  else if (ok) body = read.bytes as Uint8Array<ArrayBuffer>;
  else body = redactor.text(utf8.decode(read.bytes).slice(0, MAX_ERROR_BODY_CHARS));
  const rebuilt = new Response(body, { status, statusText, headers });
  answered.set(rebuilt, callInfo(exchange));
  return rebuilt;
}

/** Where each Response this module built was going, and after how many attempts. */
const answered = new WeakMap<Response, CallInfo>();

/** The call behind a Response the transport handed over; undefined for one a middleware
 *  built in its place. */
export const callInfoOf = (response: Response): CallInfo | undefined => answered.get(response);

export const callInfo = ({ method, url, attempts }: Exchange): CallInfo => ({ method, url, attempts });
