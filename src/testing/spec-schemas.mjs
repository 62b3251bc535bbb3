// The served spec's schemas as validators: the stateful mock checks every answer it makes, and
// every seed it is given, against them. Ajv is the one Prism depends on (the mock's
// dependencies are Prism's), and OpenAPI 3.1's schemas are JSON Schema 2020-12.
/**
 * Validators of `document` (an OpenAPI document, parsed), built with the Ajv that `load` (a
 * require function, e.g. Prism's) resolves. `check(pointer, value)` returns the rules `value`
 * breaks under the schema at `pointer` (e.g. `#/components/schemas/Group`), each as
 * `where: rule` (`$.members[0].email: must be string`); an empty array when it is valid.
 */
export function specSchemas(document, load) {
  const Ajv2020 = load("ajv/dist/2020").default;
  const addFormats = load("ajv-formats").default ?? load("ajv-formats");
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema(document, "spec");
  const compiled = new Map();
  return {
    check(pointer, value) {
      let validate = compiled.get(pointer);
      if (!validate) {
        validate = ajv.getSchema(`spec${pointer}`);
        if (!validate) return [`the spec has no schema at ${pointer}`];
        compiled.set(pointer, validate);
      }
      return validate(value) ? [] : (validate.errors ?? []).map(describeError);
    },
  };
}

/** One Ajv error as `where: rule`, with the allowed values or the extra property named. */
function describeError(error) {
  const where = `$${error.instancePath.replace(/\/(\d+)(?=\/|$)/g, "[$1]").replaceAll("/", ".")}`;
  const extra = error.params?.additionalProperty ? ` (${error.params.additionalProperty})` : "";
  return `${where}: ${error.message}${extra}`;
}

/** A JSON pointer fragment (`#/paths/~1groups/get`) from its segments. */
export function pointerTo(...segments) {
  return `#/${segments.map((s) => String(s).replaceAll("~", "~0").replaceAll("/", "~1")).join("/")}`;
}
