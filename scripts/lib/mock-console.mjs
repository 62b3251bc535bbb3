// What the mock shows on the console: a banner saying how to call it, and a condensed view
// of Prism's log (one line per request, its status, and every rule a request broke).
import { authHeader, contentType } from "./spec-facts.mjs";

/** The lines printed once the mock is up: URL, a sample curl, the client snippet. */
export function mockBanner(url) {
  return [
    `Prism mock of generated/openapi.json: ${url}`,
    "",
    "Try it (any token is accepted; Prism checks only that the header is there):",
    `  curl -i '${url}/groups?limit=2' -H '${authHeader}: any-token' -H 'Content-Type: ${contentType}'`,
    "  add -H 'Prefer: code=404' or -H 'Prefer: example=ViewGroup' to choose a documented response;",
    "  a request that breaks the spec gets an error with the rule in its sl-violations header.",
    "",
    "Point the client at it:",
    `  createDeskClient({ baseUrl: "${url}", apiToken: "any-token" })`,
  ];
}

const request = /\[HTTP SERVER\] (\w+) (\S+) .*Request received/;
const responding = /> Responding with "(\d+)"/;
const violation = /Violation: (\S+) (.*)$/;
const failure = /\[HTTP SERVER\].*✖\s+error\s+(.*)$/;
const reload = /Restarting Prism|Prism is listening on/;

/** Turns Prism's log lines into the few that matter; `verbose` passes every line through. */
export function condensedLog(print, { verbose = false } = {}) {
  return (line) => {
    if (verbose) return print(line);
    const shown = [
      [request, (match) => `${match[1].toUpperCase()} ${match[2]}`],
      [responding, (match) => `  -> ${match[1]}`],
      [violation, (match) => `  ✖ ${match[1]}: ${match[2]}`],
      [failure, (match) => `  ✖ ${match[1]}`],
      [reload, () => `(the spec changed) ${line.replace(/^.*\] \S+\s+\S+\s+/, "")}`],
    ];
    for (const [pattern, show] of shown) {
      const match = pattern.exec(line);
      if (match) return print(show(match));
    }
  };
}
