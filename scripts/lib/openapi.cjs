// Walking a bundled OpenAPI document: the one `$ref` resolver and the one list of
// operations, shared by the scripts (generate, mock, bench) and the tests. CommonJS so that
// the .mjs scripts and the TypeScript tests (run by Jest as CommonJS) can both load it.
"use strict";

/** The HTTP methods an OpenAPI path item may hold, in the order operations are listed. */
const METHODS = ["get", "put", "post", "delete", "patch"];

/** Follows local `$ref`s (`#/components/...`) in `spec` until `node` is not a reference. */
function deref(spec, node) {
  let at = node;
  while (at && typeof at === "object" && typeof at.$ref === "string") {
    at = at.$ref
      .slice(2)
      .split("/")
      .reduce((parent, key) => parent[key.replaceAll("~1", "/").replaceAll("~0", "~")], spec);
  }
  return at;
}

/** A deep copy of `node` with every local `$ref` replaced by what it points to (the spec
 *  has no recursive schemas; a cycle would throw a RangeError). */
function dereferenced(spec, node) {
  const at = deref(spec, node);
  if (Array.isArray(at)) return at.map((item) => dereferenced(spec, item));
  if (at === null || typeof at !== "object") return at;
  return Object.fromEntries(Object.entries(at).map(([key, value]) => [key, dereferenced(spec, value)]));
}

/** Every operation of `spec`: its ID, method (lower case), path, the operation object, its
 *  path item, and its parameters (path-level ones first) with references resolved. */
function operationsOf(spec) {
  const out = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(spec, p));
      out.push({ id: op.operationId, method, path, op, item, parameters });
    }
  }
  return out;
}

/** The conventions the spec states once for every operation: the server template and its
 *  variable, the mock's URL, the token header, and the content type of every request. */
function conventionsOf(spec) {
  const schemes = Object.values(spec.components.securitySchemes);
  if (schemes.length !== 1 || schemes[0].type !== "apiKey" || schemes[0].in !== "header") {
    throw new Error("expected exactly one apiKey security scheme in a header");
  }
  const [server, mock] = spec.servers;
  return {
    server: { url: server.url, variable: Object.keys(server.variables)[0] },
    mockServer: { url: mock.url },
    auth: { header: schemes[0].name },
    contentType: spec.info["x-request-content-type"],
  };
}

module.exports = { METHODS, conventionsOf, deref, dereferenced, operationsOf };
