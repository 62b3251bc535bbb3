// One call as the transport sees it, and its final answer rebuilt as a Response that
// openapi-fetch (and any middleware) can read, with the token masked in what the server sent.
import * as spec from "../../generated/spec.js";
import { type AnswerInfo, type CallInfo, DeskInvalidResponseError } from "../errors.js";
import type { FetchOptions } from "../options.js";
import type { BodyRead } from "./body.js";
import { MAX_ERROR_BODY_CHARS } from "./defaults.js";
import { bufferedResponse, isBufferedResponse } from "./buffered-response.js";
import { LightRequest, type OutgoingRequest } from "./light-request.js";
import type { Redactor } from "./redact.js";
import { fail } from "./validate.js";

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

/** The settings a call may override, resolved. */
export interface CallSettings {
  timeoutMs: number;
  maxRetries: number;
  maxResponseBytes: number;
  fetchOptions: FetchOptions | undefined;
}

/** A path still holding a `{name}` placeholder: a path value was missing. */
const UNFILLED_PLACEHOLDER = /%7B[^/?]*%7D/i;

/** Checks the destination and builds what every attempt sends. */
export async function prepareExchange(
  request: OutgoingRequest,
  settings: CallSettings,
  config: { origin: string; token: string; userAgent: string; redactor: Redactor },
): Promise<Exchange> {
  const { origin, token, userAgent, redactor } = config;
  const { url, method } = request;
  if (!url.startsWith(`${origin}/`)) {
    // Only the origin is shown: the rest of a URL aimed elsewhere is the caller's, unchecked.
    const elsewhere = redactor.text(new URL(url).origin);
    fail("url", elsewhere, `must be on the configured origin ${origin}; the API token is sent nowhere else`);
  }
  if (UNFILLED_PLACEHOLDER.test(url.split("?")[0]!)) fail("url", url, "every path parameter needs a value");
  // Middleware saw the request without the token, and never sees it with: the token goes on
  // a copy. A light request was seen by no middleware, so its headers are the call's own.
  const headers = request instanceof LightRequest ? request.headers : new Headers(request.headers);
  headers.set(spec.auth.header, token);
  // The vendor asks for its JSON content type on every request, GET included; a
  // multipart body keeps the boundary its FormData produced.
  if (/^$|^\s*application\/json\s*(;|$)/i.test(headers.get("content-type") ?? "")) {
    headers.set("content-type", spec.contentType);
  }
  headers.set("user-agent", userAgent);
  // Re-sent on each attempt: a light request's JSON text as is, a native one's bytes.
  const body = request instanceof LightRequest ? (request.body ?? undefined) : await bytesOf(request);
  return { url, method, headers, body, signal: request.signal ?? undefined, settings, attempts: 0 };
}

/** A native request's body bytes, read once; undefined when it has none. */
async function bytesOf(request: Request): Promise<ArrayBuffer | undefined> {
  return request.body ? await request.arrayBuffer() : undefined;
}

/** Statuses a Response can be built with; fetch may hand over others from a broken server. */
const MIN_STATUS = 200;
const MAX_STATUS = 599;
const utf8 = new TextDecoder();
const encoder = new TextEncoder();
/** Characters a status text may not hold (a Response's must be Latin-1). */
const NOT_LATIN1 = /[\u0100-\u{10ffff}]/gu;

/** `text` as a Response's status text can hold it: anything outside Latin-1 shown as "?". */
const latin1 = (text: string) => (/^[\x20-\x7e]*$/.test(text) ? text : text.replace(NOT_LATIN1, "?"));

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
  const statusText = latin1(redactor.text(response.statusText));
  const { status } = response;
  const ok = status < 300;
  if (status < MIN_STATUS || status > MAX_STATUS) {
    throw invalidAnswer(exchange, status, headers, `answered with status ${status}, outside 200-599`);
  }
  if (ok && read.tooLarge) {
    const limit = exchange.settings.maxResponseBytes;
    const what = `failed with ${status}: the body is larger than maxResponseBytes (${limit} bytes)`;
    throw invalidAnswer(exchange, status, headers, what);
  }
  // A 2xx body is handed over as it came (empty for the statuses that have none, see body.ts);
  // an error body is masked and cut.
  const body = ok ? read.bytes : encoder.encode(errorText(read.bytes, redactor));
  return bufferedResponse(body, { status, statusText, headers }, callInfo(exchange));
}

/** The error of an answer the client cannot hand over (see toResponse). */
function invalidAnswer(exchange: Exchange, status: number, headers: Headers, what: string) {
  const info: AnswerInfo = { ...callInfo(exchange), status, headers, body: undefined };
  return new DeskInvalidResponseError(describeCall(info, what), info);
}

/** The call behind a Response the transport handed over, or what is known of one a
 *  middleware built in its place. */
export const callInfoOf = (response: Response): CallInfo =>
  isBufferedResponse(response)
    ? response.call
    : { method: "(a middleware's answer)", url: response.url, attempts: 1 };

/** An error answer's text, masked and cut to its first 64 KiB. */
function errorText(bytes: Uint8Array, redactor: Redactor): string {
  return redactor.text(utf8.decode(bytes).slice(0, MAX_ERROR_BODY_CHARS));
}

export const callInfo = ({ method, url, attempts }: Exchange): CallInfo => ({ method, url, attempts });
