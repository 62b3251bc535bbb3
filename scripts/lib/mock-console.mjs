// What the mock shows on the console: a banner saying how to call it, and a condensed view
// of Prism's log (one line per request, its status, and every rule a request broke).
import { authHeader, contentType } from "./spec-facts.mjs";

/** The lines printed once the mock is up: URL, sample curls, the client snippet. */
export function mockBanner(url) {
  const curl = `curl -i '${url}/groups' -H '${authHeader}: any-token' -H 'Content-Type: ${contentType}'`;
  return [
    `Prism mock of generated/openapi.json: ${url}`,
    "",
    "Try it (any token is accepted; Prism checks only that the header is there):",
    `  ${curl}`,
    "  add -H 'Prefer: example=FirstPage' to pick a named example, -H 'Prefer: code=503' (or 400, 401,",
    "  403, 404, 408, 429, 500, 502, 504) to pick an error; a request that breaks the spec gets a 400",
    "  whose message names the rule. The mock is static: any group ID answers group 77.",
    "",
    "Point the client at it:",
    `  createDeskClient({ baseUrl: "${url}", apiToken: "any-token" })`,
  ];
}

const responding = /^> Responding with "(\d+)"/;
const violation = /^Violation: (\S+) (.*)$/;
const terminated = /^Request terminated with error: (.*)$/;
const errorLevel = 50;

/** Turns Prism's log entries into the few lines that matter; `verbose` shows every entry
 *  (as `[component] message`: request headers, which carry the token, are never shown). */
export function condensedLog(print, { verbose = false } = {}) {
  return (entry) => {
    if (entry.input && entry.msg === "Request received") return print(describeRequest(entry.input));
    if (verbose) return print(`    [${entry.name ?? "PRISM"}] ${entry.msg}`);
    const status = responding.exec(entry.msg);
    if (status) return print(`  -> ${status[1]}`);
    const broken = violation.exec(entry.msg);
    if (broken) return print(`  ✖ ${broken[1]}: ${broken[2]}`);
    const failure = terminated.exec(entry.msg);
    if (failure && entry.level >= errorLevel) return print(`  ✖ ${failure[1]}`);
  };
}

function describeRequest(input) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(input.url.query ?? {})) {
    for (const one of [value].flat()) query.append(name, one);
  }
  const search = query.size > 0 ? `?${query}` : "";
  return `${input.method.toUpperCase()} ${input.url.path}${search}`;
}
