#!/usr/bin/env node
// How small could the bundle get? Builds a scratch copy of src/ with every check that issue 3
// does not ask for removed and every message string (any string or template with a space in
// it) collapsed to "x", then measures it the way `npm run size` measures the real bundle.
// A lower bound for the client's code, not a product: the stripped copy is never shipped.
// Usage: node bench/size-floor.mjs [--json]   (an edit that no longer applies stops it with its name)
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { bundleSize } from "../scripts/size.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Checks and niceties beyond the issue's list, each removed by one exact edit. */
const EXTRAS = [
  ["client.ts", "the custom inspect() and toString() of the client", /^ {2}const shown = [^\n]*\n(?: {2}Object\.defineProperty\(desk[^\n]*\n){2}/m],
  ["validate.ts", "the refusal of unknown list parameters", /^ {2}for \(const key in rest\)[^\n]*\n/m],
  ["validate.ts", "the signal check", /^ {2}check\(signal === undefined[^\n]*\n/m],
  ["options.ts", "the fetch check", /^ {2}check\(fetch === undefined[^\n]*\n/m],
  ["options.ts", "the userAgent check", /^ {2}check\(typeof userAgent[^\n]*\n/m],
  ["options.ts", "the https-only, credential, query and fragment rules for baseUrl", /url && \(url\.protocol[^\n]*/, "url,"],
  ["api-error.ts", "the problem and content type in DeskInvalidResponseError", /`the body is \$\{problem\} [^\n]*/, '"x"'],
  ["errors.ts", "the request-id fallback for requestId", / \?\? init\.headers\.get\("request-id"\)/, ""],
];

/** Replaces every string literal or template that contains a space with "x". */
function collapseMessages(source, file) {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const spans = [];
  const visit = (node) => {
    const literal = ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node);
    if (literal && !ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent) && node.getText(tree).includes(" ")) {
      spans.push([node.getStart(tree), node.getEnd()]);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  let out = source;
  for (const [start, end] of spans.reverse()) out = `${out.slice(0, start)}"x"${out.slice(end)}`;
  return out;
}

// Inside the project (build/ is ignored by git), so the copy resolves openapi-fetch like src/ does.
mkdirSync(join(root, "build"), { recursive: true });
const scratch = mkdtempSync(join(root, "build", "size-floor-"));
try {
  cpSync(join(root, "src"), join(scratch, "src"), { recursive: true });
  cpSync(join(root, "generated"), join(scratch, "generated"), { recursive: true });
  for (const [file, what, pattern, replacement = ""] of EXTRAS) {
    const path = join(scratch, "src", file);
    const text = readFileSync(path, "utf8");
    if (!pattern.test(text)) throw new Error(`size-floor: the edit "${what}" no longer applies to src/${file}; update EXTRAS`);
    writeFileSync(path, text.replace(pattern, replacement));
  }
  const stripped = await bundleSize(join(scratch, "src", "index.ts"));
  for (const name of readdirSync(join(scratch, "src"))) {
    const path = join(scratch, "src", name);
    writeFileSync(path, collapseMessages(readFileSync(path, "utf8"), name));
  }
  const floor = await bundleSize(join(scratch, "src", "index.ts"));
  const real = await bundleSize(join(root, "src", "index.ts"));
  const rows = [
    ["client + openapi-fetch, this src/", real],
    [`without the ${EXTRAS.length} extras`, stripped],
    ['without the extras, every message "x"', floor],
  ];
  if (process.argv.includes("--json")) console.log(JSON.stringify({ real, stripped, floor }));
  else for (const [label, size] of rows) console.log(`${`${label}:`.padEnd(40)} ${size.gzipped} B min+gz`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
