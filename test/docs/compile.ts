// Type-checks TypeScript files as a user of the published package would write them: each file
// is an ES module inside the repo that imports "sendbird-desk-platform", which TypeScript
// resolves through package.json "exports" (package self-reference) to the built dist/*.d.ts.
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { root } from "../helpers/spec";

export const packageName = "sendbird-desk-platform";

export interface CompileResult {
  /** Formatted diagnostics per file name (an empty list means the file compiles). */
  errors: Record<string, string[]>;
  /** The file TypeScript resolved the package import to, relative to the repo root. */
  resolvedPackage: string | undefined;
}

/** Strict (exactOptionalPropertyTypes too), NodeNext, no emit: the settings a careful user's
 *  project would have. */
export const options: ts.CompilerOptions = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
  types: ["node"],
  typeRoots: [join(root, "node_modules", "@types")],
  skipLibCheck: false,
};

/** Writes each file (name without extension -> code) as a .mts module and type-checks them together. */
export function compileModules(files: Record<string, string>): CompileResult {
  // Inside the repo, so the nearest package.json is the package's own; .tmp/ is git-ignored.
  const scratch = join(root, ".tmp", `samples-${randomBytes(6).toString("hex")}`);
  mkdirSync(scratch, { recursive: true });
  try {
    const paths = Object.fromEntries(
      Object.entries(files).map(([name, code]) => {
        const file = join(scratch, `${name}.mts`);
        writeFileSync(file, code);
        return [name, file];
      }),
    );
    const program = ts.createProgram(Object.values(paths), options);
    const host: ts.FormatDiagnosticsHost = {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => scratch,
      getNewLine: () => "\n",
    };
    const errors = Object.fromEntries(
      Object.entries(paths).map(([name, file]) => [
        name,
        ts
          .getPreEmitDiagnostics(program, program.getSourceFile(file))
          .map((d) => ts.formatDiagnostic(d, host).trim()),
      ]),
    );
    const first = Object.values(paths)[0];
    const resolved =
      first && ts.resolveModuleName(packageName, first, options, ts.sys).resolvedModule?.resolvedFileName;
    return { errors, resolvedPackage: resolved?.slice(root.length + 1).replaceAll("\\", "/") };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
