#!/usr/bin/env node
// The benchmark (`npm run bench` builds the package first): the built client against the fetch
// clients a user would pick instead, per request and over a paginated walk, in finely paired
// rounds with an A/A control, then import cost and bundle size. A full run writes BENCHMARKS.md.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem, type } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { root } from "../scripts/lib/root.mjs";
import { maxPageLimit } from "../scripts/lib/spec-facts.mjs";
import { bundleSize, sizes } from "../scripts/size.mjs";
import { loadBuilds } from "./builds.mjs";
import { startChildServer } from "./child-server.mjs";
import { benchFormats } from "./answer-formats.mjs";
import { formatFigures, targets, timedFigures } from "./figures.mjs";
import { benchImports } from "./import-cost.mjs";
import { ensurePeers } from "./peers.mjs";
import { keepSections } from "./sections.cjs";
import { render } from "./report.mjs";
import { BARE, FETCH, RAW_LOOP } from "./settings.mjs";

const USAGE = `Usage: node bench/run.mjs [--quick] [--baseline <git-ref>]
       npm run bench -- [--quick] [--baseline <git-ref>]      (builds dist/ first)

Measures the built client (dist/) against the fetch clients a user would pick instead and a
second copy of itself (the A/A control that sets the noise band), per request (sequential and
32 in flight) and over a paginated walk; then import cost and bundle size. A full run takes
about 3 to 5 minutes on 2 cores and writes BENCHMARKS.md.

  --quick             a short smoke run with small counts: prints the report, writes nothing
  --baseline <ref>    also build the client of <ref> (commit, tag or branch) in a scratch folder
                      with this checkout's node_modules, and measure it side by side
  --help              print this text

The peers are installed in bench/node_modules from bench/package-lock.json (npm ci --prefix
bench) when they are missing.`;

/** How many rounds and calls each part runs: a full run, and the smoke run. */
const PLANS = {
  full: {
    requests: {
      sequential: { concurrency: 1, calls: 10, rounds: 1000, warmup: 1000 },
      "concurrency 32": { concurrency: 32, calls: 32, rounds: 400, warmup: 2048 },
    },
    pagination: { total: 100_000, limit: maxPageLimit, walks: 5 },
    importRuns: 10,
    formats: { limit: maxPageLimit, rounds: 400, parsesPerBlock: 10 },
  },
  quick: {
    requests: {
      sequential: { concurrency: 1, calls: 10, rounds: 30, warmup: 100 },
      "concurrency 32": { concurrency: 32, calls: 32, rounds: 10, warmup: 256 },
    },
    pagination: { total: 5_000, limit: maxPageLimit, walks: 1 },
    importRuns: 2,
    formats: { limit: maxPageLimit, rounds: 20, parsesPerBlock: 2 },
  },
};

