#!/usr/bin/env node
// npm run docs: the documentation site in build/docs/, built offline. index.html is the HTTP
// API reference, one self-contained HTML file rendered by Redoc from the bundled spec
// (generated/openapi.json) with Redoc's script inlined; client/ is the TypeScript client's
// reference, rendered by TypeDoc from src/index.ts. The two link to each other.
// Prints each output's path and size; exits non-zero when a build fails or the Redoc page
// would load anything from another host. With --if-stale it builds only when a page is missing
// or older than what it is built from (`npm test` builds before Jest; `npm start` and the docs
// tests ask with --if-stale). Builds of one folder take turns (a lock beside it), so a suite
// and `npm start` never write the same files at once. `npm start` relies on these paths and
// the exit code.
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { readCommandLine } from "./lib/command-line.mjs";
import { root } from "./lib/root.mjs";

const usage = `Usage: node scripts/docs.mjs [--if-stale]

Builds the Redoc page at build/docs/index.html and the TypeScript client's reference in
build/docs/client/; with --if-stale, only when either is missing or older than what it is
built from.`;

const args = readCommandLine("docs", { usage, options: { "if-stale": { type: "boolean" } } });
const out = join(root, "build", "docs", "index.html");
const clientPage = join(dirname(out), "client", "index.html");
const spec = join(root, "generated", "openapi.json");
const quiet = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };

/** Tags that would make the browser fetch a script, style, font or frame from a URL. */
const remoteResource = /<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//gi;
/** Any CDN address left in the page, inlined script included. */
const cdnAddress = /https?:\/\/cdn\.[^\s"'`)]+/g;
/** Icon-set bases in Redoc's script, fetched only for icon tags this spec does not use. */
const unusedIconSets = /^https:\/\/cdn\.redocly\.com\/icons\//;

// Redoc 3's sidebar footer ("API docs by" + logo) loads the Redocly logo from its CDN when
// the page runs: the one runtime fetch in an otherwise self-contained page. Swap the two
// logo URLs in the inlined script for inline SVG wordmarks (the link to Redoc stays).
const wordmark = (text, width) =>
  "data:image/svg+xml," +
  encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="16" viewBox="0 0 ${width} 16">` +
      `<text x="0" y="12.5" font-family="sans-serif" font-size="13" font-weight="600" fill="#0044d4">` +
      `${text}</text></svg>`,
  );
const offlineLogos = {
  "https://cdn.redoc.ly/redoc/logo-mini-full.svg": wordmark("Redocly", 56),
  "https://cdn.redoc.ly/redoc/logo-mini.svg": wordmark("R", 12),
};

/** Styles Redoc lacks, added to the page's head: in the right panel, long code lines wrap
 *  instead of running under the panel's edge, and the copy button sits on its own row
 *  instead of over the first line; on a phone the title takes two lines, not six. Two of
 *  Redoc's theme colours are darkened to reach WCAG AA contrast on white (4.5:1): the search
 *  button's text (#9b9ca8 is 2.7:1) and links (#1f7cff is 3.9:1). */
const panelStyles = `<style>
  body { --search-trigger-color: #5f606a; --link-color-primary: #0b5cd5; }
  .panel-request-samples pre, .panel-request-samples pre *, .panel-response-samples pre,
  .panel-response-samples pre * { white-space: pre-wrap; overflow-wrap: anywhere; }
  .panel-request-samples .code-block-header, .panel-response-samples .code-block-header { position: static; }
  @media (max-width: 36rem) { h1 { font-size: 1.75rem !important; line-height: 1.25 !important; } }
</style>`;

/** The site's icon, inline so that the page stays one self-contained file. */
const favicon = `<link rel="icon" type="image/svg+xml" href="data:image/svg+xml,${encodeURIComponent(
  readFileSync(join(root, "docs", "assets", "favicon.svg"), "utf8").trim(),
)}">`;

/** Redoc's entry for the request body example in the sample menu. */
const payloadSample = { lang: "payload", label: "Payload" };

/** Redoc options. Redoc 3 shows only the x-codeSamples whose label is in
 *  codeSamples.languages (default: curl, JavaScript, Python, ...; no TypeScript), so the
 *  list is every label the spec's samples use, in the spec's order. */
function redocConfig() {
  const definition = JSON.parse(readFileSync(spec, "utf8"));
  const labels = new Set();
  for (const item of Object.values(definition.paths)) {
    for (const operation of Object.values(item)) {
      for (const sample of operation?.["x-codeSamples"] ?? []) labels.add(sample.label ?? sample.lang);
    }
  }
  return {
    telemetry: "off",
    openapi: {
      jsonSamplesExpandLevel: "all", // whole example bodies, members included
      // Then Redoc's own "Payload": the request body example, on operations that take a body.
      codeSamples: {
        languages: [...[...labels].map((label) => ({ lang: label, label })), payloadSample],
      },
    },
  };
}

