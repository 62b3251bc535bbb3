#!/usr/bin/env node
// npm test: every check of the package, in three steps.
// 1. The tool folders the suite lacks on this machine (scripts/setup-tools.mjs).
// 2. Side by side, what needs only the sources, each an npm script run by name: Prettier and
//    ESLint, the spec's lint, the type check, the build of dist/, and the docs site in
//    build/docs/ (built when stale; the docs suites and `npm start` read it). Each one's output
//    is shown whole once they have all ended, in this order. On two cores this takes about as
//    long as the two longest, not the sum of all six.
// 3. When all of them passed, Jest with coverage; arguments given to `npm test` go to Jest.
// Written here rather than with a runner of npm scripts: npm-run-all2 and concurrently need
// Node 22, and the dev tools run on Node 20.19 too (CONTRIBUTING says why).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { root } from "./lib/root.mjs";

/** The npm scripts of step 2, with their arguments. */
const checks = [["lint"], ["lint:spec"], ["typecheck"], ["build"], ["docs", "--", "--if-stale"]];

/** npm, as the one running this script (`npm test` says where its CLI is), else from PATH. */
const npm = (...args) =>
  process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath, ...args]] : ["npm", args];
const running = new Set();

/** Runs `command`; resolves to its exit code (or signal), its output when captured, and its time. */
function run(command, args, { capture }) {
  const started = performance.now();
  const child = spawn(command, args, { cwd: root, stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit" });
  running.add(child);
  let output = "";
  if (capture) {
    child.stdout.setEncoding("utf8").on("data", (text) => (output += text));
    child.stderr.setEncoding("utf8").on("data", (text) => (output += text));
  }
  return new Promise((resolve) => {
    const done = (code, signal) => {
      running.delete(child);
      resolve({
        ok: code === 0,
        code: signal ?? code,
        output,
        seconds: (performance.now() - started) / 1000,
      });
    };
    child.once("error", (error) => {
      output += `${error.message}\n`;
      done(1, undefined);
    });
    child.once("close", done);
  });
}

// A signal to this script (Ctrl-C reaches the children by itself) stops what is running.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    for (const child of running) child.kill(signal);
    process.exitCode = 1;
  });
}

const setup = await run(...npm("run", "-s", "setup:tools"), { capture: false });
if (!setup.ok) process.exit(1);

const results = await Promise.all(checks.map((args) => run(...npm("run", "-s", ...args), { capture: true })));
checks.forEach(([name], at) => {
  const { ok, code, output, seconds } = results[at];
  const outcome = ok ? "passed" : `failed (exit ${code})`;
  console.log(`\n> npm run ${name}: ${outcome} in ${seconds.toFixed(1)} s`);
  if (output.trim()) console.log(output.trimEnd());
});
if (!results.every(({ ok }) => ok)) {
  console.error("\nnpm test: a check above failed; Jest did not run.");
  process.exit(1);
}

console.log("");
const jest = createRequire(import.meta.url).resolve("jest/bin/jest");
const suite = await run(process.execPath, [jest, "--coverage", ...process.argv.slice(2)], { capture: false });
process.exitCode = suite.ok ? (process.exitCode ?? 0) : 1;
