// The facts the scripts need from the bundled spec (generated/openapi.json), read by the
// same function (openapi.cjs) that scripts/generate.mjs derives generated/spec.ts with.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import openapi from "./openapi.cjs";
import { root } from "./root.mjs";

export { root };

/** The bundled spec that Prism serves. */
export const specFile = join(root, "generated", "openapi.json");

const document = JSON.parse(readFileSync(specFile, "utf8"));
const conventions = openapi.conventionsOf(document);

/** The mock server's default URL: the spec's second server (spec.mockServer.url). */
export const mockUrl = new URL(conventions.mockServer.url);

/** The header that carries the API token (the spec's only security scheme). */
export const authHeader = conventions.auth.header;

/** The content type every request carries (info.x-request-content-type). */
export const contentType = conventions.contentType;

/** The largest page a list request may ask for (listGroups' `limit` maximum). */
export const maxPageLimit = openapi
  .operationsOf(document)
  .find((operation) => operation.id === "listGroups")
  .parameters.find((parameter) => parameter.name === "limit").schema.maximum;