/** What the site is built from: the spec, the client's sources, the guides and their order
 *  (README), the version and the tools (package.json and its lockfile), and the build itself. */
const sources = [
  spec,
  "src",
  "docs",
  "README.md",
  "package.json",
  "package-lock.json",
  "tsconfig.build.json",
  "scripts/docs.mjs",
  "scripts/lib/client-reference.mjs",
].map((source) => resolve(root, source));

/** Whether both pages exist and are at least as new as every file they are built from. */
function upToDate() {
  const files = sources.flatMap((source) =>
    statSync(source).isDirectory()
      ? readdirSync(source, { recursive: true }).map((file) => join(source, file))
      : [source],
  );
  const newest = Math.max(...files.map((file) => statSync(file).mtimeMs));
  return [out, clientPage].every((page) => existsSync(page) && statSync(page).mtimeMs >= newest);
}

/** A lock without its holder's PID, older than this, was left by a build that died at once. */
const orphanLockMs = 60_000;

/** Whether process `pid` is running. */
function running(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/** The PID written in a lock, or undefined before its holder has written it. */
function holderOf(file) {
  try {
    return Number(readFileSync(file, "utf8")) || undefined;
  } catch {
    return undefined;
  }
}

/** Runs `build` holding the folder's lock: a directory beside it (making one is atomic) with
 *  the holder's PID inside, so a lock left by a build that was killed (Ctrl-C) is taken over
 *  at once instead of waited for. */
async function underLock(build) {
  const lock = `${dirname(out)}.lock`;
  const holderFile = join(lock, "pid");
  mkdirSync(dirname(lock), { recursive: true });
  for (let told = false; ;) {
    try {
      mkdirSync(lock);
      writeFileSync(holderFile, String(process.pid));
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      const held = statSync(lock, { throwIfNoEntry: false });
      if (!held) continue; // released meanwhile
      const holder = holderOf(holderFile);
      if (holder ? !running(holder) : Date.now() - held.mtimeMs > orphanLockMs) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (!told) console.log(`docs: waiting for the build under way (process ${holder ?? "starting"})`);
      told = true;
      await sleep(200);
    }
  }
  try {
    await build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

const shown = (path) => relative(process.cwd(), path) || path;

/** Builds the Redoc page at `out`, offline and self-contained; prints its path and size. */
function buildRedocPage() {
  mkdirSync(dirname(out), { recursive: true });
  // Write next to the target and rename, so a reader never sees a half-written page.
  const partial = join(dirname(out), `.partial-${process.pid}.html`);
  // JSON is YAML: Redocly reads this as its config file for the build (theme options only).
  const config = join(mkdtempSync(join(tmpdir(), "desk-docs-")), "redocly.yaml");
  try {
    writeFileSync(config, JSON.stringify(redocConfig(), null, 2));
    execFileSync(
      join(root, "node_modules", ".bin", "redocly"),
      ["build-docs", spec, "--inlineBundle", "--output", partial, "--config", config, "--lint-config", "off"],
      { cwd: root, env: quiet, stdio: ["ignore", "pipe", "pipe"] },
    );
    let html = readFileSync(partial, "utf8");
    for (const [url, inline] of Object.entries(offlineLogos)) html = html.replaceAll(url, inline);
    if (!html.includes("</head>")) throw new Error("the page has no </head> to add its styles to");
    html = html.replace("</head>", `${favicon}${panelStyles}</head>`);
    const remote = [...(html.match(remoteResource) ?? []), ...(html.match(cdnAddress) ?? [])].filter(
      (found) => !unusedIconSets.test(found),
    );
    if (remote.length) throw new Error(`the page would load remote resources: ${remote.join(", ")}`);
    if (!html.includes("__redoc_definition")) throw new Error("the page carries no inlined API definition");
    writeFileSync(partial, html);
    renameSync(partial, out);
  } finally {
    rmSync(partial, { force: true });
    rmSync(dirname(config), { recursive: true, force: true });
  }
  const kib = Math.round(statSync(out).size / 1024);
  console.log(`docs: ${shown(out)} (${kib} KiB, self-contained)`);
}

try {
  await underLock(async () => {
    if (args["if-stale"] && upToDate()) {
      console.log(`docs: ${shown(out)} and ${shown(clientPage)} are up to date`);
      return;
    }
    buildRedocPage();
    // TypeDoc loads in about a second: only when there is something to build.
    const { buildClientReference } = await import("./lib/client-reference.mjs");
    const client = await buildClientReference(dirname(out));
    console.log(`docs: ${shown(client)} (the TypeScript client reference, TypeDoc)`);
  });
} catch (error) {
  const detail = error.stderr?.toString().trim() || error.message;
  console.error(`docs: build failed: ${detail}`);
  process.exit(1);
}
