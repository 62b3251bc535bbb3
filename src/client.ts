// createDeskClient: openapi-fetch underneath, the hardened transport below it, and the
// resources on top. The token lives only inside the transport.
import createClient, { type Client } from "openapi-fetch";
import { resolveClientOptions } from "./core/client-config.js";
import { REDACTED } from "./core/defaults.js";
import { Middlewares } from "./core/middleware.js";
import { serializePath } from "./core/path.js";
import { guardRaw } from "./core/raw.js";
import { Redactor } from "./core/redact.js";
import { RateLimiter, type RateLimitState } from "./core/rate-limiter.js";
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
  /** The client-wide limiter right now: the pace learned from 429s, the calls waiting their
   *  turn, the attempts in flight. A fresh snapshot on each read. */
  readonly rateLimit: RateLimitState;
}

/** Creates a client. Throws `DeskValidationError` for a missing token or a bad option. */
export function createDeskClient(options: DeskClientOptions = {}): DeskClient {
  const config = resolveClientOptions(options);
  const redactor = new Redactor(config.token);
  const limiter = new RateLimiter(config.maxConcurrency, config.log);
  const transport = new Transport({ ...config, redactor, defaults: config.settings, limiter });
  const openapi = createClient<paths>({
    baseUrl: config.baseUrl,
    fetch: (request: Request) => transport.send(request),
    pathSerializer: serializePath,
    headers: config.defaultHeaders,
  });
  const context = { transport, redactor, log: config.log, middlewares: new Middlewares(openapi) };
  const desk: DeskClient = {
    groups: new Groups(openapi, context),
    raw: guardRaw(openapi, context),
    baseUrl: config.baseUrl,
    get rateLimit() {
      return limiter.state();
    },
  };
  const shown = `DeskClient { baseUrl: '${config.baseUrl}', apiToken: '${REDACTED}' }`;
  Object.defineProperty(desk, Symbol.for("nodejs.util.inspect.custom"), { value: () => shown });
  Object.defineProperty(desk, "toString", { value: () => shown });
  return Object.freeze(desk);
}
