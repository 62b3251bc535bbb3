// Import cost: each specifier imported in fresh node processes, runs interleaved. Reports the
// in-process import time and the whole process's wall time (start-up included).
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { rotate, summary } from "./stats.mjs";

const probe = fileURLToPath(new URL("./import-probe.mjs", import.meta.url));

/** Median/min/max import and process times per specifier over `runs` fresh processes. */
export function benchImports(specifiers, runs) {
  const samples = Object.fromEntries(specifiers.map((s) => [s, { importMs: [], processMs: [] }]));
  for (let run = 0; run < runs; run++) {
    for (const specifier of rotate(specifiers, run)) {
      const start = performance.now();
      const child = spawnSync(process.execPath, [probe, specifier], { encoding: "utf8" });
      const processMs = performance.now() - start;
      if (child.status !== 0) throw new Error(`import ${specifier} failed: ${child.stderr}`);
      samples[specifier].importMs.push(Number(child.stdout.trim()));
      samples[specifier].processMs.push(processMs);
    }
  }
  return Object.fromEntries(
    specifiers.map((s) => [
      s,
      { importMs: summary(samples[s].importMs), processMs: summary(samples[s].processMs) },
    ]),
  );
}
