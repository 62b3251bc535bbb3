// Finds and starts the system's Chromium (Debian's package; a browser is never downloaded)
// with everything that could phone home switched off, and blocks the network per context.
import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, chromium } from "playwright-core";

/** Where Debian's chromium package installs the browser; CHROMIUM_PATH overrides it. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The variable that skips the docs' browser tests on a machine without Chromium. */
export const skipVariable = "SKIP_BROWSER_TESTS";

/** What is missing and how to install it, in one line. */
export const installHint = `Chromium not found at ${chromiumPath}: install it with \`apt-get update && apt-get install -y chromium\` (or set ${skipVariable}=1 to skip the docs' browser tests).`;

/** True when Chromium is installed. */
export const hasChromium = (): boolean => existsSync(chromiumPath);

/** Declares a suite that needs Chromium. Without it the file fails, in one test whose message
 *  is the install hint, unless SKIP_BROWSER_TESTS=1 says to skip it: then the suite is
 *  skipped, and the run's closing lines (test/helpers/skip-reporter.cjs) say so. */
export function browserSuite(name: string, body: () => void): void {
  if (hasChromium()) describe(name, body);
  else if (process.env[skipVariable] === "1") describe.skip(name, body);
  else
    describe(name, () => {
      it("finds Chromium", () => {
        throw new Error(installHint);
      });
    });
}

/** Launches headless Chromium (Playwright gives it a fresh temporary profile). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

const local = /^(file|data|blob):/;

/** Aborts every request of the context that is not file:, data:, blob: or to one of `allowed`
 *  (loopback origins the test itself serves), and records its URL. */
export async function blockNetwork(context: BrowserContext, allowed: string[] = []): Promise<string[]> {
  const blocked: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (local.test(url) || allowed.includes(new URL(url).origin)) return route.continue();
    blocked.push(url);
    return route.abort("blockedbyclient");
  });
  return blocked;
}
