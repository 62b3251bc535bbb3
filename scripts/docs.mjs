#!/usr/bin/env node
// Builds the API reference: one self-contained HTML file rendered by Redoc from the bundled
// spec (generated/openapi.json), with Redoc's script inlined so the page needs no network.
// Usage: node scripts/docs.mjs [--out FILE]   (default: build/docs/index.html)
// Prints the output path and size; exits non-zero when the build fails or the page would
// load anything from another host. `npm start` relies on this path and exit code.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outArg = process.argv.indexOf("--out");
const out = resolve(outArg === -1 ? join(root, "build", "docs", "index.html") : process.argv[outArg + 1]);
const spec = join(root, "generated", "openapi.json");
const quiet = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };

/** Tags that would make the browser fetch a script, style, font or frame from a URL. */
const remoteResource = /<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i;

try {
  mkdirSync(dirname(out), { recursive: true });
  // Write next to the target and rename, so a reader never sees a half-written page.
  const partial = join(dirname(out), `.partial-${process.pid}.html`);
  try {
    execFileSync(join(root, "node_modules", ".bin", "redocly"), [
      "build-docs", spec, "--inlineBundle", "--output", partial, "--lint-config", "off",
      "--openapi.jsonSamplesExpandLevel=all",
    ], { cwd: root, env: quiet, stdio: ["ignore", "pipe", "pipe"] });
    const html = readFileSync(partial, "utf8");
    const remote = html.match(remoteResource);
    if (remote) throw new Error(`the page would load a remote resource: ${remote[0]}`);
    if (!html.includes("__redoc_definition")) throw new Error("the page carries no inlined API definition");
    renameSync(partial, out);
  } finally {
    rmSync(partial, { force: true });
  }
  const kib = Math.round(statSync(out).size / 1024);
  console.log(`docs: ${relative(process.cwd(), out) || out} (${kib} KiB, self-contained)`);
} catch (error) {
  const detail = error.stderr?.toString().trim() || error.message;
  console.error(`docs: build failed: ${detail}`);
  process.exit(1);
}
