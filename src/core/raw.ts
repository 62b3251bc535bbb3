// `desk.raw`: openapi-fetch's own client, on the same transport as the resource methods (the
// token, retries, timeouts, masking), with their checks: the per-call settings (`timeoutMs`,
// `maxRetries`, `maxResponseBytes`, `fetchOptions`) are checked and honoured, headers the
// client owns are refused, every `HeadersInit` form arrives as written, and a 2xx body that
// is not JSON is a `DeskInvalidResponseError` instead of a bare SyntaxError. HTTP errors come
// back as openapi-fetch gives them: `{ error, response }`.
import type { Client } from "openapi-fetch";
import type { CallInfo } from "../errors.js";
import type { paths } from "../types.js";
import { asDeskError, type CallContext, notJson } from "./call.js";
import { checkRequestOptions } from "./call-options.js";
import type { Middlewares } from "./middleware.js";
import { fail } from "./validate.js";

/** What a raw call may carry besides openapi-fetch's own options. */
interface RawInit {
  fetch?: unknown;
  headers?: HeadersInit;
  parseAs?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
  maxResponseBytes?: number;
  fetchOptions?: Record<string, unknown>;
}

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

/** `context.openapi` with every HTTP method guarded; `use` and `eject` act on the client
 *  itself, so a middleware added here runs for the resource methods too. */
export function guardRaw(context: CallContext, middlewares: Middlewares): Client<paths> {
  const client = context.openapi;
  const guarded: Record<string, unknown> = {
    ...client,
    use: (...added: Parameters<Middlewares["use"]>) => middlewares.use(...added),
    eject: (...ejected: Parameters<Middlewares["eject"]>) => middlewares.eject(...ejected),
  };
  for (const method of METHODS) {
    const send = client[method] as (path: unknown, init?: object) => Promise<unknown>;
    guarded[method] = async (path: unknown, init: RawInit = {}) => {
      const { timeoutMs, maxRetries, maxResponseBytes, fetchOptions, signal, headers, ...rest } = init;
      if (rest.fetch !== undefined)
        fail("fetch", rest.fetch, "is the client's; pass fetch to createDeskClient");
      // The same checks as a resource method's options, headers the client owns included.
      const checked = checkRequestOptions({
        timeoutMs,
        maxRetries,
        maxResponseBytes,
        fetchOptions,
        signal,
        headers,
      });
      const settings = { ...context.settings, ...checked.overrides };
      const info: CallInfo = { method, url: `${context.baseUrl}${String(path)}`, attempts: 0 };
      let answered: Response | undefined;
      const fetch = async (request: Request) => {
        answered = await context.transport.send(request, { settings, signal: checked.signal, info });
        return answered;
      };
      try {
        return await send(path, { ...rest, signal, headers: checked.headers, fetch });
      } catch (error) {
        // openapi-fetch parses a 2xx body as JSON by default, and throws what JSON.parse throws
        // (a SyntaxError of the realm the platform's Response lives in: checked by name).
        const notJsonAnswer = (error as Error | undefined)?.name === "SyntaxError" && answered?.ok;
        if (notJsonAnswer && (rest.parseAs ?? "json") === "json") {
          throw notJson(info, answered!, undefined, context.log);
        }
        throw asDeskError(error);
      }
    };
  }
  return guarded as unknown as Client<paths>;
}
