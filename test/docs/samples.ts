// The x-codeSamples of every operation in the bundled spec, keyed by their kind.
import { type Json, operations } from "../helpers/spec";

export interface OperationSamples {
  operationId: string;
  method: string;
  path: string;
  /** The code of the sample whose lang is TypeScript, if any. */
  typescript?: string;
  /** The code of the sample labelled curl, if any. */
  curl?: string;
  /** Every sample, as the spec lists it. */
  all: { lang: string; label: string; source: string }[];
}

/** Reads the code samples of the four operations from generated/openapi.json. */
export function operationSamples(): OperationSamples[] {
  return operations().map(({ id, method, path, op }) => {
    const all: OperationSamples["all"] = (op["x-codeSamples"] ?? []).map((s: Json) => ({ ...s }));
    return {
      operationId: id,
      method: method.toUpperCase(),
      path,
      typescript: all.find((s) => s.lang === "TypeScript")?.source,
      curl: all.find((s) => s.label === "curl")?.source,
      all,
    };
  });
}
