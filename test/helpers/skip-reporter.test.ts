// The reporter that ends a run by naming the tests that did not run, driven as Jest drives it
// (onRunComplete, then the process ends) in a child process, whose output is what a reader sees.
import { execFileSync } from "node:child_process";
import { join } from "node:path";

/** What the reporter prints at the end of a process whose run had these results. */
function closingLines(files: { path: string; pending: number }[], env: NodeJS.ProcessEnv = {}): string {
  const script = `
    const Reporter = require(${JSON.stringify(join(__dirname, "skip-reporter.cjs"))});
    const files = ${JSON.stringify(files)};
    const results = {
      numPendingTests: files.reduce((sum, f) => sum + f.pending, 0),
      numTodoTests: 0,
      testResults: files.map((f) => ({ testFilePath: "/repo/" + f.path, numPendingTests: f.pending, numTodoTests: 0 })),
    };
    new Reporter({ rootDir: "/repo" }).onRunComplete(new Set(), results);
    console.log("the summary");`;
  const { SKIP_BROWSER_TESTS: _, ...rest } = process.env;
  return execFileSync(process.execPath, ["-e", script], { encoding: "utf8", env: { ...rest, ...env } });
}

it("names each file with skipped tests, after everything else the run printed", () => {
  const out = closingLines([
    { path: "test/docs/browser.test.ts", pending: 29 },
    { path: "test/unit/errors.test.ts", pending: 0 },
  ]);
  expect(out.indexOf("the summary")).toBeLessThan(out.indexOf("SKIPPED"));
  expect(out).toContain("SKIPPED: 29 tests did not run: test/docs/browser.test.ts (29).");
  expect(out).not.toContain("errors.test.ts");
  expect(out).not.toContain("SKIP_BROWSER_TESTS");
});

it("says why when the run was told to skip the browser tests", () => {
  const out = closingLines([{ path: "test/docs/browser.test.ts", pending: 3 }], { SKIP_BROWSER_TESTS: "1" });
  expect(out).toMatch(/SKIP_BROWSER_TESTS=1 skipped the docs' browser tests/);
});

it("prints nothing when every test ran", () => {
  expect(closingLines([{ path: "test/unit/errors.test.ts", pending: 0 }])).toBe("the summary\n");
});
