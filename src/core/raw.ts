// `desk.raw`: openapi-fetch's own client, with what the resource methods have: the per-call
// settings (`timeoutMs`, `maxRetries`, `maxResponseBytes`, `fetchOptions`) are honoured, any
// error that escapes is a DeskError (a middleware's own is wrapped, as its cause), and a 2xx
// body that is not JSON is a DeskInvalidResponseError instead of a bare SyntaxError.
import type { Client, Middleware } from "openapi-fetch";
import type { paths } from "../types.js";
import { parseAnswer } from "./answer.js";
import { asDeskError } from "./call.js";
import { checkCallOptions } from "./call-options.js";
import { callInfoOf } from "./exchange.js";
import type { Log } from "./log.js";
import type { Middlewares } from "./middleware.js";
import type { Redactor } from "./redact.js";
import type { Transport } from "./transport.js";
import { fail } from "./validate.js";

/** What a raw call may carry besides openapi-fetch's own options. */
interface RawInit {
  middleware?: Middleware[];
  fetch?: unknown;
  timeoutMs?: number;
  maxRetries?: number;
  maxResponseBytes?: number;
  fetchOptions?: Record<string, unknown>;
}

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;
/** Raw calls check that a body is JSON, not its shape. */
const ANY_JSON = { readable: () => [] };

/** Checks that a 2xx answer openapi-fetch will parse as JSON is JSON. A per-call middleware,
 *  so its onResponse runs first, on the transport's own answer. */
function jsonGuard(context: { redactor: Redactor; log: Log }): Middleware {
  return {
    async onResponse({ response, options }) {
      if (options.parseAs !== "json" || !response.ok || response.status === 204) return undefined;
      const text = await response.clone().text();
      const info = callInfoOf(response);
      if (text.trim()) parseAnswer(response, text, ANY_JSON, { info, ...context });
      return undefined;
    },
  };
}

/** `client` with every HTTP method guarded; `use` and `eject` act on the client itself, so a
 *  middleware added here runs for the resource methods too. */
export function guardRaw(
  client: Client<paths>,
  context: { transport: Transport; redactor: Redactor; log: Log; middlewares: Middlewares },
): Client<paths> {
  const guard = jsonGuard(context);
  const { middlewares } = context;
  const guarded: Record<string, unknown> = {
    ...client,
    use: (...added: Middleware[]) => middlewares.use(...added),
    eject: (...ejected: Middleware[]) => middlewares.eject(...ejected),
  };
  for (const method of METHODS) {
    const send = client[method] as (path: unknown, init?: RawInit) => Promise<unknown>;
    guarded[method] = async (path: unknown, init: RawInit = {}) => {
      const { timeoutMs, maxRetries, maxResponseBytes, fetchOptions, ...rest } = init;
      if (rest.fetch !== undefined)
        fail("fetch", rest.fetch, "is the client's; pass fetch to createDeskClient");
      const overrides = checkCallOptions({ timeoutMs, maxRetries, maxResponseBytes, fetchOptions });
      const fetch = (request: Request) => context.transport.send(request, overrides);
      const middleware = [...(rest.middleware ?? []), guard];
      return send(path, { ...rest, fetch, middleware }).catch((error: unknown) => {
        throw asDeskError(error);
      });
    };
  }
  return guarded as unknown as Client<paths>;
}
