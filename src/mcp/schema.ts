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
  return portable({ type: "object", properties, required, additionalProperties: false });
}

/** The body of the operation `id` from the tool's arguments: each field read from its snake_case name. */
export function bodyOf(id: OperationId, args: Record<string, unknown>): Record<string, unknown> {
  const fields = Object.keys(operation(id).body?.properties ?? {});
  return Object.fromEntries(fields.map((field) => [field, args[snakeCase(field)]]));
}

/** The output schema of the tool for `id`: the response schema, typed as the object MCP requires. */
export function outputSchema(id: OperationId): JsonSchema & { type: "object" } {
  return portable({ ...operation(id).response, type: "object" });
}

/** The tool argument a client option or parameter names (`groupId` -> `group_id`), for messages. */
export function argumentOf(schema: ArgumentsSchema, field: string): string {
  if (Object.hasOwn(schema.properties, snakeCase(field))) return snakeCase(field);
  return field;
}

/**
 * `schema` with each type array (`["string", "null"]`) written as `anyOf` of single types, which
 * every JSON Schema dialect an MCP client may use reads alike; keywords that apply to the value
 * (format, bounds) go to each branch but the null one.
 */
export function portable<T extends JsonSchema>(schema: T): T {
  const out: JsonSchema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (Array.isArray(value)) out[keyword] = value.map((item) => (isSchema(item) ? portable(item) : item));
    else if (isSchema(value) && keyword !== "const" && keyword !== "default" && keyword !== "examples")
      out[keyword] = keyword === "properties" ? mapValues(value, portable) : portable(value);
    else out[keyword] = value;
  }
  if (!Array.isArray(out.type)) return out as T;
  const { type, description, title, ...rest } = out;
  const branches = (type as string[]).map((one) => (one === "null" ? { type: one } : { type: one, ...rest }));
  return {
    ...(title === undefined ? {} : { title }),
    ...(description === undefined ? {} : { description }),
    anyOf: branches,
  } as unknown as T;
}

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const mapValues = (value: JsonSchema, f: (schema: JsonSchema) => JsonSchema) =>
  Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, isSchema(inner) ? f(inner) : inner]));
