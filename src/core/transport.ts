// The fetch that openapi-fetch calls, for resource methods and `desk.raw` alike. It checks
// where the request goes, adds the token (on its own copy of the headers, below every
// middleware), sends each attempt with its own deadline, reads the body inside it (up to a
// cap), retries, and hands back one native Response built from what it read, with the token
// masked in everything the server sent. It sits below openapi-fetch because middleware
// cannot re-send a request.
import * as spec from "../../generated/spec.js";
import { abortError, type CallInfo, failureError, invalidAnswer, safeCause } from "../errors.js";
import type { FetchFunction, FetchOptions } from "../options.js";
import { type BodyRead, readBody } from "./body.js";
import { pause, raceSignal, startDeadline } from "./deadline.js";
import { MAX_ERROR_BODY_BYTES } from "./defaults.js";
import { showHeaders } from "./headers.js";
import { showServerText } from "./server-text.js";
import type { Log } from "./log.js";
import type { RateLimiter } from "./rate-limiter.js";
import type { Redactor } from "./redact.js";
import { isRetryableStatus, waitBeforeRetry } from "./retry.js";
import { fail } from "./validate.js";

/** The settings a call may override, resolved. */
export interface CallSettings {
  timeoutMs: number;
  maxRetries: number;
  maxResponseBytes: number;
  fetchOptions: FetchOptions | undefined;
}

/** The settled configuration a transport needs. */
export interface TransportConfig {
  /** The configured origin: the token is sent nowhere else. */
  origin: string;
  token: string;
  redactor: Redactor;
  /** An injected fetch; without one the global fetch is called with (url, init). */
  fetch: FetchFunction | undefined;
  userAgent: string;
  log: Log;
  /** The client's limiter, shared by every call: each attempt waits its turn there. */
  limiter: RateLimiter;
}

/** One call as the transport serves it. */
export interface Call {
  settings: CallSettings;
  /** The caller's own signal, when they gave one (a call option, or `desk.raw`'s `signal`). */
  signal: AbortSignal | undefined;
  /** Where the call went and how many attempts it made: the transport fills it in, and every
   *  error of the call says it. */
  info: CallInfo;
}

/** What every attempt of a call sends. */
interface Prepared {
  url: string;
  method: string;
  headers: Headers;
  body: ArrayBuffer | undefined;
}

/** What one attempt produced: an answer with its body, or a failure. */
type Attempt =
  | { answered: true; response: Response; body: BodyRead }
  | { answered: false; failure: unknown; timedOut: boolean };

/** A path still holding a `{name}` placeholder: a path value was missing. */
const UNFILLED_PLACEHOLDER = /%7B[^/]*%7D/i;
/** A content type the vendor's JSON type replaces: none, or JSON. Multipart keeps its own. */
const JSON_OR_NONE = /^$|^\s*application\/json\s*(;|$)/i;
const utf8 = new TextDecoder();

/** Sends the requests of one client. */
export class Transport {
  readonly #config: TransportConfig;
  readonly #mask: (text: string) => string;

  constructor(config: TransportConfig) {
    this.#config = config;
    this.#mask = (text) => config.redactor.text(text);
  }

  /** Sends `request` with retries; resolves to the final answer, or rejects with a typed
   *  error when there is none to hand over. The caller's signal is the call's, not the
   *  request's: a native Request always has a signal, and joining it to each attempt's
   *  deadline when the caller gave none would cost every call an `AbortSignal.any`. */
  async send(request: Request, { settings, signal, info }: Call): Promise<Response> {
    const prepared = await this.#prepare(request);
    info.method = prepared.method;
    info.url = prepared.url;
    const { limiter } = this.#config;
    for (;;) {
      if (signal?.aborted) throw abortError(info, signal.reason, this.#mask);
      // Every attempt waits its turn with the client's other calls (see rate-limiter.ts).
      const turn = limiter.enter() ?? (await limiter.wait(signal));
      if (turn === undefined) throw abortError(info, signal?.reason, this.#mask);
      info.attempts++;
      const attempt = await this.#attempt(prepared, settings, signal, info);
      limiter.leave(turn, attempt.answered ? attempt.response : undefined);
      if (signal?.aborted) throw abortError(info, signal.reason, this.#mask);
      const wait = this.#retryWait(attempt, settings, info);
      if (wait === undefined) return this.#finish(attempt, settings, info);
      await pause(signal, wait);
    }
  }

  /** Checks the destination and builds what every attempt sends. */
  async #prepare(request: Request): Promise<Prepared> {
    const { origin, token, userAgent, redactor } = this.#config;
    const { url, method } = request;
    if (!url.startsWith(`${origin}/`)) {
      // Only the origin is shown: the rest of a URL aimed elsewhere is the caller's, unchecked.
      const elsewhere = redactor.text(new URL(url).origin);
      fail(
        "url",
        elsewhere,
        `must be on the configured origin ${origin}; the API token is sent nowhere else`,
      );
    }
    if (UNFILLED_PLACEHOLDER.test(new URL(url).pathname))
      fail("url", url, "every path parameter needs a value");
    // Middleware saw the request without the token, and never sees it with: it goes on a copy.
    const headers = new Headers(request.headers);
    headers.set(spec.auth.header, token);
    // The vendor asks for its JSON content type on every request, GET included; a
    // multipart body keeps the boundary its FormData produced.
    if (JSON_OR_NONE.test(headers.get("content-type") ?? "")) headers.set("content-type", spec.contentType);
    headers.set("user-agent", userAgent);
    // Read once, sent again on each attempt.
    const body = request.body ? await request.arrayBuffer() : undefined;
    return { url, method, headers, body };
  }

  /** One attempt: the fetch and the body read, both inside the attempt's deadline. */
  async #attempt(
    prepared: Prepared,
    settings: CallSettings,
    caller: AbortSignal | undefined,
    call: CallInfo,
  ): Promise<Attempt> {
    const deadline = startDeadline(caller, settings.timeoutMs);
    const started = performance.now();
    try {
      // The platform's fetch stops when its signal aborts; an injected one is raced against it.
      const fetching = this.#fetch(prepared, settings.fetchOptions, deadline.signal);
      const injected = this.#config.fetch !== undefined;
      const response = await (injected ? raceSignal(fetching, deadline.signal) : fetching);
      // A network-error response (status 0, as for a browser's opaque redirect) is no answer.
      if (response.type === "error" || response.status === 0)
        throw new TypeError("no usable answer (status 0)");
      // An error answer is read up to 64 KiB: enough to explain it, and the connection is freed.
      const cap = response.ok
        ? settings.maxResponseBytes
        : Math.min(settings.maxResponseBytes, MAX_ERROR_BODY_BYTES);
      const body = await readBody(response, cap, injected ? deadline.signal : undefined);
      this.#logAttempt(prepared, call, started, `${response.status}`, response.headers);
      return { answered: true, response, body };
    } catch (failure) {
      this.#logAttempt(prepared, call, started, `failed (${safeCause(failure, this.#mask).message})`);
      return { answered: false, failure, timedOut: deadline.timedOut };
    } finally {
      deadline.end();
    }
  }

  #fetch(prepared: Prepared, extra: FetchOptions | undefined, signal: AbortSignal): Promise<Response> {
    const { url, method, headers, body } = prepared;
    // redirect: "manual": a redirect would carry the token header to wherever it points.
    const init: RequestInit = { ...extra, method, headers, body: body ?? null, signal, redirect: "manual" };
    const injected = this.#config.fetch;
    return injected ? injected(new Request(url, init), extra) : fetch(url, init);
  }

