// The TypeScript client's reference (TypeDoc, built by `npm run docs` into build/docs/client/
// beside the Redoc page), served on loopback as `npm start` serves it (TypeDoc's icon sprite cannot load
// from file://) and opened in headless Chromium with every other request blocked: it loads
// nothing from another host, logs no error, documents createDeskClient, every option and
// every error class the package exports, and links to the HTTP API reference and back.
// Screenshots at desktop and phone widths land in artifacts/.
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, sep } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import ts from "typescript";
import * as api from "../../src/index";
import { root } from "../helpers/spec";
import { builtDocs, docsDir as docs } from "./built-docs";
import { blockNetwork, browserSuite, launchChromium } from "./chromium";
import { seriousViolations } from "./axe";
import { docFiles } from "./markdown";
import { VERSION } from "../../src/index.js";

const artifacts = join(root, "artifacts");

/** Viewports the screenshots are taken at. */
const viewports = { desktop: { width: 1400, height: 900 }, phone: { width: 390, height: 844 } };

const contentTypes: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
};

/** Serves the files under `dir` on a free loopback port (the test's own, small copy of what
 *  `npm start` does); resolves to the server and its origin. */
async function serve(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const file = join(dir, decodeURIComponent(new URL(req.url!, "http://x").pathname));
    if (!file.startsWith(dir + sep) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": contentTypes[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** The error classes the package exports, read from the package itself. */
const errorClasses = Object.entries(api)
  .filter(([, value]) => typeof value === "function" && value.prototype instanceof Error)
  .map(([name]) => name)
  .sort();

/** The option names of `DeskClientOptions`, read by the TypeScript compiler from src/index.ts. */
function optionNames(): string[] {
  const entry = join(root, "src", "index.ts");
  const program = ts.createProgram([entry], { strict: true, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  const symbol = checker.getExportsOfModule(module).find((s) => s.name === "DeskClientOptions")!;
  const type = checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(symbol));
  return type.getProperties().map((p) => p.name);
}

browserSuite("the TypeScript client reference in Chromium, offline", () => {
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let blocked: string[];
  let server: Server | undefined;
  let origin: string;
  const errors: string[] = [];
  const clientIndex = () => `${origin}/client/index.html`;

  beforeAll(async () => {
    builtDocs();
    ({ server, origin } = await serve(docs));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: viewports.desktop });
    blocked = await blockNetwork(context, [origin]);
    page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto(clientIndex(), { waitUntil: "load" });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  it("is built by the docs script beside the Redoc page", () => {
    expect(existsSync(join(docs, "index.html"))).toBe(true);
    expect(existsSync(join(docs, "client", "index.html"))).toBe(true);
  });

  it("titles itself with the package's name and version", async () => {
    await expect(page.title()).resolves.toContain(`sendbird-desk-platform - v${VERSION}`);
  });

  it("documents createDeskClient, reached by its link", async () => {
    await page.getByRole("link", { name: "createDeskClient", exact: true }).first().click();
    await page.waitForURL(/functions\/createDeskClient\.html$/);
    const text = await page.locator("main, .col-content").first().innerText();
    expect(text).toContain("createDeskClient(");
    expect(text).toContain("DeskClientOptions");
    await page.goto(clientIndex(), { waitUntil: "load" });
  });

  it("documents every option of DeskClientOptions", async () => {
    const options = optionNames();
    expect(options).toEqual(expect.arrayContaining(["apiToken", "baseUrl", "timeoutMs", "maxRetries"]));
    await page.getByRole("link", { name: "DeskClientOptions", exact: true }).first().click();
    await page.waitForURL(/DeskClientOptions\.html$/);
    const text = await page.locator(".col-content").first().innerText();
    for (const option of options) expect(text).toMatch(new RegExp(`^${option}\\??\\s*:`, "m"));
    await page.goto(clientIndex(), { waitUntil: "load" });
  }, 60_000);

  it.each(errorClasses)("documents the error class %s, linked from the navigation", async (name) => {
    const link = page.locator("nav a", { hasText: new RegExp(`^\\s*${name}\\s*$`) }).first();
    await link.waitFor({ timeout: 10_000 });
    const target = new URL((await link.getAttribute("href"))!, page.url());
    const view = await context.newPage();
    try {
      await view.goto(target.href, { waitUntil: "load" });
      await expect(view.getByRole("heading", { level: 1 }).first().innerText()).resolves.toMatch(
        new RegExp(`Class ${name}\\b`),
      );
    } finally {
      await view.close();
    }
  });

  it.each(docFiles().filter((file) => file !== "README.md"))(
    "renders the guide %s as a page, linked from the front page",
    async (file) => {
      const title = /^# (.+)$/m.exec(readFileSync(join(root, file), "utf8"))![1]!;
      await page.goto(clientIndex(), { waitUntil: "load" });
      await page.locator(".col-content").getByRole("link", { name: title, exact: true }).click();
      await page.waitForURL(/\/documents\/[a-z-]+\.html$/);
      await expect(page.title()).resolves.toContain(title);
      await expect(page.getByRole("heading", { level: 1 }).first().innerText()).resolves.toBe(title);
      await page.goto(clientIndex(), { waitUntil: "load" });
    },
  );

  it("leaves the generated interfaces out of the sidebar, and keeps their pages", async () => {
    // The sidebar is drawn by TypeDoc's script from assets/navigation.js; folded groups stay in the DOM.
    const links = page.locator("#tsd-nav-container a");
    await links
      .filter({ hasText: /^\s*DeskClientOptions\s*$/ })
      .first()
      .waitFor({ state: "attached" });
    const names = (await links.allTextContents()).map((name) => name.trim());
    expect(names).toEqual(expect.arrayContaining(["Group", "GroupList", "DeskClientOptions"]));
    for (const generated of ["components", "operations", "paths"]) {
      expect(names).not.toContain(generated);
      expect(existsSync(join(docs, "client", "interfaces", `${generated}.html`))).toBe(true);
    }
  }, 30_000);

  it("has the site's icon", async () => {
    const href = await page.locator('link[rel="icon"]').getAttribute("href");
    const icon = await page.request.get(new URL(href!, page.url()).href);
    expect(icon.status()).toBe(200);
    expect(await icon.text()).toContain("<svg");
  });

  it.each([
    "index.html",
    "modules.html",
    "functions/createDeskClient.html",
    "interfaces/DeskClientOptions.html",
    "classes/DeskApiError.html",
    "types/FetchOptions.html",
    "documents/testing.html",
  ])(
    "has no serious or critical axe-core violation on %s",
    async (path) => {
      const view = await context.newPage();
      try {
        await view.goto(`${origin}/client/${path}`, { waitUntil: "load" });
        expect(await seriousViolations(view)).toEqual([]);
      } finally {
        await view.close();
      }
    },
    60_000,
  );

  it("has no serious or critical axe-core violation at a phone's width, where links sit closest", async () => {
    const view = await context.newPage();
    try {
      await view.setViewportSize(viewports.phone);
      await view.goto(clientIndex(), { waitUntil: "load" });
      expect(await seriousViolations(view)).toEqual([]);
    } finally {
      await view.close();
    }
  }, 60_000);

  it("links to the HTTP API reference, which links back", async () => {
    await page.getByRole("link", { name: "HTTP API reference" }).first().click();
    await page.waitForURL(`${origin}/index.html`);
    const back = page.getByRole("link", { name: "TypeScript client reference" }).first();
    await back.waitFor({ timeout: 30_000 });
    await back.click();
    await page.waitForURL(clientIndex());
  });

  it("is photographed at desktop and phone widths", async () => {
    mkdirSync(artifacts, { recursive: true });
    for (const [name, viewport] of Object.entries(viewports)) {
      await page.setViewportSize(viewport);
      await page.goto(clientIndex(), { waitUntil: "load" });
      await page.screenshot({ path: join(artifacts, `client-${name}.png`) });
      expect(existsSync(join(artifacts, `client-${name}.png`))).toBe(true);
    }
    await page.setViewportSize(viewports.desktop);
  });

  it("requests nothing from the network and logs no error", () => {
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("exports the error classes this test walks", () => {
    expect(errorClasses).toEqual(
      expect.arrayContaining(["DeskError", "DeskApiError", "DeskValidationError"]),
    );
  });
});
