#!/usr/bin/env node
// Installs the project's tool folders from their own lockfiles when they are missing or stale:
// tools/runtimes (Node 22 and 24, Bun, Deno: the runtime matrix and the MCP conformance suite
// run on them) and tools/conformance (the MCP conformance suite). `npm test` and `.ci/run`
// run it first, so a fresh clone needs no step by hand.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { readCommandLine } from "./lib/command-line.mjs";
import { root } from "./lib/root.mjs";

const usage = `Usage: node scripts/setup-tools.mjs

Runs \`npm ci\` in each folder of tools/ whose node_modules is missing or older than its lockfile.`;

const FOLDERS = ["runtimes", "conformance"];

readCommandLine("setup-tools", { usage });

for (const folder of FOLDERS) {
  const dir = join(root, "tools", folder);
  const installed = join(dir, "node_modules", ".package-lock.json");
  const lock = join(dir, "package-lock.json");
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) continue;
  console.log(`setup-tools: npm ci --prefix tools/${folder}`);
  const run = spawnSync("npm", ["ci", "--prefix", dir, "--no-audit", "--no-fund"], { stdio: "inherit" });
  if (run.status !== 0) {
    console.error(`setup-tools: npm ci in tools/${folder} failed (exit ${run.status ?? run.signal})`);
    process.exit(1);
  }
}
