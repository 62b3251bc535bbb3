// Tool schemas from the spec: an operation's parameters and body fields become a tool's
// arguments, and its response schema the tool's output schema. Nothing here states a bound:
// every rule arrives from generated/spec.ts, whose schemas have each $ref resolved.
import { schemas } from "../../generated/spec.js";

/** A JSON Schema, as MCP carries it. */
export type JsonSchema = { [keyword: string]: unknown };

/** The JSON Schema of a tool's arguments: an object of named properties. */
export interface ArgumentsSchema extends JsonSchema {
  type: "object";
  properties: Record<string, JsonSchema>;
  required: string[];
  additionalProperties: false;
}

/** An operation of the spec, by operationId. */
export type OperationId = keyof typeof schemas;

interface OperationSchemas {
  parameters: Record<string, { required: boolean; description: string; schema: JsonSchema }>;
  body?: { required: readonly string[]; properties: Record<string, JsonSchema> };
  response: JsonSchema;
}

const operation = (id: OperationId) => schemas[id] as unknown as OperationSchemas;

/** `agentId` -> `agent_id`: body fields are named like the path parameters beside them. */
const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** The arguments of the tool for `id`: its parameters by name, then its body's fields in snake_case. */
export function argumentsSchema(id: OperationId): ArgumentsSchema {
  const { parameters, body } = operation(id);
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, { schema, description, required: needed }] of Object.entries(parameters)) {
    properties[name] = { ...schema, description };
    if (needed) required.push(name);
  }
  for (const [field, schema] of Object.entries(body?.properties ?? {})) {
    properties[snakeCase(field)] = schema;
    if (body!.required.includes(field)) required.push(snakeCase(field));
  }
  return { type: "object", properties, required, additionalProperties: false };
}

/** The body of the operation `id` from the tool's arguments: each field read from its snake_case name. */
export function bodyOf(id: OperationId, args: Record<string, unknown>): Record<string, unknown> {
  const fields = Object.keys(operation(id).body?.properties ?? {});
  return Object.fromEntries(fields.map((field) => [field, args[snakeCase(field)]]));
}

/** The output schema of the tool for `id`: the response schema, typed as the object MCP requires. */
export function outputSchema(id: OperationId): JsonSchema & { type: "object" } {
  return { ...operation(id).response, type: "object" };
}

/** Describes the values `schema` accepts, for error messages: "an integer from 1 to 500". */
export function describeSchema(schema: JsonSchema): string {
  const { type, minimum: min, maximum: max, minLength, maxLength, pattern } = schema;
  const alternatives = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  if (alternatives) return alternatives.map(describeSchema).join(", or ");
  if (type === "integer" || type === "number") {
    const noun = type === "integer" ? "an integer" : "a number";
    if (min !== undefined && max !== undefined) return `${noun} from ${min} to ${max}`;
    if (min !== undefined) return `${noun} >= ${min}`;
    return max === undefined ? noun : `${noun} <= ${max}`;
  }
  if (type === "string") {
    const length =
      minLength !== undefined && maxLength !== undefined ? ` of ${minLength} to ${maxLength} characters` : "";
    return `a string${length}${pattern === undefined ? "" : ` matching ${pattern}`}`;
  }
  if (type === "boolean") return "true or false";
  return `a value of type ${JSON.stringify(type)}`;
}
