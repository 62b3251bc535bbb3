// Checks a tool call's arguments against the tool's input schema before anything is sent, and
// says what is wrong in terms an assistant can fix: which argument, the value, and the rule.
import { AjvJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/ajv";
import { type ArgumentsSchema, describeSchema } from "./schema.js";

/** Longest excerpt of a bad value quoted back in a message. */
const MAX_QUOTED = 80;

/** Returns the problems with a call's `arguments` (none when they are valid). The protocol has
 *  already made sure they are an object, or absent. */
export type ArgumentsCheck = (args: Record<string, unknown> | undefined) => string[];

const quote = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
};

/** Compiles the check for one tool's arguments: one validator per property, so each problem
 *  names its argument. */
export function createArgumentsCheck(schema: ArgumentsSchema): ArgumentsCheck {
  const validators = new AjvJsonSchemaValidator();
  const names = Object.keys(schema.properties);
  const checks = names.map((name) => {
    const property = schema.properties[name]!;
    return { name, property, valid: validators.getValidator(property) };
  });
  return (given = {}) => {
    const problems: string[] = [];
    for (const name of Object.keys(given))
      if (!names.includes(name))
        problems.push(`${name} is not an argument (the arguments are ${names.join(", ")})`);
    for (const name of schema.required) if (given[name] === undefined) problems.push(`${name} is required`);
    for (const { name, property, valid } of checks) {
      const value = given[name];
      if (value !== undefined && !valid(value).valid)
        problems.push(`${name} must be ${describeSchema(property)} (got ${quote(value)})`);
    }
    return problems;
  };
}
