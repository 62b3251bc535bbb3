// createDeskClient: the options settled, the transport that holds the token, openapi-fetch on
// top of it, and the resources on top of that. The token lives only inside the transport.
import createClient, { type Client } from "openapi-fetch";
import { Caller } from "./core/caller.js";
import { resolveClientOptions } from "./core/client-config.js";
import { REDACTED } from "./core/defaults.js";
import { Middlewares } from "./core/middleware.js";
import { serializePath } from "./core/path.js";
import { guardRaw } from "./core/raw.js";
import { Redactor } from "./core/redact.js";
import { Transport } from "./core/transport.js";
import type { DeskClientOptions } from "./options.js";
import { Groups } from "./resources/groups.js";
import type { paths } from "./types.js";

/** A client of the Desk Platform API. */
export interface DeskClient {
  /** Groups of agents ("Teams" on the Dashboard). */
  readonly groups: Groups;
  /** The underlying openapi-fetch client, typed from the spec, with the same token, headers,
   *  retries, timeouts and checks. HTTP errors come back as `{ error }` (token masked).
   *  `desk.raw.use(middleware)` adds a middleware to every call, resource methods included. */
  readonly raw: Client<paths>;
  /** The base URL requests go to. */
  readonly baseUrl: string;
}

/** Creates a client. Throws `DeskValidationError` for a missing token or a bad option. */
export function createDeskClient(options: DeskClientOptions = {}): DeskClient {
  const config = resolveClientOptions(options);
  const redactor = new Redactor(config.token);
  const { origin, token, fetch, userAgent, log, baseUrl, settings } = config;
  const transport = new Transport({ origin, token, redactor, fetch, userAgent, log });
  const openapi = createClient<paths>({
    baseUrl,
    pathSerializer: serializePath,
    headers: config.defaultHeaders,
  });
  const context = { openapi, transport, settings, baseUrl, log };
  const desk: DeskClient = {
    groups: new Groups(new Caller(context)),
    raw: guardRaw(context, new Middlewares(openapi)),
    baseUrl,
  };
  const shown = `DeskClient { baseUrl: '${baseUrl}', apiToken: '${REDACTED}' }`;
  Object.defineProperty(desk, Symbol.for("nodejs.util.inspect.custom"), { value: () => shown });
  Object.defineProperty(desk, "toString", { value: () => shown });
  return Object.freeze(desk);
}
