// Toolchain timings: `npm run generate` (into a scratch directory, so generated/ is never
// rewritten by a benchmark), `npm run lint:spec`, and Prism from spawn to its first answer.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { summary } from "./stats.mjs";
import { freePort } from "./free-port.mjs";

const quiet = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };

/** Milliseconds one command takes to run to success. */
function timed(root, cmd, args) {
  const start = performance.now();
  const run = spawnSync(cmd, args, { cwd: root, env: quiet, encoding: "utf8" });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${run.stdout}\n${run.stderr}`);
  return ms;
}

/** Milliseconds from spawning Prism on generated/openapi.json to its first 200 on GET /groups. */
async function prismFirstAnswer(root, header) {
  const port = await freePort();
  const start = performance.now();
  const prism = spawn(
    join(root, "node_modules", ".bin", "prism"),
    ["mock", join(root, "generated", "openapi.json"), "-h", "127.0.0.1", "-p", String(port), "--errors"],
    { cwd: root, stdio: "ignore", detached: true },
  );
  const exited = new Promise((resolve) => prism.once("exit", resolve));
  try {
    for (;;) {
      if (prism.exitCode !== null) throw new Error(`prism exited with ${prism.exitCode}`);
      if (performance.now() - start > 60_000) throw new Error("prism gave no answer within 60 s");
      try {
        const res = await fetch(`http://127.0.0.1:${port}/groups`, { headers: { [header]: "bench-token" } });
        await res.arrayBuffer();
        if (res.status === 200) return performance.now() - start;
      } catch {
        await sleep(20);
      }
    }
  } finally {
    // Prism was started in its own process group: end that group, by the id we started.
    if (prism.exitCode === null) process.kill(-prism.pid, "SIGTERM");
    await exited;
  }
}

/** Each toolchain step `runs` times, in turn. */
export async function benchToolchain({ root, header, runs, log }) {
  const samples = { generate: [], lint: [], prism: [] };
  const scratch = mkdtempSync(join(tmpdir(), "desk-bench-generate-"));
  try {
    for (let run = 0; run < runs; run++) {
      samples.generate.push(timed(root, "npm", ["run", "-s", "generate", "--", "--out", scratch]));
      samples.lint.push(timed(root, "npm", ["run", "-s", "lint:spec"]));
      samples.prism.push(await prismFirstAnswer(root, header));
      log(`  run ${run + 1}: generate ${Math.round(samples.generate.at(-1))} ms, lint ${Math.round(samples.lint.at(-1))} ms, prism ${Math.round(samples.prism.at(-1))} ms`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { generate: summary(samples.generate), lint: summary(samples.lint), prism: summary(samples.prism) };
}
