// What a call that got no usable answer reports: a failure's cause, made safe to show,
// and the debug line of each attempt.
import { DeskAbortError, DeskConnectionError, DeskTimeoutError } from "../errors.js";
import { callInfo, describeCall, type Exchange } from "./exchange.js";
import { showHeaders } from "./headers.js";
import type { Log } from "./log.js";
import type { Redactor } from "./redact.js";

/** A sanitized stand-in for a low-level failure or an abort reason: its message and code,
 *  token masked. Never throws, whatever the reason is made of. */
export function safeCause(error: unknown, redactor: Redactor): Error {
  let text: string;
  try {
    const e = error as { message?: unknown; code?: unknown; cause?: { code?: unknown } } | null;
    const code = e?.cause?.code ?? e?.code;
    text = `${String(e?.message ?? error)}${typeof code === "string" ? ` (${code})` : ""}`;
  } catch {
    text = "an error that cannot be shown";
  }
  return new Error(redactor.text(text));
}

/** Writes one attempt's debug line: method, URL, outcome, duration, and both sides' headers
 *  (the token shown as the mask; what the server sent, masked). */
export function logAttempt(
  config: { log: Log; redactor: Redactor },
  exchange: Exchange,
  started: number,
  response?: Response,
  failure?: unknown,
): void {
  const { log, redactor } = config;
  if (!log.debugging) return;
  const ms = Math.round(performance.now() - started);
  const outcome = response ? `${response.status}` : `failed (${safeCause(failure, redactor).message})`;
  const shown = response ? ` response headers ${showHeaders(redactor.headers(response.headers))}` : "";
  log.debug(
    `${exchange.method} ${exchange.url} attempt ${exchange.attempts}: ${outcome} in ${ms} ms;` +
      ` request headers ${showHeaders(exchange.headers)}${shown}`,
  );
}

/** The error of a call whose last attempt got no answer: it timed out, or failed. */
export function failureError(exchange: Exchange, failure: unknown, timedOut: boolean, redactor: Redactor) {
  const info = callInfo(exchange);
  const cause = safeCause(failure, redactor);
  if (timedOut) {
    const message = describeCall(info, `timed out after ${exchange.settings.timeoutMs} ms`);
    return new DeskTimeoutError(message, { ...info, cause });
  }
  return new DeskConnectionError(describeCall(info, `failed: ${cause.message}`), { ...info, cause });
}

/** The error of a call the caller's signal aborted. */
export function abortError(exchange: Exchange, redactor: Redactor): DeskAbortError {
  const info = callInfo(exchange);
  const cause = safeCause(exchange.signal?.reason, redactor);
  return new DeskAbortError(describeCall(info, "was aborted by the caller"), { ...info, cause });
}
