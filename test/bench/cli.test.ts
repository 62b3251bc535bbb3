// bench/run.mjs's command line: usage on --help, and a refusal (exit 2, the usage) for anything
// it does not know, before any benchmark starts. No benchmark runs here.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { root } from "../helpers/spec.js";

const run = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, "bench", "run.mjs"), ...args], { encoding: "utf8" });

it("--help prints the usage, with every option, and exits 0", () => {
  const { status, stdout } = run("--help");
  expect(status).toBe(0);
  expect(stdout).toMatch(/^Usage: node bench\/run\.mjs/);
  for (const option of ["--quick", "--baseline <ref>", "--help"]) expect(stdout).toContain(option);
});

it.each([
  [["--fast"], /Unknown option '--fast'/],
  [["quick"], /Unexpected argument 'quick'/],
  [["--baseline"], /--baseline <value>' argument missing/],
])("refuses %j with exit 2 and the usage", (args, message) => {
  const { status, stderr, stdout } = run(...args);
  expect(status).toBe(2);
  expect(stderr).toMatch(message);
  expect(stderr).toContain("Usage: node bench/run.mjs");
  expect(stdout).toBe("");
});
