// The fetch that openapi-fetch calls: it checks where the request goes, adds the token (on
// its own copy of the headers, below every middleware), sends each attempt with its own
// deadline, reads the body inside it, and retries. It sits below openapi-fetch because
// middleware cannot re-send a request. It always hands back a readable Response.
import type { FetchFunction } from "../options.js";
import { type BodyRead, readBody } from "./body.js";
import { pause, raceSignal, startDeadline } from "./deadline.js";
import { type CallSettings, type Exchange, prepareExchange, toResponse } from "./exchange.js";
import { abortError, failureError, logAttempt } from "./failure.js";
import type { OutgoingRequest } from "./light-request.js";
import type { Log } from "./log.js";
import type { RateLimiter } from "./rate-limiter.js";
import type { Redactor } from "./redact.js";
import { isRetryableStatus, waitBeforeRetry } from "./retry.js";

export type { CallSettings };

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
  defaults: CallSettings;
  /** The client's limiter, shared by every call: each attempt waits its turn there. */
  limiter: RateLimiter;
}

/** What one attempt produced: an answer with its body, or a failure. */
type Attempt =
  | { answered: true; response: Response; body: BodyRead }
  | { answered: false; failure: unknown; timedOut: boolean };

/** Sends openapi-fetch's requests. `send(request, overrides)` is one whole call. */
export class Transport {
  readonly #config: TransportConfig;

  constructor(config: TransportConfig) {
    this.#config = config;
  }

  /** Sends `request` with retries; resolves to the final answer, rebuilt readable, with the
   *  token masked in what the server sent. */
  async send(request: OutgoingRequest, overrides: Partial<CallSettings> = {}): Promise<Response> {
    const exchange = await prepareExchange(request, { ...this.#config.defaults, ...overrides }, this.#config);
    for (;;) {
      if (exchange.signal?.aborted) throw abortError(exchange, this.#config.redactor);
      const turn = this.#config.limiter.enter() ?? (await this.#config.limiter.wait(exchange.signal));
      if (turn === undefined) throw abortError(exchange, this.#config.redactor);
      exchange.attempts++;
      const attempt = await this.#attempt(exchange);
      this.#config.limiter.leave(turn, attempt.answered ? attempt.response : undefined);
      if (exchange.signal?.aborted) throw abortError(exchange, this.#config.redactor);
      const wait = this.#retryWait(exchange, attempt);
      if (wait === undefined) return this.#finish(exchange, attempt);
      await pause(exchange.signal, wait);
    }
  }

  /** One attempt: the fetch and the body read, both inside the attempt's deadline. */
  async #attempt(exchange: Exchange): Promise<Attempt> {
    const { settings, signal: caller } = exchange;
    const deadline = startDeadline(caller, settings.timeoutMs);
    const started = performance.now();
    try {
      // The platform's fetch stops when its signal aborts; any other is raced against it.
      const fetching = this.#fetch(exchange, deadline.signal);
      const response = await (this.#config.fetch ? raceSignal(fetching, deadline.signal) : fetching);
      // A network-error response (status 0, as for a browser's opaque redirect) is no answer.
      if (response.type === "error" || response.status === 0)
        throw new TypeError("no usable answer (status 0)");
      const body = await readBody(response, settings.maxResponseBytes, deadline.signal, !this.#config.fetch);
      logAttempt(this.#config, exchange, started, response);
      return { answered: true, response, body };
    } catch (failure) {
      logAttempt(this.#config, exchange, started, undefined, failure);
      return { answered: false, failure, timedOut: deadline.timedOut };
    } finally {
      deadline.end();
    }
  }

  #fetch(exchange: Exchange, signal: AbortSignal): Promise<Response> {
    const { url, method, headers, body, settings } = exchange;
    const extra = settings.fetchOptions;
    // redirect: "manual": a redirect would carry the token header to wherever it points.
    const init: RequestInit = { ...extra, method, headers, body, signal, redirect: "manual" };
    const injected = this.#config.fetch;
    return injected ? injected(new Request(url, init), extra) : fetch(url, init);
  }

  /** The wait before another attempt, or undefined when this attempt is the last. */
  #retryWait(exchange: Exchange, attempt: Attempt): number | undefined {
    const { attempts, settings, method, url } = exchange;
    if (attempts > settings.maxRetries) return undefined;
    let reason: string;
    let headers: Headers | undefined;
    if (attempt.answered) {
      // An oversized answer is not retried: the next one would be as large.
      if (attempt.body.tooLarge || !isRetryableStatus(attempt.response.status)) return undefined;
      reason = `status ${attempt.response.status}`;
      headers = attempt.response.headers;
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

  /** The final attempt's answer as a readable Response, or its failure as a typed error. */
  #finish(exchange: Exchange, attempt: Attempt): Response {
    const { redactor } = this.#config;
    if (!attempt.answered) throw failureError(exchange, attempt.failure, attempt.timedOut, redactor);
    return toResponse(exchange, attempt.response, attempt.body, redactor);
  }
}
