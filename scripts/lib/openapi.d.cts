// Types of openapi.cjs for the TypeScript tests. The document is walked as untyped data.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an OpenAPI document is untyped JSON
type Json = any;

export declare const METHODS: readonly string[];
export declare function deref(spec: Json, node: Json): Json;
export declare function dereferenced(spec: Json, node: Json): Json;
export declare function conventionsOf(spec: Json): {
  server: { url: string; variable: string };
  mockServer: { url: string };
  auth: { header: string };
  contentType: string;
};
export declare function operationsOf(spec: Json): {
  id: string;
  method: string;
  path: string;
  op: Json;
  item: Json;
  parameters: Json[];
}[];
