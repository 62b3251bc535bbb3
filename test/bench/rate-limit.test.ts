// bench/rate-limit.mjs's command line and summary: usage on --help, refusals (exit 2, the
// usage) before any benchmark starts, the figures of a contender over its rounds, and the
// section of BENCHMARKS.md it owns. No benchmark runs here.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { parseArgs } from "node:util";
import * as report from "../../bench/rate-limit-report.cjs";
import { root } from "../helpers/spec.js";

const run = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, "bench", "rate-limit.mjs"), ...args], { encoding: "utf8" });

it("--help prints the usage, with every option, and exits 0", () => {
  const { status, stdout } = run("--help");
  expect(status).toBe(0);
  expect(stdout).toMatch(/^Usage: node bench\/rate-limit\.mjs/);
  for (const option of ["--quick", "--baseline <ref>", "--rounds <n>", "--write", "--help"]) {
    expect(stdout).toContain(option);
  }
});

it.each([
  [["--fast"], /Unknown option '--fast'/],
  [["--rounds", "0"], /--rounds: "0" must be an integer from 1 to 20/],
  [["--rounds", "two"], /--rounds: "two" must be an integer from 1 to 20/],
  [["--quick", "--write"], /--quick and --write do not go together/],
])("refuses %j with exit 2 and the usage", (args, message) => {
  const { status, stderr, stdout } = run(...args);
  expect(status).toBe(2);
  expect(stderr).toMatch(message);
  expect(stderr).toContain("Usage: node bench/rate-limit.mjs");
  expect(stdout).toBe("");
});

it("the options default to 3 rounds, 1 for --quick", () => {
  expect(report.rateLimitOptions(parseArgs, [])).toMatchObject({ rounds: 3 });
  expect(report.rateLimitOptions(parseArgs, ["--quick"])).toMatchObject({ rounds: 1, quick: true });
  expect(report.rateLimitOptions(parseArgs, ["--rounds", "5", "--baseline", "main"])).toMatchObject({
    rounds: 5,
    baseline: "main",
  });
});

it("summarizes a contender's rounds: medians against the ideal N/R, the range, the most in flight", () => {
  const runs = [
    { wallMs: 13_000, requests: 1020, rejected: 20, failed: 0, maxInFlight: 32 },
    { wallMs: 12_000, requests: 1030, rejected: 30, failed: 0, maxInFlight: 31 },
    { wallMs: 15_000, requests: 1010, rejected: 10, failed: 2, maxInFlight: 30 },
  ];
  const figures = report.summarize(runs, { calls: 1000, rate: 100 });
  expect(figures).toMatchObject({ rounds: 3, requests: 1020, rejected: 20, failed: 0, maxInFlight: 32 });
  expect(figures.ofIdeal).toBeCloseTo(1.3);
  expect(figures.ofIdealMin).toBeCloseTo(1.2);
  expect(figures.ofIdealMax).toBeCloseTo(1.5);
  expect(figures.rejectedShare).toBeCloseTo(20 / 1020);
  const table = report.scenarioTable({ calls: 1000, rate: 100, burst: 10 }, { desk: figures });
  expect(table).toContain("R = 100/s, B = 10 (ideal N/R = 10.0 s)");
  expect(table).toContain("| desk | 1.30x (1.20-1.50) | 1020 | 20 (2.0 %) | 0 (0.0 %) | 32 |");
});

it("writes its own section of BENCHMARKS.md, replacing the last one and keeping the rest", () => {
  const once = report.withSection("# Benchmarks\n\nper request\n", "## Rate limit\nfirst");
  expect(report.sectionOf(once)).toBe("## Rate limit\nfirst");
  const twice = report.withSection(once, "## Rate limit\nsecond");
  expect(report.sectionOf(twice)).toBe("## Rate limit\nsecond");
  expect(twice.startsWith("# Benchmarks\n\nper request\n")).toBe(true);
  expect(twice.split(report.SECTION_START)).toHaveLength(2);
  expect(report.sectionOf("# Benchmarks\n")).toBe("");
});
