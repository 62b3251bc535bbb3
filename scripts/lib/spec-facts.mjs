// The facts the scripts need from the bundled spec (generated/openapi.json), read the same
// way scripts/generate.mjs derives generated/spec.ts, so no number or name is copied.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The bundled spec that Prism serves. */
export const specFile = join(root, "generated", "openapi.json");

const openapi = JSON.parse(readFileSync(specFile, "utf8"));

/** The mock server's default URL: the spec's second server (spec.mockServer.url). */
export const mockUrl = new URL(openapi.servers[1].url);

/** The header that carries the API token (the spec's only security scheme). */
export const authHeader = Object.values(openapi.components.securitySchemes)[0].name;

/** The content type every request carries (info.x-request-content-type). */
export const contentType = openapi.info["x-request-content-type"];

/** The largest page a list request may ask for (the `limit` parameter's maximum). */
export const maxPageLimit = openapi.components.parameters.Limit.schema.maximum;
