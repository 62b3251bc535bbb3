// The headers the client owns, and how headers appear in a log line.
import * as spec from "../../generated/spec.js";
import { REDACTED } from "./defaults.js";
import { serverTextBudget } from "./server-text.js";
import { fail } from "./validate.js";

/** Headers only the client sets: the token, the vendor's content type, and the User-Agent
 *  (whose prefix names this package; the `userAgent` option appends to it). */
const OWNED = new Map([
  [spec.auth.header.toLowerCase(), "the token is set from apiToken"],
  ["content-type", `every request carries ${spec.contentType}`],
  ["user-agent", "use the userAgent option, which appends to the client's own"],
]);

/** Checks caller-given headers: they must make a valid `Headers`, and may not set one the
 *  client owns. */
export function checkHeaders(field: string, init: HeadersInit | undefined): void {
  if (init === undefined) return;
  let headers: Headers;
  try {
    headers = new Headers(init);
  } catch (error) {
    fail(field, "(not shown)", `must be valid headers: ${(error as Error).message}`);
  }
  for (const name of headers.keys()) {
    const why = OWNED.get(name);
    const secret = name === spec.auth.header.toLowerCase();
    if (why) fail(`${field}.${name}`, headers.get(name), `cannot be set or removed here: ${why}`, secret);
  }
}

/** Caller-given headers as openapi-fetch should get them: it reads anything but a `Headers` as
 *  an object of names, so a list of pairs (a valid `HeadersInit`) would arrive as a header
 *  named `0`. A list becomes a `Headers`; an object keeps openapi-fetch's own meaning (a
 *  `null` value removes a header). */
export function headersForOpenapiFetch(init: HeadersInit | undefined): HeadersInit | undefined {
  return Array.isArray(init) ? new Headers(init) : init;
}

/** The runtime, as the User-Agent names it: `node/22.1.0`, `bun/1.2.0`, `deno/2.0.0`. */
export function runtimeName(): string {
  const g = globalThis as {
    Bun?: { version: string };
    Deno?: { version: { deno: string } };
    process?: { versions?: { node?: string } };
  };
  if (g.Bun) return `bun/${g.Bun.version}`;
  if (g.Deno) return `deno/${g.Deno.version.deno}`;
  if (g.process?.versions?.node) return `node/${g.process.versions.node}`;
  return "runtime/unknown";
}

/** `name: value` pairs for a debug line, the token header's value shown as the mask, and each
 *  value as server text is shown (escaped; the line's server text bounded as a whole). */
export function showHeaders(headers: Headers): string {
  const token = spec.auth.header.toLowerCase();
  const show = serverTextBudget(); // one bound for the whole line
  const pairs: string[] = [];
  headers.forEach((value, name) => {
    pairs.push(`${name}: ${name === token ? REDACTED : show(value)}`);
  });
  return `{ ${pairs.join(", ")} }`;
}
