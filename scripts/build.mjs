#!/usr/bin/env node
// Builds dist/: the ESM and CJS bundles of src/ (openapi-fetch stays a dependency) and the
// type declarations, with one .d.mts and one .d.cts entry so each format has its own types.
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
rmSync(dist, { recursive: true, force: true });

const common = {
  entryPoints: [join(root, "src", "index.ts")],
  bundle: true,
  external: ["openapi-fetch"],
  platform: "neutral",
  target: "es2022",
  logLevel: "warning",
};
await build({ ...common, format: "esm", outfile: join(dist, "index.mjs") });
await build({ ...common, format: "cjs", outfile: join(dist, "index.cjs") });

execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.build.json")], {
  stdio: "inherit",
});
const entry = 'export * from "./types/src/index.js";\n';
writeFileSync(join(dist, "index.d.mts"), entry);
writeFileSync(join(dist, "index.d.cts"), entry);
console.log("built dist/ (index.mjs, index.cjs, index.d.mts, index.d.cts, types/)");
