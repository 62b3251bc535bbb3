// The rate-limit benchmark's command line and summary, apart from the runs so that a unit test
// can check them without starting a benchmark: the options it takes, the figures of each
// contender over its rounds, and the Markdown table they are written as (CommonJS so that the
// Jest tests can load it as it is; bench/rate-limit-report.d.cts gives the types).
"use strict";
const sections = require("./sections.cjs");
const { median } = require("./stats.cjs");

const RATE_LIMIT_USAGE = `Usage: node bench/rate-limit.mjs [--quick] [--baseline <git-ref>] [--rounds <n>] [--write]
       npm run bench:rate-limit -- [same options]      (builds dist/ first)

Starts N calls of desk.groups.get at once against a loopback server with a token bucket (rate
R per second, burst B) that answers 429 with Retry-After: 1 when the bucket is empty, for each
contender side by side (the client with default options, an A/A copy of it, the client of
<git-ref>, bare openapi-fetch with a naive retry loop), in interleaved rounds. Reports the wall
time against the ideal N/R, the requests answered 429, the calls that failed and the most
requests in flight. A full run (N = 1000, R = 100/s and 250/s, B = 10, 3 rounds) takes about
3 minutes.

  --quick             N = 200, R = 100/s only, 1 round: prints the report, writes nothing
  --baseline <ref>    also build the client of <ref> (commit, tag or branch) and measure it
  --rounds <n>        rounds per scenario (1 to 20; default 3)
  --write             write the report into BENCHMARKS.md (its rate-limit section)
  --help              print this text`;

/** Each answer leaves the server this long after its request arrived, like a server a few ms away. */
const LATENCY_MS = 5;

/** The scenarios of a full and a quick run. */
const SCENARIOS = {
  full: [
    { calls: 1000, rate: 100, burst: 10 },
    { calls: 1000, rate: 250, burst: 10 },
  ],
  quick: [{ calls: 200, rate: 100, burst: 10 }],
};

/** The command line's options, or a thrown Error whose message says what is wrong. */
function rateLimitOptions(parseArgs, args) {
  const { values } = parseArgs({
    args,
    options: {
      quick: { type: "boolean" },
      baseline: { type: "string" },
      rounds: { type: "string" },
      write: { type: "boolean" },
      help: { type: "boolean" },
    },
    strict: true,
  });
  const rounds = values.rounds === undefined ? (values.quick ? 1 : 3) : Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 20) {
    throw new Error(`--rounds: ${JSON.stringify(values.rounds)} must be an integer from 1 to 20`);
  }
  if (values.quick && values.write) throw new Error("--quick and --write do not go together");
  return { ...values, rounds };
}

/** One contender's figures over its runs of a scenario: medians, and the range of the wall
 *  time. Each run is {wallMs, requests, rejected, failed, maxInFlight}. */
function summarize(runs, { calls, rate }) {
  const idealMs = (calls / rate) * 1000;
  const walls = runs.map((r) => r.wallMs / idealMs);
  return {
    rounds: runs.length,
    ofIdeal: median(walls),
    ofIdealMin: Math.min(...walls),
    ofIdealMax: Math.max(...walls),
    requests: median(runs.map((r) => r.requests)),
    rejectedShare: median(runs.map((r) => r.rejected / r.requests)),
    rejected: median(runs.map((r) => r.rejected)),
    failed: median(runs.map((r) => r.failed)),
    maxInFlight: Math.max(...runs.map((r) => r.maxInFlight)),
  };
}

const pct = (x) => `${(x * 100).toFixed(1)} %`;

/** A scenario's table: one row per contender. */
function scenarioTable(scenario, figures) {
  const { calls, rate, burst } = scenario;
  const lines = [
    `### N = ${calls} calls at once, R = ${rate}/s, B = ${burst} (ideal N/R = ${(calls / rate).toFixed(1)} s)`,
    "",
    "| contender | wall / ideal (median, range) | requests | answered 429 | calls failed | most in flight |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const [name, f] of Object.entries(figures)) {
    const range = f.rounds > 1 ? ` (${f.ofIdealMin.toFixed(2)}-${f.ofIdealMax.toFixed(2)})` : "";
    lines.push(
      `| ${name} | ${f.ofIdeal.toFixed(2)}x${range} | ${f.requests} | ${f.rejected} (${pct(f.rejectedShare)}) |` +
        ` ${f.failed} (${pct(f.failed / calls)}) | ${f.maxInFlight} |`,
    );
  }
  return lines.join("\n");
}

/** The name of the rate-limit section of BENCHMARKS.md (see sections.cjs), and its markers. */
const SECTION = "rate-limit-benchmark";
const [SECTION_START, SECTION_END] = sections.markers(SECTION);

/** `document` with its rate-limit section replaced by `section` (appended when it has none). */
const withSection = (document, section) => sections.withSection(document, SECTION, section);

/** The rate-limit section of `document`, or "" when it has none. */
const sectionOf = (document) => sections.sectionOf(document, SECTION);

module.exports = {
  LATENCY_MS,
  RATE_LIMIT_USAGE,
  SCENARIOS,
  SECTION_END,
  SECTION_START,
  rateLimitOptions,
  scenarioTable,
  sectionOf,
  summarize,
  withSection,
};
