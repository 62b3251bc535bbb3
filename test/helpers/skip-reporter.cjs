// A Jest reporter that ends the run by naming every test that did not run: Jest shows a skipped
// suite only as a count, and hides the console output of a file whose tests were all skipped,
// so without this a run could skip tests silently. With SKIP_BROWSER_TESTS=1 it says that the
// docs' browser tests were skipped on purpose.
const { relative } = require("node:path");

/** Prints, as the run's last lines, how many tests were skipped and in which files, and why when it knows. */
class SkipReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const files = results.testResults
      .filter((file) => file.numPendingTests + file.numTodoTests > 0)
      .map(
        (file) =>
          `${relative(this.rootDir, file.testFilePath)} (${file.numPendingTests + file.numTodoTests})`,
      );
    if (files.length === 0) return;
    const count = results.numPendingTests + results.numTodoTests;
    const why =
      process.env.SKIP_BROWSER_TESTS === "1"
        ? "SKIP_BROWSER_TESTS=1 skipped the docs' browser tests; unset it, with Chromium installed, to run them."
        : "";
    const line = "!".repeat(78);
    const text = `\n${line}\nSKIPPED: ${count} tests did not run: ${files.join(", ")}.\n${why ? `${why}\n` : ""}${line}\n`;
    // Jest prints its summary after every reporter: the notice waits for the process's end.
    process.once("exit", () => process.stdout.write(text));
  }
}

module.exports = SkipReporter;
