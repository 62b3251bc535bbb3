// The middlewares added with `desk.raw.use()`, kept in view so a resource call knows whether
// any will look at its request (see light-request.ts).
import type { Client, Middleware } from "openapi-fetch";
import type { paths } from "../types.js";
import { LightRequest } from "./light-request.js";

/** openapi-fetch's middleware list, and whether it is empty. */
export class Middlewares {
  readonly #client: Client<paths>;
  readonly #registered = new Set<Middleware>();

  constructor(client: Client<paths>) {
    this.#client = client;
  }

  use(...middlewares: Middleware[]): void {
    this.#client.use(...middlewares);
    for (const middleware of middlewares) this.#registered.add(middleware);
  }

  eject(...middlewares: Middleware[]): void {
    this.#client.eject(...middlewares);
    for (const middleware of middlewares) this.#registered.delete(middleware);
  }

  /** The request class a call should give openapi-fetch: a light one when no middleware
   *  will see the request, the native one otherwise (middleware may clone or replace it). */
  requestClass(): typeof Request {
    // LightRequest has what openapi-fetch and the transport use of a Request, not its type.
    return this.#registered.size === 0 ? (LightRequest as unknown as typeof Request) : Request;
  }
}
