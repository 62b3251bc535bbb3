// createDeskClient: openapi-fetch underneath, the hardened transport below it, and the
// Group resource on top. The token lives only inside the transport's closure.
import createClient, { type Client } from "openapi-fetch";
import { createGroups, type Groups } from "./groups.js";
import { type DeskClientOptions, resolveOptions } from "./options.js";
import { createTransport } from "./transport.js";
import type { paths } from "./types.js";
import { serializePath } from "./validate.js";

/** A client of the Desk Platform API. */
export interface DeskClient {
  /** Groups of agents ("Teams" on the Dashboard). */
  readonly groups: Groups;
  /** The underlying openapi-fetch client, typed from the spec, with the same token,
   *  content type, retries, timeouts and path checks. HTTP errors come back as `{ error }`. */
  readonly raw: Client<paths>;
  /** The base URL requests go to. */
  readonly baseUrl: string;
}

/** Creates a client. Throws `DeskValidationError` for a missing token or a bad option. */
export function createDeskClient(options: DeskClientOptions = {}): DeskClient {
  const config = resolveOptions(options);
  const fetchFor = createTransport(config);
  const raw = createClient<paths>({
    baseUrl: config.baseUrl,
    fetch: fetchFor(),
    pathSerializer: serializePath,
  });
  const desk: DeskClient = {
    groups: createGroups({ raw, fetchFor }),
    raw,
    baseUrl: config.baseUrl,
  };
  const shown = `DeskClient { baseUrl: '${config.baseUrl}', apiToken: '[redacted]' }`;
  Object.defineProperty(desk, Symbol.for("nodejs.util.inspect.custom"), { value: () => shown });
  Object.defineProperty(desk, "toString", { value: () => shown });
  return Object.freeze(desk);
}
