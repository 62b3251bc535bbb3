#!/usr/bin/env node
// Installs the project's tool folders from their own lockfiles when they are missing or stale.
// By default, only what `npm test` needs on this machine: tools/conformance (the MCP
// conformance suite), and, when the Node running this is older than 22 and no Node 22 or later
// is installed in tools/runtimes, tools/node22 (Node 22 alone, for that suite). With --all, what
// the runtime matrix needs as well: tools/runtimes (Node 22 and 24, Bun, Deno). `npm test` runs
// it first, `.ci/run` with --all, so a fresh clone needs no step by hand.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { readCommandLine } from "./lib/command-line.mjs";
import { root } from "./lib/root.mjs";

const usage = `Usage: node scripts/setup-tools.mjs [--all]

Runs \`npm ci\` in each folder of tools/ that the test suite needs on this machine and whose
node_modules is missing or older than its lockfile: tools/conformance, and tools/node22 when
this Node is older than 22 and tools/runtimes holds no newer one.
  --all   tools/runtimes (the runtime matrix's Node 22 and 24, Bun, Deno) and tools/conformance`;

const args = readCommandLine("setup-tools", { usage, options: { all: { type: "boolean" } } });

/** True when `folder`'s node_modules was installed from its current lockfile. */
function installed(folder) {
  const marker = join(root, "tools", folder, "node_modules", ".package-lock.json");
  const lock = join(root, "tools", folder, "package-lock.json");
  return existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs;
}

/** The folders to install: the suite's own, or with --all the matrix's too. */
function folders() {
  if (args.all) return ["runtimes", "conformance"];
  const major = Number(process.versions.node.split(".")[0]);
  const newerNode = ["node22", "node24"].some((name) =>
    existsSync(join(root, "tools", "runtimes", "node_modules", name, "bin", "node")),
  );
  return major >= 22 || newerNode ? ["conformance"] : ["conformance", "node22"];
}

for (const folder of folders()) {
  if (installed(folder)) continue;
  const dir = join(root, "tools", folder);
  console.log(`setup-tools: npm ci --prefix tools/${folder}`);
  const run = spawnSync("npm", ["ci", "--prefix", dir, "--no-audit", "--no-fund"], { stdio: "inherit" });
  if (run.status !== 0) {
    console.error(`setup-tools: npm ci in tools/${folder} failed (exit ${run.status ?? run.signal})`);
    process.exit(1);
  }
}
