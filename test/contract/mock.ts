// What the contract tests share: the Prism URL published by global-setup.mjs, requests
// built from the spec's operation table, and Ajv validators for each operation's responses.
import { spec } from "../../generated/spec.js";
import { type Json, operations, pointer, specAjv } from "../helpers/spec.js";

export type OperationId = keyof typeof spec.operations;

/** The Prism mock's base URL (set by the Jest global setup). */
export function mockUrl(): string {
  const url = process.env.DESK_MOCK_URL;
  if (!url)
    throw new Error(
      "DESK_MOCK_URL is not set: run the contract tests through Jest (globalSetup starts Prism)",
    );
  return url;
}

/** A token Prism accepts (it checks only that the header is present). */
export const mockToken = "contract-test-token";

/** The headers every client request carries: the token and the JSON content type. */
export function clientHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { [spec.auth.header]: mockToken, "Content-Type": spec.contentType, ...extra };
}

/** The URL of an operation on the mock, each `{name}` of its path template filled with `value`. */
export function operationUrl(id: OperationId, value: number | string = 77, query = ""): string {
  const path = spec.operations[id].path.replace(/\{[^{}]+\}/g, () => String(value));
  return `${mockUrl()}${path}${query}`;
}

/** The status codes an operation documents, e.g. ["200", "400", ...]. */
export function documentedStatuses(id: OperationId): string[] {
  return Object.keys(operation(id).responses);
}

/** Validates a response body against the schema the spec gives for (operation, status). */
export function validateResponse(id: OperationId, status: number, body: unknown): string[] {
  const response = operation(id).responses[String(status)];
  if (!response) return [`${id} documents no ${status} response`];
  const { method, path } = spec.operations[id];
  // A response given as a $ref (the shared error responses) is validated where it is defined.
  const at = response.$ref
    ? `spec${response.$ref}`
    : pointer("paths", path, method.toLowerCase(), "responses", String(status));
  const validate = validators().getSchema(`${at}/content/application~1json/schema`);
  if (!validate) return [`no schema at ${at}`];
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "$"} ${e.message}`);
}

let ajvInstance: ReturnType<typeof specAjv> | undefined;
function validators(): ReturnType<typeof specAjv> {
  ajvInstance ??= specAjv();
  return ajvInstance;
}

function operation(id: OperationId): Json {
  const found = operations().find((o) => o.id === id);
  if (!found) throw new Error(`the spec has no operation ${id}`);
  return found.op;
}
