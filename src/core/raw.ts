// `desk.raw`: openapi-fetch's own client, with two guarantees added to every call: any
// error that escapes is a DeskError (a middleware's own is wrapped, as its cause), and a
// 2xx body that is not JSON is a DeskInvalidResponseError instead of a bare SyntaxError.
import type { Client, Middleware } from "openapi-fetch";
import type { paths } from "../types.js";
import { parseAnswer } from "./answer.js";
import { asDeskError } from "./call.js";
import { callInfoOf } from "./exchange.js";
import type { Log } from "./log.js";
import type { Redactor } from "./redact.js";

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;
const isAnything = (_body: unknown): _body is unknown => true;

/** Checks that a 2xx answer openapi-fetch will parse as JSON is JSON. A per-call middleware,
 *  so its onResponse runs first, on the transport's own answer. */
function jsonGuard(context: { redactor: Redactor; log: Log }): Middleware {
  return {
    async onResponse({ response, options }) {
      if (options.parseAs !== "json" || !response.ok || response.status === 204) return undefined;
      const text = await response.clone().text();
      const info = callInfoOf(response) ?? { method: "", url: response.url, attempts: 1 };
      if (text.trim()) parseAnswer(response, text, isAnything, { info, ...context });
      return undefined;
    },
  };
}

/** `client` with every HTTP method guarded; `use` and `eject` act on the client itself, so a
 *  middleware added here runs for the resource methods too. */
export function guardRaw(client: Client<paths>, context: { redactor: Redactor; log: Log }): Client<paths> {
  const guard = jsonGuard(context);
  const guarded: Record<string, unknown> = { ...client };
  for (const method of METHODS) {
    const send = client[method] as (path: unknown, init?: { middleware?: Middleware[] }) => Promise<unknown>;
    guarded[method] = (path: unknown, init?: { middleware?: Middleware[] }) =>
      send(path, { ...init, middleware: [...(init?.middleware ?? []), guard] }).catch((error: unknown) => {
        throw asDeskError(error);
      });
  }
  return guarded as unknown as Client<paths>;
}
