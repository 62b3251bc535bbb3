// The fetch that openapi-fetch calls: it adds the token and content type, sends each
// attempt with its own timeout, reads the whole body inside that timeout, and retries.
// It sits below openapi-fetch because middleware cannot re-send a request.
import * as spec from "../generated/spec.js";
import { describe, readBody } from "./api-error.js";
import {
  DeskAbortError,
  DeskConnectionError,
  DeskTimeoutError,
  DeskValidationError,
  isDeskError,
} from "./errors.js";
import { redactText } from "./redact.js";
import { delayBeforeRetry, isRetryableStatus } from "./retry.js";
import { deadline, pause } from "./signals.js";

/** The settled configuration a transport needs. */
export interface TransportConfig {
  /** The configured origin: the token is sent nowhere else. */
  origin: string;
  token: string;
  /** An injected fetch, called with a Request; without one the global fetch gets (url, init). */
  fetch: ((request: Request) => Promise<Response>) | undefined;
  timeoutMs: number;
  maxRetries: number;
  userAgent: string;
}

/** One call's settings, and its outcome. */
export interface CallSettings {
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  /** Set by the resource methods: the shape a 2xx body must have. The transport then reads
   *  and checks the body itself, leaves it in `data`, and throws the typed error for any other
   *  answer; openapi-fetch gets the spent response (`parseAs: "stream"`). Without it (for
   *  `desk.raw`), a fresh Response carries the bytes. */
  expect?: (body: unknown) => boolean;
  data?: unknown;
}

const NULL_BODY = new Set([101, 204, 205, 304]);
const utf8 = new TextDecoder();

/** A sanitized stand-in for a low-level failure: its message and code, secret masked. */
function safeCause(error: unknown, secret: string): Error {
  const e = error as { message?: unknown; code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.cause?.code ?? e?.code;
  return new Error(
    redactText(`${String(e?.message ?? error)}${typeof code === "string" ? ` (${code})` : ""}`, secret),
  );
}

/** Returns a factory of fetch functions bound to per-call settings. */
export function createTransport(config: TransportConfig) {
  const { origin, token } = config;
  return (settings: CallSettings = {}) =>
    async function deskFetch(request: Request): Promise<Response> {
      const timeoutMs = settings.timeoutMs ?? config.timeoutMs;
      const maxRetries = settings.maxRetries ?? config.maxRetries;
      const { url, method, headers, signal: caller } = request; // headers: openapi-fetch's own, completed in place
      const info = { method, url: redactText(url, token), attempts: 0 };
      const refuse = (rule: string) => {
        throw new DeskValidationError("url", info.url, rule);
      };
      if (!url.startsWith(`${origin}/`))
        refuse(`must be on the configured origin ${origin}; the API token is sent nowhere else`);
      if (/%7B[^/?]*%7D/i.test(url.split("?")[0]!)) refuse("every path parameter needs a value");
      headers.set(spec.auth.header, token);
      // The vendor asks for its JSON content type on every request, GET included; a
      // multipart body keeps the boundary its FormData produced.
      if (/^$|^\s*application\/json\s*(;|$)/i.test(headers.get("content-type") ?? ""))
        headers.set("content-type", spec.contentType);
      headers.set("user-agent", config.userAgent);
      const body = request.body && (await request.arrayBuffer()); // re-sent on each attempt
      const aborted = () =>
        new DeskAbortError(describe(info, "was aborted by the caller"), {
          ...info,
          cause: safeCause(caller.reason, token),
        });

      for (let attempt = 1; ; attempt++) {
        if (caller.aborted) throw aborted();
        info.attempts = attempt;
        const timer = deadline(caller, timeoutMs);
        let response: Response | undefined;
        let bytes: ArrayBuffer | null = null;
        let failure: unknown;
        try {
          // redirect: "manual": a redirect would carry the token header to wherever it points.
          const init: RequestInit = { method, headers, body, signal: timer.signal, redirect: "manual" };
          response = await (config.fetch ? config.fetch(new Request(url, init)) : fetch(url, init));
          // The body is read inside the attempt, so the timeout covers it.
          if (!NULL_BODY.has(response.status)) bytes = await response.arrayBuffer();
          // desk.raw gets the bytes in a fresh Response that openapi-fetch may read.
          if (!settings.expect) response = new Response(bytes, response);
        } catch (error) {
          failure = error;
          response = undefined;
        } finally {
          timer.end();
        }
        if (!response) {
          if (caller.aborted) throw aborted();
          if (isDeskError(failure)) throw failure;
        }
        const wait =
          attempt <= maxRetries && (!response || isRetryableStatus(response.status))
            ? delayBeforeRetry(attempt, response?.headers)
            : undefined;
        if (wait === undefined) {
          if (response) {
            if (settings.expect)
              settings.data = readBody(
                response,
                utf8.decode(bytes ?? undefined),
                info,
                token,
                settings.expect,
              );
            return response;
          }
          const cause = safeCause(failure, token);
          const timedOut = timer.signal.aborted;
          throw new (timedOut ? DeskTimeoutError : DeskConnectionError)(
            describe(info, timedOut ? `timed out after ${timeoutMs} ms` : `failed: ${cause.message}`),
            { ...info, cause },
          );
        }
        await pause(caller, wait);
      }
    };
}
