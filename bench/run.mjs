#!/usr/bin/env node
// The benchmark suite (`npm run bench` builds first): per-request cost, auto-pagination, import
// cost, bundle size and toolchain timings, written to BENCHMARKS.md.
// Usage: node bench/run.mjs [--quick]   (--quick: a smoke run with small counts; prints, writes nothing)
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { sizes } from "../scripts/size.mjs";
import { benchAblation } from "./ablation.mjs";
import { startChildServer } from "./child-server.mjs";
import { benchImports } from "./import-cost.mjs";
import { benchPagination } from "./paginate.mjs";
import { profileRequests } from "./profile.mjs";
import { machine, render, targets, writeReport } from "./report.mjs";
import { benchRequests } from "./requests.mjs";
import { benchToolchain } from "./toolchain.mjs";

const self = fileURLToPath(import.meta.url);
if (typeof globalThis.gc !== "function") {
  // The heap figures need a forced GC before each walk: run again with --expose-gc.
  const again = spawnSync(process.execPath, ["--expose-gc", self, ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  process.exit(again.status ?? 1);
}

const root = resolve(dirname(self), "..");
const quick = process.argv.includes("--quick");
const log = (line) => console.log(line);
const { createDeskClient } = await import("sendbird-desk-platform");

const plan = quick
  ? {
      n: 500,
      rounds: 3,
      total: 10_000,
      pageRounds: 2,
      importRuns: 3,
      toolRuns: 1,
      profileN: 2000,
      ablationRounds: 2,
    }
  : {
      n: 2000,
      rounds: 10,
      total: 100_000,
      pageRounds: 5,
      importRuns: 10,
      toolRuns: 3,
      profileN: 10_000,
      ablationRounds: 5,
    };
const results = { machine: machine() };

const server = await startChildServer(plan.total);
try {
  log(`1. per-request cost (${plan.rounds} rounds x ${plan.n} requests per contender and mode)`);
  results.requests = {
    n: plan.n,
    rounds: plan.rounds,
    results: await benchRequests({
      url: server.url,
      createDeskClient,
      n: plan.n,
      rounds: plan.rounds,
      modes: [1, 32],
      log,
    }),
  };
  log(`2. auto-pagination (${plan.total} groups, pages of 500, ${plan.pageRounds} rounds)`);
  results.pagination = {
    total: plan.total,
    limit: 500,
    rounds: plan.pageRounds,
    results: await benchPagination({
      url: server.url,
      createDeskClient,
      total: plan.total,
      limit: 500,
      rounds: plan.pageRounds,
      log,
    }),
  };
  log(`   ablation of the transport's steps (${plan.ablationRounds} rounds x ${plan.n})`);
  results.ablation = {
    n: plan.n,
    rounds: plan.ablationRounds,
    results: await benchAblation({ url: server.url, n: plan.n, rounds: plan.ablationRounds, log }),
  };
  log(`   profiling ${plan.profileN} sequential requests per contender (--cpu-prof)`);
  results.profile = await profileRequests({ root, url: server.url, n: plan.profileN });
  results.profileN = plan.profileN;
} finally {
  await server.stop();
}

log(`3. import cost (${plan.importRuns} fresh processes each)`);
results.imports = {
  runs: plan.importRuns,
  results: benchImports(["sendbird-desk-platform", "openapi-fetch"], plan.importRuns),
};
log("4. bundle size");
results.size = await sizes();
log(`5. toolchain (${plan.toolRuns} runs each)`);
results.toolchain = {
  runs: plan.toolRuns,
  results: await benchToolchain({ root, runs: plan.toolRuns, log }),
};

results.targets = targets(results);
const analysis = join(root, "bench", "analysis.md");
if (existsSync(analysis)) results.analysis = readFileSync(analysis, "utf8");
if (quick) {
  console.log(`\n${render(results)}`);
} else {
  writeReport(join(root, "BENCHMARKS.md"), results);
  console.log(`\nwrote BENCHMARKS.md\n\n${render(results)}`);
}
