#!/usr/bin/env node
// npm run test:matrix: tests the package on every runtime it supports, with the official
// builds pinned in tools/runtimes/ (install them with `npm ci --prefix tools/runtimes`):
// the full suite on Node 22, the unit, fault and packed-package tests on Node 24, and a smoke
// test of the packed tarball (the four calls, an error class, a retry, a timeout against a
// loopback server) on Node 22, Node 24, Bun and Deno. Every step runs, even after a failure;
// the closing table says which runtime ran what, with its result and time.
import { spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { startSmokeServer } from "../test/runtimes/smoke-server.mjs";
import { readCommandLine } from "./lib/command-line.mjs";
import { root } from "./lib/root.mjs";

const tools = join(root, "tools", "runtimes", "node_modules");

/** The runtimes, each an official build installed from the npm registry (tools/runtimes). */
const runtimes = {
  node22: { name: "Node", label: "Node 22", bin: join(tools, "node22", "bin", "node") },
  node24: { name: "Node", label: "Node 24", bin: join(tools, "node24", "bin", "node") },
  bun: { name: "Bun", label: "Bun", bin: join(tools, "bun", "bin", "bun") },
  deno: { name: "Deno", label: "Deno", bin: join(tools, "deno", "deno") },
};

const jest = join(root, "node_modules", "jest", "bin", "jest.js");
const smokeScript = join(root, "test", "runtimes", "smoke.mjs");

/** The matrix, in the order it runs. `command(runtime, scratch)` is [program, args, env]. */
const steps = [
  {
    id: "node22-full",
    runtime: "node22",
    what: "full suite: npm test (spec lint, typecheck, build, every Jest test, coverage)",
    commands: (bin) => [["npm", ["test"], onPath(bin)]],
  },
  {
    id: "node24-core",
    runtime: "node24",
    what: "build, then the unit, fault and packed-package tests",
    commands: (bin) => [
      [bin, [join(root, "scripts", "build.mjs")], onPath(bin)],
      [bin, [jest, "test/unit", "test/faults", "test/package"], onPath(bin)],
    ],
  },
  ...["node22", "node24", "bun", "deno"].map((runtime) => ({
    id: `${runtime}-smoke`,
    runtime,
    what: "smoke: the packed tarball, four calls, an error class, a retry, a timeout",
    smoke: true,
    commands: (bin, scratch) => [smokeCommand(runtime, bin, scratch)],
  })),
];

/** One line of the usage text for a step. */
function describeStep(step) {
  return `  ${step.id.padEnd(12)} ${runtimes[step.runtime].label}: ${step.what}`;
}

const usage = `Usage: node scripts/test-matrix.mjs [--only ID[,ID...]] [--list] [--help]

Tests the package on every supported runtime (tools/runtimes: npm ci --prefix tools/runtimes).
  --only   run only these steps (see --list)
  --list   print the steps and the runtimes' versions, run nothing

Steps:
${steps.map(describeStep).join("\n")}`;

/** The environment with `bin`'s folder first on PATH, so `node` and `npm` run on that Node. */
function onPath(bin) {
  return { ...process.env, PATH: `${dirname(bin)}${delimiter}${process.env.PATH}` };
}

/** How each runtime runs the smoke script, with the least it needs. */
function smokeCommand(runtime, bin, scratch) {
  const env = { ...process.env, SMOKE_URL: smokeUrl };
  if (runtime === "bun") return [bin, ["run", "--no-install", "smoke.mjs"], env];
  if (runtime === "deno") {
    // The variables the client reads (even when the options are given), and the smoke's own.
    const variables = ["SMOKE_URL", "SENDBIRD_APP_ID", "SENDBIRD_DESK_API_TOKEN", "SENDBIRD_DESK_LOG"];
    const permissions = ["--allow-net=127.0.0.1", `--allow-env=${variables}`, `--allow-read=${scratch}`];
    return [bin, ["run", "--no-prompt", "--cached-only", ...permissions, "smoke.mjs"], env];
  }
  return [bin, ["smoke.mjs"], { ...onPath(bin), SMOKE_URL: smokeUrl }];
}

/** A runtime's version, as it reports it. */
function versionOf(bin) {
  const out = spawnSync(bin, ["--version"], { encoding: "utf8" });
  if (out.status !== 0) throw new Error(`${bin} --version failed: ${out.stderr}`);
  return /\d+\.\d+\.\d+/.exec(out.stdout)?.[0] ?? out.stdout.trim();
}

/** Runs one command with inherited output; resolves to its exit code. */
function exec([program, args, env], cwd) {
  return new Promise((resolve) => {
    const child = spawn(program, args, { cwd, env, stdio: "inherit" });
    child.once("error", (error) => {
      console.error(`test-matrix: cannot start ${program}: ${error.message}`);
      resolve(1);
    });
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Packs the package (its prepack builds dist/) and lays the tarball out in a scratch project
 *  the way npm installs it, offline: unpacked, with openapi-fetch copied beside it. */
function scratchProject() {
  const scratch = mkdtempSync(join(tmpdir(), "desk-matrix-"));
  const pack = spawnSync("npm", ["pack", "--silent", "--pack-destination", scratch], {
    cwd: root,
    env: onPath(runtimes.node22.bin),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (pack.status !== 0) throw new Error("npm pack failed");
  const tarball = join(
    scratch,
    readdirSync(scratch).find((file) => file.endsWith(".tgz")),
  );
  const installed = join(scratch, "node_modules", "sendbird-desk-platform");
  mkdirSync(installed, { recursive: true });
  const untar = spawnSync("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"]);
  if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
  cpSync(join(root, "node_modules", "openapi-fetch"), join(scratch, "node_modules", "openapi-fetch"), {
    recursive: true,
    dereference: true,
  });
  const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
  const dependencies = { "sendbird-desk-platform": manifest.version, ...manifest.dependencies };
  writeFileSync(
    join(scratch, "package.json"),
    JSON.stringify({ name: "smoke", private: true, dependencies }),
  );
  cpSync(smokeScript, join(scratch, "smoke.mjs"));
  return scratch;
}

/** "3m 07s" or "12.3s". */
function duration(ms) {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  return `${Math.floor(seconds / 60)}m ${String(Math.round(seconds % 60)).padStart(2, "0")}s`;
}

const args = readCommandLine("test-matrix", {
  usage,
  options: { only: { type: "string" }, list: { type: "boolean" } },
});
const wanted = args.only?.split(",").map((id) => id.trim());
const unknown = wanted?.filter((id) => !steps.some((step) => step.id === id)) ?? [];
if (unknown.length) {
  console.error(
    `test-matrix: unknown step ${unknown.join(", ")}; the steps are ${steps.map((s) => s.id).join(", ")}`,
  );
  process.exit(2);
}
const chosen = steps.filter((step) => !wanted || wanted.includes(step.id));
const missing = [...new Set(chosen.map((step) => runtimes[step.runtime]))].filter(
  ({ bin }) => !existsSync(bin),
);
if (missing.length) {
  console.error(
    `test-matrix: ${missing.map((r) => r.label).join(", ")} not installed: ` +
      "run `npm ci --prefix tools/runtimes`",
  );
  process.exit(1);
}
for (const runtime of Object.values(runtimes))
  runtime.version = existsSync(runtime.bin) ? versionOf(runtime.bin) : "-";
if (args.list) {
  for (const step of chosen) {
    const { name, version } = runtimes[step.runtime];
    console.log(`${step.id.padEnd(12)} ${name} ${version}: ${step.what}`);
  }
  process.exit(0);
}

let smokeUrl;
let server;
let scratch;
const results = [];
try {
  for (const step of chosen) {
    const runtime = runtimes[step.runtime];
    console.log(`\n=== ${step.id}: ${runtime.name} ${runtime.version}: ${step.what}\n`);
    const started = Date.now();
    let code = 0;
    try {
      if (step.smoke && !scratch) {
        scratch = scratchProject();
        server = await startSmokeServer();
        smokeUrl = server.url;
      }
      const before = server?.requests.length ?? 0;
      for (const command of step.commands(runtime.bin, scratch)) {
        code = await exec(command, step.smoke ? scratch : root);
        if (code !== 0) break;
      }
      if (step.smoke && code === 0) {
        const seen = server.requests.slice(before);
        const tokenless = seen.filter((request) => request.token !== "smoke-token");
        if (seen.length === 0 || tokenless.length) {
          console.error(
            `test-matrix: the server saw ${seen.length} requests, ${tokenless.length} without the token`,
          );
          code = 1;
        }
      }
    } catch (error) {
      console.error(`test-matrix: ${error.message}`);
      code = 1;
    }
    results.push({ step, runtime, passed: code === 0, ms: Date.now() - started });
    console.log(`\n=== ${step.id}: ${code === 0 ? "passed" : `FAILED (exit ${code})`}`);
  }
} finally {
  await server?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}

const rows = results.map(({ step, runtime, passed, ms }) => [
  `${runtime.name} ${runtime.version}`,
  step.what,
  passed ? "passed" : "FAILED",
  duration(ms),
]);
const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length)));
console.log("\nRuntime matrix:");
for (const row of rows) console.log(`  ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ")}`);
const total = results.reduce((sum, { ms }) => sum + ms, 0);
const failed = results.filter(({ passed }) => !passed).length;
console.log(
  `${failed ? `${failed} of ${results.length} steps FAILED` : `all ${results.length} steps passed`} ` +
    `in ${duration(total)}`,
);
// The plain closing line CI reads: steps of the matrix that passed and failed.
console.log(`matrix: ${results.length - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