  /** The wait before another attempt, or undefined when this attempt is the last. */
  #retryWait(attempt: Attempt, settings: CallSettings, call: CallInfo): number | undefined {
    const { attempts, method, url } = call;
    if (attempts > settings.maxRetries) return undefined;
    let reason: string;
    let headers: Headers | undefined;
    if (attempt.answered) {
      const { response, body } = attempt;
      // A 2xx past maxResponseBytes is not retried: the next one would be as large. An error
      // answer is retried by its status, however large: only its first 64 KiB is read.
      if ((response.ok && body.tooLarge) || !isRetryableStatus(response.status)) return undefined;
      reason = `status ${response.status}`;
      headers = response.headers;
    } else reason = attempt.timedOut ? "timeout" : "connection failure";
    const wait = waitBeforeRetry(attempts, headers);
    const where = `${method} ${url} (attempt ${attempts} of ${settings.maxRetries + 1})`;
    if (wait.source === "too-long") {
      this.#config.log.warn(
        `${where}: the server asks to wait ${wait.ms} ms, longer than the client waits; failing now`,
      );
      return undefined;
    }
    this.#config.log.info(`${where}: ${reason}; retrying in ${wait.ms} ms (${wait.source})`);
    return wait.ms;
  }

  /** The last attempt's answer as one native Response, or its failure as a typed error. */
  #finish(attempt: Attempt, settings: CallSettings, call: CallInfo): Response {
    if (!attempt.answered) {
      throw failureError(
        call,
        attempt.failure,
        attempt.timedOut ? settings.timeoutMs : undefined,
        this.#mask,
      );
    }
    const { redactor } = this.#config;
    const { response, body } = attempt;
    const { status } = response;
    const headers = redactor.headers(response.headers);
    // A Response can only be built with these; fetch may hand over others from a broken server.
    if (status < 200 || status > 599) {
      throw invalidAnswer(call, { status, headers }, `the status is outside 200-599`);
    }
    if (response.ok && body.tooLarge) {
      const what = `the body is larger than maxResponseBytes (${settings.maxResponseBytes} bytes)`;
      throw invalidAnswer(call, { status, headers }, what);
    }
    return new Response(maskedBody(body.bytes, redactor), {
      status,
      statusText: reasonPhrase(redactor.text(response.statusText)),
      headers,
    });
  }

  /** Writes one attempt's debug line: method, URL, outcome, duration, and both sides'
   *  headers (the token shown as the mask; what the server sent, masked). */
  #logAttempt(
    prepared: Prepared,
    call: CallInfo,
    started: number,
    outcome: string,
    answered?: Headers,
  ): void {
    const { log, redactor } = this.#config;
    if (!log.debugging) return;
    const ms = Math.round(performance.now() - started);
    const shown = answered ? ` response headers ${showHeaders(redactor.headers(answered))}` : "";
    log.debug(
      `${prepared.method} ${prepared.url} attempt ${call.attempts}: ${outcome} in ${ms} ms;` +
        ` request headers ${showHeaders(prepared.headers)}${shown}`,
    );
  }
}

/** A body with the token masked: the bytes as they came when they hold none of it, else the
 *  masked text; null when there are none (a Response with a null-body status takes no body). */
function maskedBody(bytes: Uint8Array, redactor: Redactor): BodyInit | null {
  if (bytes.byteLength === 0) return null;
  const text = utf8.decode(bytes);
  const masked = redactor.body(text);
  return masked === text ? (bytes as Uint8Array<ArrayBuffer>) : masked;
}

/** A status text as a Response can hold it, and as a message may show it: control characters
 *  shown escaped, cut to the bound on server text, and anything past Latin-1 shown as "?". */
function reasonPhrase(text: string): string {
  return showServerText(text).replace(/[^\t\x20-\x7e\xa0-\xff]/gu, "?");
}
