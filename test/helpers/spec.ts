// Loads the bundled spec from generated/ and builds Ajv validators for its schemas.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import * as openapi from "../../scripts/lib/openapi.cjs";

export const root = join(__dirname, "..", "..");

/** The bundled spec, parsed. Typed loosely: tests walk it as data. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk the spec as untyped data
export type Json = any;
export const bundled: Json = JSON.parse(readFileSync(join(root, "generated", "openapi.json"), "utf8"));

/** An Ajv instance that knows the whole bundled spec as the schema "spec". */
export function specAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(bundled, "spec");
  return ajv;
}

/** Follows local `$ref`s in the bundled spec. */
export const deref = (node: Json): Json => openapi.deref(bundled, node);

/** Every operation in the spec, with its method, path and resolved parameters. */
export const operations = () => openapi.operationsOf(bundled);

/** A JSON pointer into the bundled spec, for Ajv's getSchema("spec#..."). */
export function pointer(...segments: (string | number)[]): string {
  return `spec#/${segments.map((s) => String(s).replaceAll("~", "~0").replaceAll("/", "~1")).join("/")}`;
}