const args = process.argv.slice(2);
let options;
try {
  ({ values: options } = parseArgs({
    args,
    options: { quick: { type: "boolean" }, baseline: { type: "string" }, help: { type: "boolean" } },
    strict: true,
  }));
} catch (error) {
  console.error(`${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
if (typeof globalThis.gc !== "function") {
  // The memory figures force a GC: run again with --expose-gc.
  const again = spawnSync(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), ...args], {
    stdio: "inherit",
  });
  process.exit(again.status ?? 1);
}

const log = (line) => console.error(line);
const plan = options.quick ? PLANS.quick : PLANS.full;
const benchDir = join(root, "bench");

/** How this run was started, as a reader would type it. */
function command() {
  const flags = args.join(" ");
  if (process.env.npm_lifecycle_event === "bench") return `npm run bench${flags ? ` -- ${flags}` : ""}`;
  return `node bench/run.mjs${flags ? ` ${flags}` : ""}`;
}

/** The commit of this checkout, and whether the files that make the build differ from it. */
function checkout() {
  const git = (...a) => spawnSync("git", a, { cwd: root, encoding: "utf8" }).stdout.trim();
  const commit = git("rev-parse", "--short=12", "HEAD");
  const dirty =
    git("status", "--porcelain", "--", "src", "generated", "package.json", "scripts/build.mjs") !== "";
  return { commit, dirty };
}

/** The machine the figures come from. */
function machine() {
  const cpu = cpus();
  return {
    cpus: cpu.length,
    model: cpu[0]?.model?.trim() ?? "unknown CPU",
    ramGB: totalmem() / 2 ** 30,
    os: `${type()} ${release()}`,
    node: process.version,
    loadStart: loadavg()[0],
  };
}

/** The modules whose import cost is measured: each build of the client and each peer package. */
function importedModules(builds, peers) {
  return {
    ...Object.fromEntries(
      Object.values(builds)
        .filter((b) => b !== builds.copy)
        .map((b) => [b.label, pathToFileURL(b.entry).href]),
    ),
    ...Object.fromEntries([BARE, ...peers].map((name) => [name, import.meta.resolve(name)])),
  };
}

/** Runs every part and returns the results the report is written from. */
async function measure() {
  const started = performance.now();
  const results = { machine: machine(), run: { command: command(), plan, ...checkout() } };
  ensurePeers(benchDir, log);
  // The parts that import the peers load once the peers are in place.
  const { benchMode, contenders } = await import("./requests.mjs");
  const { benchPagination } = await import("./pagination.mjs");
  const { builds, cleanup } = await loadBuilds({ root, baseline: options.baseline, log });
  try {
    results.builds = builds;
    const server = await startChildServer(plan.pagination.total);
    results.run.groupBytes = server.groupBytes;
    try {
      results.requests = {};
      const fns = contenders(server.url, builds);
      for (const [mode, modePlan] of Object.entries(plan.requests)) {
        log(`1. per request, ${mode}: ${modePlan.rounds} paired rounds of ${modePlan.calls} calls each`);
        const samples = await benchMode(fns, modePlan);
        results.requests[mode] = timedFigures(samples, builds, [FETCH, BARE]);
      }
      const p = plan.pagination;
      log(`2. pagination: ${p.walks} walk(s) over ${p.total} groups in pages of ${p.limit}, side by side`);
      const { times, walkMs, memory } = await benchPagination({ url: server.url, builds, ...p });
      results.pagination = {
        total: p.total,
        timed: timedFigures(times, builds, [RAW_LOOP]),
        walkMs,
        memory,
      };
    } finally {
      await server.stop();
    }
    log(`3. import cost: ${plan.importRuns} fresh processes per module`);
    const peers = Object.keys(JSON.parse(readFileSync(join(benchDir, "package.json"), "utf8")).dependencies);
    results.imports = benchImports(importedModules(builds, peers), plan.importRuns);
    log("4. bundle size");
    results.size = await sizes();
    if (builds.baseline) results.size.baseline = await bundleSize(builds.baseline.entry);
    const f = plan.formats;
    log(
      `5. format checks: ${f.rounds} paired rounds of ${f.parsesPerBlock} parses of a ${f.limit}-group page`,
    );
    results.formats = formatFigures(await benchFormats(f));
  } finally {
    cleanup();
  }

  results.machine.loadEnd = loadavg()[0];
  results.run.seconds = (performance.now() - started) / 1000;
  results.run.date = `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`;
  results.targets = targets(results);
  return results;
}

let report;
try {
  report = render(await measure());
} catch (error) {
  console.error(`bench: ${error.message}`);
  process.exit(1);
}
if (options.quick) {
  console.log(report);
  log("quick run: nothing written");
} else {
  // The sections other benchmarks write (bench/rate-limit.mjs, bench/mock.mjs) are kept.
  const file = join(root, "BENCHMARKS.md");
  writeFileSync(file, keepSections(report, readFileSync(file, "utf8")));
  console.log(report);
  log("wrote BENCHMARKS.md");
}
