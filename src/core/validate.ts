// Input checks, run before anything is sent. The rules of parameters and body fields come
// from the spec through generated/spec.ts, keyed by operation; one generic check reads the
// rules of whatever operation it is given. The same rules and the same words serve every
// check the client makes of a value: its options, its arguments, a `next` link's query.
import { DeskValidationError } from "../errors.js";

/** The JSON Schema keywords generated/spec.ts keeps for a value. */
export interface Rule {
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly oneOf?: readonly Rule[];
  readonly anyOf?: readonly Rule[];
}

/** Throws `DeskValidationError` for `field`: its value, and the rule it broke. */
export function fail(field: string, value: unknown, rule: string, secret?: boolean): never {
  throw new DeskValidationError(field, value, rule, { secret });
}

const patterns = new Map<string, RegExp>();
/** The spec's pattern as a RegExp, compiled once. */
function compiled(pattern: string): RegExp {
  const known = patterns.get(pattern);
  if (known) return known;
  const regex = new RegExp(pattern, "u");
  patterns.set(pattern, regex);
  return regex;
}

/** True when `value` keeps `rule`. */
export function keeps(value: unknown, rule: Rule): boolean {
  const alternatives = rule.oneOf ?? rule.anyOf;
  if (alternatives) return alternatives.some((alternative) => keeps(value, alternative));
  if (rule.enum && !rule.enum.includes(value)) return false;
  switch (rule.type) {
    case "integer":
      return Number.isSafeInteger(value) && inRange(value as number, rule);
    case "number":
      return typeof value === "number" && Number.isFinite(value) && inRange(value, rule);
    case "string":
      return typeof value === "string" && lengthFits(value, rule) && matches(value, rule);
    case "boolean":
      return typeof value === "boolean";
    default:
      return rule.type === undefined;
  }
}

const inRange = (value: number, { minimum = -Infinity, maximum = Infinity }: Rule) =>
  value >= minimum && value <= maximum;
const lengthFits = (value: string, { minLength = 0, maxLength = Infinity }: Rule) =>
  value.length >= minLength && value.length <= maxLength;
const matches = (value: string, { pattern }: Rule) => pattern === undefined || compiled(pattern).test(value);

/** The rule in words, for the message: "must be an integer from 1 to 500". */
export function describeRule(rule: Rule): string {
  const alternatives = rule.oneOf ?? rule.anyOf;
  if (alternatives) return alternatives.map(describeRule).join(", or ");
  const parts: string[] = [];
  if (rule.type === "integer" || rule.type === "number") {
    const what = rule.type === "integer" ? "an integer" : "a number";
    const { minimum = -Number.MAX_SAFE_INTEGER, maximum = Number.MAX_SAFE_INTEGER } = rule;
    parts.push(`must be ${what} from ${minimum} to ${maximum}`);
  } else if (rule.type === "string") {
    parts.push(`must be ${rule.minLength ?? 0} to ${rule.maxLength ?? "any number of"} characters`);
    if (rule.pattern) parts.push(`matching ${rule.pattern}`);
  } else if (rule.type) parts.push(`must be a ${rule.type}`);
  if (rule.enum) {
    const values = rule.enum.map((v) => JSON.stringify(v)).join(", ");
    parts.push(parts.length > 0 ? `one of ${values}` : `must be one of ${values}`);
  }
  return parts.join(" ");
}

/** Throws unless `value` keeps `rule`. */
export function checkValue(field: string, value: unknown, rule: Rule): void {
  if (!keeps(value, rule)) fail(field, value, describeRule(rule));
}

/** Throws unless `value` is undefined or an object (not null, not an array). */
export function checkObject(field: string, value: unknown): void {
  if (value !== undefined && (typeof value !== "object" || value === null || Array.isArray(value))) {
    fail(field, value, "must be an object");
  }
}

/** Checks named values (a query, say) against their rules: a name without a rule is refused,
 *  so a typo is not dropped silently, and an undefined value is left to the server's default. */
export function checkNamed(
  field: string,
  values: object | undefined,
  rules: Readonly<Record<string, Rule>>,
): void {
  checkObject(field, values);
  for (const [name, value] of Object.entries(values ?? {})) {
    const rule = rules[name];
    if (!rule) fail(name, value, `is not one of ${Object.keys(rules).join(", ")}`);
    if (value !== undefined) checkValue(name, value, rule);
  }
}

/** The values of a call, by where they go. */
export interface Values {
  path?: Record<string, unknown>;
  query?: object | undefined;
  body?: Record<string, unknown>;
}

/** What generated/spec.ts says of an operation's inputs. */
interface OperationRules {
  readonly parameters: {
    readonly path?: Readonly<Record<string, Rule & { readonly required: boolean }>>;
    readonly query?: Readonly<Record<string, Rule & { readonly required: boolean }>>;
  };
  readonly body?: { readonly required: readonly string[]; readonly fields: Readonly<Record<string, Rule>> };
}

/** A path parameter as a method's argument is named: `group_id` is `groupId`. */
export const argumentName = (name: string): string =>
  name.replace(/_([a-z\d])/g, (_, letter: string) => letter.toUpperCase());

/** Checks every value of a call against its operation's rules: each path value is required,
 *  query values are optional and named, body fields keep theirs. */
export function checkValues(operation: OperationRules, values: Values): void {
  for (const [name, rule] of Object.entries(operation.parameters.path ?? {})) {
    checkValue(argumentName(name), values.path?.[name], rule);
  }
  if (operation.parameters.query) checkNamed("params", values.query, operation.parameters.query);
  if (operation.body) {
    for (const [name, rule] of Object.entries(operation.body.fields)) {
      const value = values.body?.[name];
      if (value !== undefined || operation.body.required.includes(name)) checkValue(name, value, rule);
    }
  }
}
