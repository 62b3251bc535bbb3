#!/usr/bin/env node
// The rate-limit benchmark (`npm run bench:rate-limit` builds the package first): bulk work
// under a server's rate limit. N calls start at once against a token-bucket server that answers
// 429 with Retry-After beyond its rate; each contender runs in rounds, interleaved, with a fresh
// client per run. See RATE_LIMIT_USAGE for the options.
import { fork } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import createClient from "openapi-fetch";
import { root } from "../scripts/lib/root.mjs";
import { loadBuilds } from "./builds.mjs";
import {
  LATENCY_MS,
  RATE_LIMIT_USAGE,
  rateLimitOptions,
  SCENARIOS,
  scenarioTable,
  summarize,
  withSection,
} from "./rate-limit-report.cjs";
import { deskOptions, RETRIES, TOKEN } from "./settings.mjs";
import { headersFor } from "./spec.mjs";

const args = process.argv.slice(2);
let options;
try {
  options = rateLimitOptions(parseArgs, args);
} catch (error) {
  console.error(`${error.message}\n\n${RATE_LIMIT_USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(RATE_LIMIT_USAGE);
  process.exit(0);
}
const log = (line) => console.error(line);

/** Forks the token-bucket server; resolves { url, reset(scenario), stats(), stop() }. */
function startServer() {
  const child = fork(fileURLToPath(new URL("./limited-server.mjs", import.meta.url)), [], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = () => new Promise((resolve) => child.once("message", resolve));
  return next().then(({ url }) => ({
    url,
    reset: ({ rate, burst }) => (child.send({ reset: { rate, burst, latencyMs: LATENCY_MS } }), next()),
    stats: () => (child.send({ stats: true }), next()),
    stop: () => new Promise((done) => (child.once("exit", done), child.kill("SIGTERM"))),
  }));
}

/** A naive retry loop over bare openapi-fetch: up to RETRIES retries of a 429, each after the
 *  Retry-After it names (else 1 s), every call on its own. */
function naiveContender(url) {
  return () => {
    const bare = createClient({ baseUrl: url, headers: headersFor(TOKEN) });
    return async (id) => {
      for (let attempt = 0; ; attempt++) {
        const { data, response } = await bare.GET("/groups/{group_id}", {
          params: { path: { group_id: id } },
        });
        if (response.status !== 429 || attempt === RETRIES) {
          if (data?.id !== id) throw new Error(`HTTP ${response.status}`);
          return;
        }
        const seconds = Number(response.headers.get("retry-after") ?? 1);
        await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      }
    };
  };
}

/** name -> () => a fresh call function (id) => Promise, so each run starts with a new client. */
function contenders(url, builds) {
  const desks = Object.values(builds).map(({ label, createDeskClient }) => [
    label,
    () => {
      const desk = createDeskClient(deskOptions(url));
      return async (id) => {
        const group = await desk.groups.get(id);
        if (group.id !== id) throw new Error(`expected group ${id}`);
      };
    },
  ]);
  return Object.fromEntries([...desks, ["openapi-fetch + naive retry", naiveContender(url)]]);
}

/** One run: `calls` calls started at once on a fresh client; its wall time and the server's counts. */
async function runOnce(server, scenario, makeCall) {
  await server.reset(scenario);
  const call = makeCall();
  const started = performance.now();
  const outcomes = await Promise.allSettled(Array.from({ length: scenario.calls }, (_, i) => call(i + 1)));
  const wallMs = performance.now() - started;
  const failed = outcomes.filter((o) => o.status === "rejected").length;
  return { wallMs, failed, ...(await server.stats()) };
}

async function main() {
  const started = performance.now();
  const scenarios = options.quick ? SCENARIOS.quick : SCENARIOS.full;
  const { builds, cleanup } = await loadBuilds({ root, baseline: options.baseline, log });
  const server = await startServer();
  const sections = [];
  try {
    const fns = contenders(server.url, builds);
    const names = Object.keys(fns);
    for (const scenario of scenarios) {
      const runs = Object.fromEntries(names.map((name) => [name, []]));
      for (let round = 0; round < options.rounds; round++) {
        // Rotate the order from round to round so no contender always runs first.
        const order = names.map((_, i) => names[(i + round) % names.length]);
        for (const name of order) {
          const run = await runOnce(server, scenario, fns[name]);
          log(
            `   R=${scenario.rate} round ${round + 1} ${name}: ${(run.wallMs / 1000).toFixed(2)} s,` +
              ` ${run.requests} requests, ${run.rejected} 429s, ${run.failed} failed, ${run.maxInFlight} in flight`,
          );
          runs[name].push(run);
        }
      }
      const figures = Object.fromEntries(names.map((name) => [name, summarize(runs[name], scenario)]));
      sections.push(scenarioTable(scenario, figures));
    }
  } finally {
    await server.stop();
    cleanup();
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const flags = args.join(" ");
  const contendersText = [
    `- \`desk\`: this checkout's \`dist/\`, default options (\`maxRetries\` ${RETRIES}, \`maxConcurrency\` default)`,
    "- `desk (A/A copy)`: the same build loaded a second time (the control: its spread is the noise)",
    options.baseline
      ? `- \`desk @ ${options.baseline}\`: the client of \`${options.baseline}\`, default options`
      : "",
    `- \`openapi-fetch + naive retry\`: bare openapi-fetch; a 429 is retried up to ${RETRIES} times after its Retry-After, each call on its own`,
  ].filter(Boolean);
  return [
    "## Bulk work under a rate limit",
    "",
    `Written by \`node bench/rate-limit.mjs${flags ? ` ${flags}` : ""}\` on Node ${process.version}` +
      ` (${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, ${seconds} s, load average ${loadavg()[0].toFixed(2)}).` +
      ` A loopback server with a token bucket answers every request after ${LATENCY_MS} ms: a group, or 429 with` +
      " `Retry-After: 1` when the bucket is empty. All N calls (`desk.groups.get`) start at once on a fresh client;" +
      ` ${options.rounds} round(s) per contender, interleaved. "Most in flight" is counted by the server.` +
      " A wall time below the ideal means calls gave up: it counts until the last call settled, failed or not.",
    "",
    ...contendersText,
    "",
    ...sections.flatMap((s) => [s, ""]),
  ].join("\n");
}

try {
  const report = await main();
  console.log(report);
  if (options.write) {
    const file = join(root, "BENCHMARKS.md");
    writeFileSync(file, withSection(readFileSync(file, "utf8"), report));
    log("wrote the rate-limit section of BENCHMARKS.md");
  }
} catch (error) {
  console.error(`bench: ${error.stack ?? error.message}`);
  process.exitCode = 1;
}
