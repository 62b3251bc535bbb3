// Toolchain timings: `npm run generate` (into a scratch directory, so generated/ is never
// rewritten by a benchmark), `npm run lint:spec`, and Prism from spawn to its first answer.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { startPrism } from "../scripts/lib/prism.mjs";
import { headersFor } from "./spec.mjs";
import { summary } from "./stats.mjs";

const quiet = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };

/** Milliseconds one command takes to run to success. */
function timed(root, cmd, args) {
  const start = performance.now();
  const run = spawnSync(cmd, args, { cwd: root, env: quiet, encoding: "utf8" });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${run.stdout}\n${run.stderr}`);
  return ms;
}

/** Milliseconds from starting Prism on generated/openapi.json (the project's own way, as
 *  `npm run mock` and the tests do) to its first 200 on GET /groups. */
async function prismFirstAnswer() {
  const start = performance.now();
  const prism = await startPrism();
  try {
    const res = await fetch(`${prism.url}/groups`, { headers: headersFor("bench-token") });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`prism answered ${res.status}`);
    return performance.now() - start;
  } finally {
    await prism.stop();
  }
}

/** Each toolchain step `runs` times, in turn. */
export async function benchToolchain({ root, runs, log }) {
  const samples = { generate: [], lint: [], prism: [] };
  const scratch = mkdtempSync(join(tmpdir(), "desk-bench-generate-"));
  try {
    for (let run = 0; run < runs; run++) {
      samples.generate.push(timed(root, "npm", ["run", "-s", "generate", "--", "--out", scratch]));
      samples.lint.push(timed(root, "npm", ["run", "-s", "lint:spec"]));
      samples.prism.push(await prismFirstAnswer());
      log(
        `  run ${run + 1}: generate ${Math.round(samples.generate.at(-1))} ms, lint ${Math.round(samples.lint.at(-1))} ms, prism ${Math.round(samples.prism.at(-1))} ms`,
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { generate: summary(samples.generate), lint: summary(samples.lint), prism: summary(samples.prism) };
}
