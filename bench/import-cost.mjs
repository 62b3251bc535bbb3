// Import cost: each module imported in fresh node processes, the modules taken in turn, the
// order rotated from run to run. Reports the time of the `import()` inside the process and the
// whole process's wall time (node's start-up included).
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { rotate, summary } from "./stats.cjs";

const probe = fileURLToPath(new URL("./import-probe.mjs", import.meta.url));

/** For each label of `modules` (label -> resolved URL): import and process ms over `runs` processes. */
export function benchImports(modules, runs) {
  const labels = Object.keys(modules);
  const samples = Object.fromEntries(labels.map((label) => [label, { importMs: [], processMs: [] }]));
  for (let run = 0; run < runs; run++) {
    for (const label of rotate(labels, run)) {
      const start = performance.now();
      const child = spawnSync(process.execPath, [probe, modules[label]], { encoding: "utf8" });
      const processMs = performance.now() - start;
      if (child.status !== 0) throw new Error(`import ${label} failed: ${child.stderr}`);
      samples[label].importMs.push(Number(child.stdout.trim()));
      samples[label].processMs.push(processMs);
    }
  }
  return Object.fromEntries(
    labels.map((label) => [
      label,
      { importMs: summary(samples[label].importMs), processMs: summary(samples[label].processMs) },
    ]),
  );
}
