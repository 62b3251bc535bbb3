#!/usr/bin/env node
// Builds dist/: for each entry of the package, its ESM and CJS bundles (dependencies stay
// imports) and its type declarations, with one .d.mts and one .d.cts file so each format has
// its own types.
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { readCommandLine } from "./lib/command-line.mjs";
import { root } from "./lib/root.mjs";

readCommandLine("build", { usage: "Usage: node scripts/build.mjs   (npm run build: writes dist/)" });

/** The package's entries: `dist/<name>.{mjs,cjs,d.mts,d.cts}` from `source`. A new entry
 *  adds a line here and its subpath under `exports` in package.json. */
const entries = [
  { name: "index", source: "src/index.ts", platform: "neutral" },
  { name: "testing", source: "src/testing/index.ts", platform: "node" },
  { name: "mcp", source: "src/mcp/index.ts", platform: "node" },
];

const { name: packageName, version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const dist = join(root, "dist");
rmSync(dist, { recursive: true, force: true });

for (const { name, source, platform } of entries) {
  const common = {
    entryPoints: [join(root, source)],
    bundle: true,
    packages: "external",
    // The other entries import the main one by the package's name: it stays an import, so a
    // process loads one copy of the client (tsconfig's `paths` would otherwise bundle src/).
    external: [packageName],
    platform,
    target: "es2022",
    sourcemap: true,
    // VERSION (src/version.ts) is the package's, read from package.json here.
    define: { __DESK_VERSION__: JSON.stringify(version) },
    logLevel: "warning",
  };
  await build({ ...common, format: "esm", outfile: join(dist, `${name}.mjs`) });
  await build({ ...common, format: "cjs", outfile: join(dist, `${name}.cjs`) });
  const types = `export * from "./types/${source.replace(/\.ts$/, ".js")}";\n`;
  writeFileSync(join(dist, `${name}.d.mts`), types);
  writeFileSync(join(dist, `${name}.d.cts`), types);
}

const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
console.log(
  `built dist/ (${entries.map(({ name }) => name).join(", ")}: .mjs, .cjs, .d.mts, .d.cts; types/)`,
);
