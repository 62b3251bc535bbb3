// The fetch that openapi-fetch calls: it adds the token and content type, sends each
// attempt with its own timeout, reads the whole body inside that timeout, and retries.
// It sits below openapi-fetch because middleware cannot re-send a request.
import * as spec from "../generated/spec.js";
import { DeskAbortError, DeskConnectionError, DeskTimeoutError, DeskValidationError, isDeskError, type RequestInfo } from "./errors.js";
import { redactText } from "./redact.js";
import { delayBeforeRetry, isRetryableStatus } from "./retry.js";
import { attemptSignal, sleep } from "./signals.js";

/** The settled configuration a transport needs. */
export interface TransportConfig {
  /** The configured origin: the token is sent nowhere else. */
  origin: string;
  token: string;
  /** An injected fetch, called with a Request; without one the global fetch gets (url, init). */
  fetch: ((request: Request) => Promise<Response>) | undefined;
  timeoutMs: number;
  maxRetries: number;
  userAgent: string | undefined;
}

/** Per-call overrides of the configuration. */
export interface CallSettings {
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  /** Read the body here as text, kept beside the response (see `requestInfoOf`), and hand
   *  openapi-fetch a response whose body it need not read (`parseAs: "stream"`): one read,
   *  one parse. Without it, a fresh Response carries the bytes, for `desk.raw`. */
  keepText?: boolean;
}

/** Where a response came from, and its body when `keepText` was set. */
export type Exchange = RequestInfo & { text?: string };

const infoOf = new WeakMap<Response, Exchange>();
/** The method, URL (token masked), attempts and kept text behind a response this transport returned. */
export function requestInfoOf(response: Response): Exchange {
  return infoOf.get(response) ?? { method: "", url: response.url, attempts: 1 };
}

const NULL_BODY = new Set([101, 204, 205, 304]);

/** A sanitized stand-in for a low-level failure: its message and code, secret masked. */
function safeCause(error: unknown, secret: string): Error {
  const e = error as { message?: unknown; code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.cause?.code ?? e?.code;
  return new Error(redactText(`${String(e?.message ?? error)}${typeof code === "string" ? ` (${code})` : ""}`, secret));
}

/** Returns a factory of fetch functions bound to per-call settings. */
export function createTransport(config: TransportConfig) {
  const { origin, token, timeoutMs: defaultTimeout, maxRetries: defaultRetries } = config;
  return (settings: CallSettings = {}) =>
    async function deskFetch(request: Request): Promise<Response> {
      const timeoutMs = settings.timeoutMs ?? defaultTimeout;
      const maxRetries = settings.maxRetries ?? defaultRetries;
      const url = request.url;
      const info: RequestInfo = { method: request.method, url: redactText(url, token), attempts: 0 };
      if (!url.startsWith(`${origin}/`)) {
        throw new DeskValidationError("url", info.url, `must be on the configured origin ${origin}; the API token is sent nowhere else`);
      }
      if (/%7B[^/?]*%7D/i.test(url.split("?")[0]!)) {
        throw new DeskValidationError("url", info.url, "every path parameter needs a value");
      }
      const { headers } = request; // openapi-fetch's own fresh Headers: completed in place
      headers.set(spec.auth.header, token);
      const type = headers.get("content-type");
      // The vendor asks for its JSON content type on every request, GET included; a
      // multipart body keeps the boundary its FormData produced.
      if (type === null || type.split(";")[0]!.trim().toLowerCase() === "application/json") {
        headers.set("content-type", spec.contentType);
      }
      if (config.userAgent) headers.set("user-agent", config.userAgent);
      const body = request.body && (await request.arrayBuffer()); // re-sent on each attempt
      const caller = request.signal;
      const aborted = () =>
        new DeskAbortError(`${info.method} ${info.url} was aborted by the caller`, { ...info, cause: safeCause(caller.reason, token) });

      for (let attempt = 1; ; attempt++) {
        info.attempts = attempt;
        if (caller.aborted) throw aborted();
        const timer = attemptSignal(caller, timeoutMs);
        let response: Response | undefined;
        let text: string | undefined;
        let failure: unknown;
        try {
          // redirect: "manual": a redirect would carry the token header to wherever it points.
          const init: RequestInit = { method: request.method, headers, body, signal: timer.signal, redirect: "manual" };
          const answer = await (config.fetch ? config.fetch(new Request(url, init)) : fetch(url, init));
          const { status, statusText } = answer;
          const empty = NULL_BODY.has(status);
          if (settings.keepText) {
            // The body is read inside the attempt, so the timeout covers it.
            text = empty ? "" : await answer.text();
            response = answer.ok ? answer : new Response(null, { status, statusText, headers: answer.headers });
          } else {
            const bytes = empty ? null : await answer.arrayBuffer();
            response = new Response(bytes, { status, statusText, headers: answer.headers });
          }
        } catch (error) {
          failure = error;
        } finally {
          timer.done();
        }

        let wait: number | undefined;
        if (response) {
          wait = attempt <= maxRetries && isRetryableStatus(response.status) ? delayBeforeRetry(attempt, response.headers) : undefined;
          if (wait === undefined) {
            infoOf.set(response, { ...info, text });
            return response;
          }
        } else {
          if (timer.cause() === "caller" || caller.aborted) throw aborted();
          if (isDeskError(failure)) throw failure;
          const timedOut = timer.cause() === "timeout";
          if (attempt > maxRetries) {
            const tries = attempt > 1 ? ` (after ${attempt} attempts)` : "";
            const init = { ...info, cause: safeCause(failure, token) };
            throw timedOut
              ? new DeskTimeoutError(`${info.method} ${info.url} timed out after ${timeoutMs} ms${tries}`, init)
              : new DeskConnectionError(`${info.method} ${info.url} failed: ${init.cause.message}${tries}`, init);
          }
          wait = delayBeforeRetry(attempt, undefined);
        }
        try {
          await sleep(wait!, caller);
        } catch {
          throw aborted();
        }
      }
    };
}
