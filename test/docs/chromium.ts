// Finds and starts the system's Chromium (Debian's package; a browser is never downloaded)
// with everything that could phone home switched off, and blocks the network per context.
import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, chromium } from "playwright-core";

/** Where Debian's chromium package installs the browser; CHROMIUM_PATH overrides it. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** What is missing and how to install it. */
export const installHint = `Chromium not found at ${chromiumPath}. Install it with \`apt-get update && apt-get install -y chromium\`.`;

/** True when Chromium is installed. */
export const hasChromium = (): boolean => existsSync(chromiumPath);

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
