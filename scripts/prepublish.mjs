#!/usr/bin/env node
// npm's prepublishOnly: the gate before `npm publish`. It refuses to publish a version whose
// notes are still pending in .changeset/ (run `npm run version-packages` first), a version
// CHANGELOG.md does not describe, or a work tree with uncommitted changes, and then runs
// every runtime of the test matrix (scripts/test-matrix.mjs: the full suite included).
// Usage: node scripts/prepublish.mjs [--checks-only] [--help]
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readCommandLine } from "./lib/command-line.mjs";
import { root } from "./lib/root.mjs";

const usage = `Usage: node scripts/prepublish.mjs [--checks-only] [--help]

Runs before \`npm publish\` (npm's prepublishOnly). Refuses when notes are pending in
.changeset/, when CHANGELOG.md has no section for package.json's version, or when git reports
uncommitted changes; then runs \`npm run test:matrix\`.
  --checks-only   the three checks, without the test matrix`;

/** Why the package cannot be published as it is, one line each (empty when it can). */
function releaseProblems(dir = root) {
  const problems = [];
  const { version } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const pending = readdirSync(join(dir, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md");
  if (pending.length) {
    problems.push(
      `${pending.length} changeset(s) pending in .changeset/ (${pending.join(", ")}): ` +
        "run `npm run version-packages`, review and commit",
    );
  }
  const changelog = readFileSync(join(dir, "CHANGELOG.md"), "utf8");
  if (!changelog.split("\n").includes(`## ${version}`)) {
    problems.push(`CHANGELOG.md has no "## ${version}" section for the version in package.json`);
  }
  const status = spawnSync("git", ["status", "--porcelain"], { cwd: dir, encoding: "utf8" });
  if (status.status === 0 && status.stdout.trim()) {
    problems.push("the work tree has uncommitted changes (git status): publish a committed state");
  }
  return problems;
}

const args = readCommandLine("prepublish", { usage, options: { "checks-only": { type: "boolean" } } });
const problems = releaseProblems();
if (problems.length) {
  console.error(`prepublish: not publishing:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exit(1);
}
console.log("prepublish: no pending changeset, CHANGELOG.md describes this version, the tree is clean");
if (!args["checks-only"]) {
  const matrix = spawnSync("npm", ["run", "test:matrix"], { cwd: root, stdio: "inherit" });
  process.exit(matrix.status ?? 1);
}
