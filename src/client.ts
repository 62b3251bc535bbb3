// createDeskClient: the options settled, the transport that holds the token, openapi-fetch on
// top of it, and the resources on top of that. The token lives only inside the transport.
import createClient, { type Client } from "openapi-fetch";
import { AnswerChecks } from "./core/answer-check.js";
import { Caller } from "./core/caller.js";
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
  const { origin, token, fetch, userAgent, log, baseUrl, settings } = config;
  const limiter = new RateLimiter(config.maxConcurrency, log);
  const transport = new Transport({ origin, token, redactor, fetch, userAgent, log, limiter });
  const openapi = createClient<paths>({
    baseUrl,
    pathSerializer: serializePath,
    headers: config.defaultHeaders,
  });
  const answers = new AnswerChecks(config.validateResponses, log);
  const context = { openapi, transport, settings, baseUrl, log, answers };
  const desk: DeskClient = {
    groups: new Groups(new Caller(context)),
    raw: guardRaw(context, new Middlewares(openapi)),
    baseUrl,
    get rateLimit() {
      return limiter.state();
    },
  };
  const shown = `DeskClient { baseUrl: '${baseUrl}', apiToken: '${REDACTED}' }`;
  Object.defineProperty(desk, Symbol.for("nodejs.util.inspect.custom"), { value: () => shown });
  Object.defineProperty(desk, "toString", { value: () => shown });
  return Object.freeze(desk);
}
