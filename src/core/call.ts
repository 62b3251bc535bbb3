// One resource call, top to bottom: check the per-call options, hand openapi-fetch the
// request with a fetch bound to those options, and turn what comes back into a value or a
// typed error. Nothing travels back through the options: the answer is returned.
import { DeskMiddlewareError, isDeskError } from "../errors.js";
import type { RequestOptions } from "../options.js";
import { type AnswerRules, errorFromAnswer, parseAnswer } from "./answer.js";
import type { AnswerChecks } from "./answer-check.js";
import { checkRequestOptions } from "./call-options.js";
import type { Outcome } from "./desk-promise.js";
import { callInfoOf } from "./exchange.js";
import type { Log } from "./log.js";
import type { Middlewares } from "./middleware.js";
import type { Redactor } from "./redact.js";
import type { Transport } from "./transport.js";

/** What a resource call needs from its client. */
export interface CallContext {
  transport: Transport;
  middlewares: Middlewares;
  redactor: Redactor;
  log: Log;
  answers: AnswerChecks;
}

/** What every resource call adds to openapi-fetch's options. `parseAs: "text"`: the call
 *  parses and checks the body itself, once. */
export interface CallInit {
  fetch: (request: Request) => Promise<Response>;
  signal: AbortSignal | undefined;
  headers: HeadersInit | undefined;
  parseAs: "text";
  Request: typeof Request;
}

/** What openapi-fetch resolves to with `parseAs: "text"`. */
interface Sent {
  data?: string;
  error?: unknown;
  response: Response;
}

/** Runs one call. `send` checks the method's own arguments and calls openapi-fetch; the
 *  2xx body is checked by `rules` under the call's `validateResponses`, else the client's. */
export async function call<T>(
  context: CallContext,
  options: RequestOptions | undefined,
  rules: AnswerRules,
  send: (init: CallInit) => Promise<Sent>,
): Promise<Outcome<T>> {
  const { signal, headers, overrides, validateResponses } = checkRequestOptions(options);
  const fetch = (request: Request) => context.transport.send(request, overrides);
  let sent: Sent;
  try {
    const Request = context.middlewares.requestClass();
    sent = await send({ fetch, signal, headers, parseAs: "text", Request });
  } catch (error) {
    throw asDeskError(error);
  }
  const { response } = sent;
  const info = callInfoOf(response);
  if (!response.ok) throw errorFromAnswer(response, sent.error, info);
  const text = sent.data ?? "";
  return {
    response,
    text,
    read: () => parseAnswer<T>(response, text, { ...rules, mode: validateResponses }, { info, ...context }),
  };
}

/** Any error that reaches a caller is a DeskError: one thrown by a middleware (or by
 *  openapi-fetch about a middleware's return value) is wrapped, the original as its cause. */
export function asDeskError(error: unknown): unknown {
  if (isDeskError(error)) return error;
  const what = error instanceof Error ? error.message : String(error);
  return new DeskMiddlewareError(`a middleware failed: ${what}`, { cause: error });
}
