// The validators of the answers, compiled by Ajv from the bundled spec: one function per
// operation's 2xx JSON schema. scripts/generate.mjs writes them out as code (Ajv's standalone
// mode, generated/answers.ts); the benchmark compiles them in process, with and without
// format checks, to measure what those would cost. One place holds the options both use.
import { createRequire } from "node:module";
import { isDeepStrictEqual } from "node:util";
import openapi from "./openapi.cjs";

const require = createRequire(import.meta.url);
const Ajv = require("ajv").default;

/** Keywords that describe a value without constraining it, dropped before compiling so the
 *  validators do not carry the prose. `format` is among them: see compileAnswers. */
const ANNOTATIONS = new Set([
  "title",
  "description",
  "example",
  "examples",
  "externalDocs",
  "deprecated",
  "readOnly",
  "writeOnly",
  "format",
  "default",
]);
/** Keywords under which an answer's own keys would become part of an error's path: refused,
 *  so a violation's path only ever holds names from the spec and array indexes. */
const KEYED_BY_ANSWER = ["patternProperties", "propertyNames", "dependentSchemas", "dependentRequired"];

/** A schema (`where` names it in errors) with its annotations dropped and `additionalProperties: false` (and
 *  `unevaluatedProperties: false`) removed: a property the spec does not describe never
 *  fails an answer, so the API may add fields without breaking a client. */
function ruleSchema(node, where, keepFormat) {
  if (Array.isArray(node)) return node.map((item, i) => ruleSchema(item, `${where}/${i}`, keepFormat));
  if (node === null || typeof node !== "object") return node;
  const kept = {};
  for (const [key, value] of Object.entries(node)) {
    if ((ANNOTATIONS.has(key) && !(key === "format" && keepFormat)) || key.startsWith("x-")) continue;
    if (KEYED_BY_ANSWER.includes(key) || (key === "additionalProperties" && typeof value === "object")) {
      throw new Error(
        `${where}: answer schemas may not use ${key} (error paths would hold the answer's keys)`,
      );
    }
    if ((key === "additionalProperties" || key === "unevaluatedProperties") && value === false) continue;
    if (key === "$ref") {
      kept.$ref = value.replace(/^#\/components\/schemas\//, "spec.json#/$defs/");
      continue;
    }
    // `properties` and `enum` hold names and values, not schemas to clean.
    kept[key] =
      key === "properties"
        ? Object.fromEntries(
            Object.entries(value).map(([n, v]) => [n, ruleSchema(v, `${where}/${n}`, keepFormat)]),
          )
        : key === "enum" || key === "const" || key === "required"
          ? value
          : ruleSchema(value, `${where}/${key}`, keepFormat);
  }
  return kept;
}

/** An Ajv instance holding, per distinct 2xx answer schema, one schema (the operations that
 *  answer a GroupWithMembers share one), and which schema `$id` each operation's answer uses.
 *  JSON Schema as Ajv's default dialect reads it: OpenAPI 3.1's keywords used by answers here
 *  (type lists, allOf, $ref with siblings, enum) read the same, and strict mode refuses any it
 *  would not. `format` is dropped unless `formats` adds checks for it (the benchmark does).
 *  Every error is collected (allErrors), so a caller sees all the paths. */
export function compileAnswers(spec, { code, formats } = {}) {
  const ajv = new Ajv({
    ...(code && { code: { source: true, esm: true, lines: true } }),
    allErrors: true,
    // A schema used in several places (Group: in a page and in GroupWithMembers) is one
    // function called from each, not a copy in each: a smaller bundle.
    inlineRefs: false,
    strict: true,
    allowUnionTypes: true,
    validateFormats: Boolean(formats),
  });
  if (formats) formats(ajv);
  const clean = (node, where) => ruleSchema(node, where, Boolean(formats));
  ajv.addSchema({ $id: "spec.json", $defs: clean(spec.components.schemas, "schemas") });
  const ids = {};
  const byOperation = {};
  for (const { id, op } of openapi.operationsOf(spec)) {
    const success = Object.entries(op.responses).find(([status]) => status.startsWith("2"));
    const schema = success && openapi.deref(spec, success[1])?.content?.["application/json"]?.schema;
    if (!schema) continue;
    const rules = clean(schema, id);
    const same = Object.keys(ids).find((name) =>
      isDeepStrictEqual(ajv.getSchema(ids[name]).schema, { $id: ids[name], ...rules }),
    );
    if (same) {
      byOperation[id] = same;
      continue;
    }
    ajv.addSchema({ $id: `answer-${id}`, ...rules });
    ids[id] = `answer-${id}`;
    byOperation[id] = id;
  }
  return { ajv, ids, byOperation };
}
