// What the mock shows on the console: a banner saying how to call it, and a condensed view
// of Prism's log (one line per request, its status, and every rule a request broke).
import { condenseLogEntry } from "../../src/testing/prism-server.mjs";
import { authHeader, contentType } from "./spec-facts.mjs";

/** The lines printed once the mock is up: URL, sample curls, the client snippet. */
export function mockBanner(url, mode = "stateful") {
  const curl = `curl -i '${url}/groups' -H '${authHeader}: any-token' -H 'Content-Type: ${contentType}'`;
  return [
    `Prism mock of generated/openapi.json: ${url} (${mode})`,
    "",
    "Try it (any token is accepted; Prism checks only that the header is there):",
    `  ${curl}`,
    "  add -H 'Prefer: example=FirstPage' to pick a named example, -H 'Prefer: code=503' (or 400, 401,",
    "  403, 404, 408, 429, 500, 502, 504) to pick an error; a request that breaks the spec gets a 400",
    "  whose message names the rule.",
    ...(mode === "static"
      ? ["  The mock is static (--static): any group ID answers group 77."]
      : [
          "  The mock keeps state: add agent 2 to group 13, then view group 13, and agent 2 is there.",
          "  'X-Mock-Session: NAME' gives a name its own state; POST /__mock/reset restores the seed,",
          "  GET /__mock/state shows it.",
        ]),
    "",
    "Point the client at it:",
    `  createDeskClient({ baseUrl: "${url}", apiToken: "any-token" })`,
  ];
}

/** Prints Prism's log condensed (see condenseLogEntry); `verbose` shows every entry. */
export function condensedLog(print, { verbose = false } = {}) {
  return (entry) => {
    const line = condenseLogEntry(entry, { verbose });
    if (line !== undefined) print(line);
  };
}
