#!/usr/bin/env node
// Prints the size of what a browser-style bundler ships for `import "sendbird-desk-platform"`:
// the built ESM entry bundled with openapi-fetch, minified, gzipped (level 9). Also prints
// openapi-fetch's createClient alone, bundled the same way (tree-shaken as the client uses
// it): the floor the client builds on. Run `npm run build` first.
// `--json` prints the numbers as JSON for tests and benchmarks.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { readCommandLine } from "./lib/command-line.mjs";
import { root } from "./lib/root.mjs";

/** Minified and gzipped bytes of `entry` (a file, or `{ contents }` of a module) bundled
 *  with its dependencies. */
export async function bundleSize(entry) {
  const input =
    typeof entry === "string"
      ? { entryPoints: [entry] }
      : { stdin: { contents: entry.contents, resolveDir: root } };
  const out = await build({
    ...input,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    write: false,
    logLevel: "silent",
    absWorkingDir: root,
  });
  const code = out.outputFiles[0].contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

export async function sizes() {
  return {
    client: await bundleSize(join(root, "dist", "index.mjs")),
    openapiFetch: await bundleSize({ contents: 'export { default } from "openapi-fetch";' }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const usage = "Usage: node scripts/size.mjs [--json]   (run npm run build first)";
  const json = readCommandLine("size", { usage, options: { json: { type: "boolean" } } }).json === true;
  const s = await sizes();
  if (json) console.log(JSON.stringify(s));
  else {
    console.log(`client + openapi-fetch: ${s.client.gzipped} B min+gz (${s.client.minified} B minified)`);
    console.log(
      `openapi-fetch alone:    ${s.openapiFetch.gzipped} B min+gz (${s.openapiFetch.minified} B minified)`,
    );
  }
}
