// Types of openapi.cjs for the TypeScript tests. The document is walked as untyped data.
// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is read as untyped JSON
type Json = any;

export declare const METHODS: readonly string[];
export declare function deref(spec: Json, node: Json): Json;
export declare function dereferenced(spec: Json, node: Json): Json;
export declare function operationsOf(spec: Json): {
  id: string;
  method: string;
  path: string;
  op: Json;
  item: Json;
  parameters: Json[];
}[];
