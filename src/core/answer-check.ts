// Checks a 2xx answer against its operation's schema with the validators generated from the
// spec (generated/answers.ts), and applies a client's `validateResponses` mode: "off" checks
// nothing, "warn" logs each distinct violation once per client, "throw" hands the violations
// back to be thrown. A violation names a place and a rule from the spec, never a value of the
// answer: paths hold the spec's property names and array indexes only (the generator refuses
// schemas that would put the answer's own keys there).
import { answerValidators, type AnswerError } from "../../generated/answers.js";
import * as spec from "../../generated/spec.js";
import type { Violation } from "../errors.js";
import type { OperationId } from "./call.js";
import type { Log } from "./log.js";
import { checkValue } from "./validate.js";

/** What the client does with an answer that is not the documented shape. */
export type ValidateResponses = "off" | "warn" | "throw";

/** The modes, from checking nothing to refusing the answer. */
export const VALIDATE_RESPONSES_MODES: readonly ValidateResponses[] = ["off", "warn", "throw"];
/** The mode of a client that names none. */
export const DEFAULT_VALIDATE_RESPONSES: ValidateResponses = "warn";

/** How many violations an error message or log line names; the rest are counted. */
const NAMED_AT_MOST = 10;

/** Throws `DeskValidationError` unless `value` is undefined or a mode. */
export function checkValidateResponses(value: unknown): ValidateResponses | undefined {
  if (value !== undefined) checkValue("validateResponses", value, { enum: VALIDATE_RESPONSES_MODES });
  return value as ValidateResponses | undefined;
}

/** The ways `body` departs from the 2xx schema of `operationId`; empty when it keeps it. */
export function checkAnswer(operationId: OperationId, body: unknown): Violation[] {
  const validate = answerValidators[operationId];
  if (validate(body)) return [];
  return (validate.errors ?? []).map(violationOf);
}

/** Ajv's JSON Pointer as a path without its leading slash: `/members/0/connection` ->
 *  `members/0/connection`. */
const pathOf = (pointer: string): string => pointer.slice(1);

/** An Ajv error as a violation. A missing property is named in the path ("is required"); an
 *  enum lists the spec's values. Ajv's messages quote the schema, never the data. */
function violationOf(error: AnswerError): Violation {
  const path = pathOf(error.instancePath);
  const { params } = error;
  if (error.keyword === "required" && typeof params.missingProperty === "string") {
    return {
      path: path ? `${path}/${params.missingProperty}` : params.missingProperty,
      message: "is required",
    };
  }
  if (error.keyword === "enum" && Array.isArray(params.allowedValues)) {
    return {
      path,
      message: `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`,
    };
  }
  return { path, message: error.message ?? `breaks the rule ${error.keyword}` };
}

/** A path with every array index replaced by an asterisk, so that `results/3/id` and
 *  `results/4/id` are one path. */
const foldIndexes = (path: string) => path.replaceAll(/(^|\/)\d+(?=\/|$)/g, "$1*");

/** Violations in words: `members: must be array; name: is required`, the first few named. */
export function describeViolations(violations: readonly Violation[]): string {
  const named = violations
    .slice(0, NAMED_AT_MOST)
    .map(({ path, message }) => `${path || "the body"}: ${message}`)
    .join("; ");
  const more = violations.length - NAMED_AT_MOST;
  return more > 0 ? `${named}; and ${more} more` : named;
}

/** The answer checks of one client: its mode, and the violations it has already logged. The
 *  set is bounded by the spec: a key is an operation, a path with its indexes folded (*) and
 *  a rule, all from the spec. */
export class AnswerChecks {
  /** The client's mode; a call's `validateResponses` overrides it. */
  readonly mode: ValidateResponses;
  readonly #log: Log;
  readonly #logged = new Set<string>();

  constructor(mode: ValidateResponses | undefined, log: Log) {
    this.mode = mode ?? DEFAULT_VALIDATE_RESPONSES;
    this.#log = log;
  }

  /** Checks a 2xx body under `mode` (default: the client's). Returns the violations to throw
   *  for: none unless the mode is "throw". In "warn", logs the violations this client has not
   *  logged before, in one line, and returns none. */
  review(operationId: OperationId, body: unknown, mode: ValidateResponses = this.mode): readonly Violation[] {
    if (mode === "off") return [];
    const violations = checkAnswer(operationId, body);
    if (violations.length === 0 || mode === "throw") return violations;
    const fresh = new Map<string, Violation>();
    for (const { path, message } of violations) {
      const folded = { path: foldIndexes(path), message };
      const key = `${operationId} ${folded.path} ${message}`;
      if (!this.#logged.has(key)) fresh.set(key, folded);
    }
    if (fresh.size === 0) return [];
    for (const key of fresh.keys()) this.#logged.add(key);
    const { method, path } = spec.operations[operationId];
    this.#log.warn(
      `${operationId} (${method} ${path}) answered a body that is not the documented shape: ` +
        `${describeViolations([...fresh.values()])} (the value was returned; each violation is ` +
        `logged once per client; validateResponses: "throw" makes it an error)`,
    );
    return [];
  }
}
