// The middlewares added with `desk.raw.use()`. Each is registered with openapi-fetch inside a
// guard that tells a middleware's own failure from everything else: what a hook throws
// becomes a `DeskMiddlewareError` (the original as its cause), a return value openapi-fetch
// would refuse is refused here with the rule it broke, and an `Error` that `onError` returns
// in place of the call's error is thrown as openapi-fetch throws it, unwrapped.
import type { Client, Middleware } from "openapi-fetch";
import { DeskMiddlewareError, isDeskError, middlewareError } from "../errors.js";
import type { paths } from "../types.js";

/** Errors an `onError` middleware returned in place of the call's error. */
const replacements = new WeakSet<object>();

/** True for an error an `onError` middleware chose to give instead of the call's. */
export const isReplacementError = (error: unknown): boolean =>
  typeof error === "object" && error !== null && replacements.has(error);

type Hook = "onRequest" | "onResponse" | "onError";
/** What each hook may return, besides nothing. */
const ALLOWED: Record<Hook, { rule: string; allows: (value: unknown) => boolean }> = {
  onRequest: {
    rule: "onRequest must return a Request, a Response or nothing",
    allows: (value) => value instanceof Request || value instanceof Response,
  },
  onResponse: {
    rule: "onResponse must return a Response or nothing",
    allows: (value) => value instanceof Response,
  },
  onError: {
    rule: "onError must return a Response, an Error or nothing",
    allows: (value) => value instanceof Response || value instanceof Error,
  },
};

/** `middleware` with each of its hooks guarded (see the header). */
function guard(middleware: Middleware): Middleware {
  const guarded: Record<string, unknown> = {};
  for (const hook of Object.keys(ALLOWED) as Hook[]) {
    const run = middleware[hook] as ((this: Middleware, params: never) => unknown) | undefined;
    if (typeof run !== "function") continue;
    const { rule, allows } = ALLOWED[hook];
    guarded[hook] = async (params: never) => {
      let result: unknown;
      try {
        result = await run.call(middleware, params);
      } catch (error) {
        // A DeskError passed along (an onError that rethrows the call's own) stays what it is.
        throw isDeskError(error) ? error : middlewareError(error);
      }
      if (!result) return undefined; // openapi-fetch ignores any falsy return
      if (!allows(result)) throw new DeskMiddlewareError(`a middleware failed: ${rule}`);
      if (hook === "onError" && result instanceof Error) replacements.add(result);
      return result as never;
    };
  }
  return guarded as Middleware;
}

/** The middlewares of one client: `use` and `eject` as openapi-fetch has them, each one
 *  guarded. */
export class Middlewares {
  readonly #client: Client<paths>;
  readonly #guarded = new WeakMap<Middleware, Middleware>();

  constructor(client: Client<paths>) {
    this.#client = client;
  }

  use(...middlewares: Middleware[]): void {
    for (const middleware of middlewares) {
      if (!middleware) continue;
      // openapi-fetch's own check, with its message.
      const hooks = typeof middleware === "object" && Object.keys(ALLOWED).some((hook) => hook in middleware);
      if (!hooks)
        throw new DeskMiddlewareError("a middleware must be an object with onRequest, onResponse or onError");
      const guarded = this.#guarded.get(middleware) ?? guard(middleware);
      this.#guarded.set(middleware, guarded);
      this.#client.use(guarded);
    }
  }

  eject(...middlewares: Middleware[]): void {
    for (const middleware of middlewares) {
      const guarded = this.#guarded.get(middleware);
      if (guarded) this.#client.eject(guarded);
    }
  }
}
