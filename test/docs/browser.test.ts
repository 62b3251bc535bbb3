// The docs page, built by `npm run docs` and opened from disk in a real headless Chromium
// with every request that is not file:, data: or blob: blocked and counted: it needs no
// network, logs no error, and shows the introduction, the token scheme and the four
// operations with their TypeScript and curl samples, the request payloads, and a link to the
// TypeScript client reference. Screenshots (whole page, and phone width) land in artifacts/.
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { bundled, deref, operations, root } from "../helpers/spec";
import { builtDocs, docsDir } from "./built-docs";
import { blockNetwork, browserSuite, launchChromium } from "./chromium";
import { seriousViolations } from "./axe";
import { operationSamples } from "./samples";
import { screenshotWholePage, selectLanguage, settled, type Tour, tour } from "./tour";

const html = join(docsDir, "index.html");
const artifacts = join(root, "artifacts");
const screenshot = join(artifacts, "docs.png");
/** A phone's viewport, for the screenshots of the page as a phone shows it. */
const phone = { width: 390, height: 844 };
const ops = operations();
const samples = operationSamples();
const languages = [...new Set(samples.flatMap((s) => s.all.map((sample) => sample.label)))];
/** Redoc's own menu entry for the request body example (scripts/docs.mjs adds it). */
const payloadLabel = "Payload";

browserSuite("the docs page in Chromium, offline", () => {
  let browser: Browser | undefined;
  let page: Page;
  let built: string;
  let visit: Tour;
  let blocked: string[];
  const errors: string[] = [];

  beforeAll(async () => {
    built = builtDocs();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    blocked = await blockNetwork(context);
    page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto(pathToFileURL(html).href, { waitUntil: "load" });
    mkdirSync(artifacts, { recursive: true });
    visit = await tour(page, Object.fromEntries(ops.map((o) => [o.id, o.op.summary])), languages);
    await screenshotWholePage(page, screenshot);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("is built by the docs script into build/docs/index.html, Redoc inlined", () => {
    // Built now, or by this run's `npm test` before Jest (then the script finds it up to date).
    expect(built).toMatch(
      /^docs: build\/docs\/index\.html (\(\d+ KiB, self-contained\)|and .* are up to date)$/m,
    );
    const page = readFileSync(html, "utf8");
    expect(page).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(statSync(html).size).toBeGreaterThan(1_000_000); // Redoc's script is in the file
  });

  it("has no serious or critical axe-core violation, with the theme colours the docs script sets", async () => {
    await page.goto(pathToFileURL(html).href, { waitUntil: "load" });
    await page.getByRole("heading", { level: 1 }).first().waitFor({ timeout: 30_000 });
    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it("has the site's icon inline, so the file stays self-contained", async () => {
    const icon = await page.locator('link[rel="icon"]').getAttribute("href");
    expect(icon).toMatch(/^data:image\/svg\+xml,/);
    expect(decodeURIComponent(icon!.slice(icon!.indexOf(",") + 1))).toContain("<svg");
  });

  it("requests nothing from the network", () => {
    expect(blocked).toEqual([]);
  });

  it("would have caught a request: the blocker stops and counts one to another host", async () => {
    const context = await browser!.newContext();
    try {
      const caught = await blockNetwork(context);
      const probe = await context.newPage();
      await probe.setContent(`<img src="https://cdn.example.invalid/logo.svg">`, { waitUntil: "load" });
      expect(caught).toEqual(["https://cdn.example.invalid/logo.svg"]);
    } finally {
      await context.close();
    }
  });

  it("logs no console error", () => {
    expect(errors).toEqual([]);
  });

  it("opens with the introduction from info.description", () => {
    expect(visit.intro).toContain(bundled.info.title);
    const headings = [...(bundled.info.description as string).matchAll(/^## (.+)$/gm)].map((m) => m[1]!);
    expect(headings).toEqual(
      expect.arrayContaining([
        "Server-side only",
        "Base URL",
        "Headers",
        "Multipart requests",
        "URL encoding",
      ]),
    );
    for (const heading of headings) expect(visit.intro).toContain(heading);
    expect(visit.intro).toContain("Content-Type: application/json; charset=utf8");
    expect(visit.intro).toContain("https://desk-api-{application_id}.sendbird.com/platform/v1");
  });

  it("shows the SENDBIRDDESKAPITOKEN header scheme", () => {
    const [scheme] = Object.values<{ name: string; description: string }>(bundled.components.securitySchemes);
    expect(scheme!.name).toBe("SENDBIRDDESKAPITOKEN");
    expect(visit.security).toMatch(new RegExp(`Header parameter name:\\s*${scheme!.name}`));
    expect(visit.security).toContain(scheme!.description.slice(0, 40));
  });

  it("says which version is which: the API's in the title, the package's in the client reference", () => {
    expect(visit.intro).toContain(`(${bundled.info.version})`);
    expect(visit.intro).toMatch(/Versions[\s\S]*version of the HTTP API[\s\S]*TypeScript client reference/);
  });

  it("links to the TypeScript client reference beside it, and to no page that does not exist", async () => {
    const links = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
    const client = links.filter((href) => href.startsWith("client/"));
    expect(client).toEqual(["client/index.html"]);
    // Redoc's own links ("/section/...") are routes inside the page; a relative one is a file.
    const local = links.filter((href) => !/^([a-z]+:|#|\/)/i.test(href));
    expect(local).toContain("client/index.html");
    for (const href of local) expect(existsSync(join(dirname(html), href))).toBe(true);
    expect(links.filter((href) => href.includes("npmjs.com"))).toEqual([]);
  });

  it("shows server and variable descriptions without Markdown, which Redoc prints as plain text", () => {
    type Described = { description?: string };
    const plain = bundled.servers.flatMap((server: Described & { variables?: Record<string, Described> }) => [
      server.description ?? "",
      ...Object.values(server.variables ?? {}).map((v) => v.description ?? ""),
    ]);
    expect(plain.filter((text: string) => /[`*_[\]]/.test(text))).toEqual([]);
    expect(visit.intro).toContain(bundled.servers[1].description);
  });

  it.each(ops.filter((o) => o.op.requestBody).map((o) => [o.op.summary as string, o] as const))(
    "shows the request payload of %s",
    async (_summary, o) => {
      const media = deref(o.op.requestBody).content["application/json"];
      const example = deref(Object.values<object>(media.examples)[0]).value;
      await page.goto(`${pathToFileURL(html).href}#/groups/${o.id.toLowerCase()}`);
      const section = page.locator(`[id="groups/${o.id.toLowerCase()}"]`);
      await section.getByRole("heading", { level: 2 }).first().waitFor({ timeout: 10_000 });
      await selectLanguage(page, section, payloadLabel, [...languages, payloadLabel]);
      const text = await settled(page, section.locator(".panel-request-samples"));
      for (const [key, value] of Object.entries(example))
        expect(text).toContain(`"${key}": ${JSON.stringify(value)}`);
      await selectLanguage(page, section, languages[0]!, [...languages, payloadLabel]);
    },
  );

  it("keeps each code sample inside its panel, wrapped, with the copy button off the text", async () => {
    const o = ops.find((op) => op.op.requestBody)!;
    await page.goto(`${pathToFileURL(html).href}#/groups/${o.id.toLowerCase()}`);
    const panel = page.locator(`[id="groups/${o.id.toLowerCase()}"] .panel-request-samples`);
    await panel.locator("pre").first().waitFor({ timeout: 10_000 });
    const layout = await panel.evaluate((element) => {
      const pre = element.querySelector("pre")!;
      const copy = element.querySelector("button[aria-label=Copy]")!.getBoundingClientRect();
      const first = pre.getBoundingClientRect();
      return { overflow: pre.scrollWidth - pre.clientWidth, copyBottom: copy.bottom, codeTop: first.top };
    });
    expect(layout.overflow).toBeLessThanOrEqual(0);
    expect(layout.copyBottom).toBeLessThanOrEqual(layout.codeTop);
  });

  it("is photographed at phone width: the introduction and a code sample", async () => {
    await page.setViewportSize(phone);
    try {
      await page.goto(pathToFileURL(html).href, { waitUntil: "load" });
      await page.getByRole("heading", { level: 1 }).first().waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(artifacts, "docs-phone.png") });
      const o = ops.find((op) => op.op.requestBody)!;
      await page.goto(`${pathToFileURL(html).href}#/groups/${o.id.toLowerCase()}`);
      const sample = page.locator(`[id="groups/${o.id.toLowerCase()}"] .panel-request-samples`);
      await sample.scrollIntoViewIfNeeded();
      await settled(page, sample);
      await page.screenshot({ path: join(artifacts, "docs-phone-sample.png") });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await page.setViewportSize({ width: 1400, height: 900 });
    }
  });

  describe.each(ops.map((o) => [o.op.summary as string, o] as const))("the operation %s", (summary, o) => {
    const sample = samples.find((s) => s.operationId === o.id)!;
    const view = () => visit.operations[o.id]!;

    it("has its own address and heading", () => {
      expect(view().url.endsWith(`#/groups/${o.id.toLowerCase()}`)).toBe(true);
      expect(view().heading).toBe(summary);
      expect(view().textByLanguage[languages[0]!]).toContain(summary);
      expect(view().textByLanguage[languages[0]!]).toContain(o.path);
    });

    it("shows its parameters, body fields and response codes", () => {
      const text = view().textByLanguage[languages[0]!]!;
      const parameters = [...(o.item.parameters ?? []), ...(o.op.parameters ?? [])].map(deref);
      expect(parameters.length).toBeGreaterThan(0);
      for (const parameter of parameters) expect(text).toContain(parameter.name);
      const body = o.op.requestBody && deref(deref(o.op.requestBody).content["application/json"].schema);
      for (const field of Object.keys(body?.properties ?? {})) expect(text).toContain(field);
      for (const status of Object.keys(o.op.responses)) expect(text).toContain(status);
    });

    it.each(sample.all.map((s) => [s.label, s] as const))("shows its %s sample", (label, s) => {
      const text = view().textByLanguage[label]!;
      const distinctive = s.source.split("\n").find((line) => /desk\.groups\.|^curl /.test(line))!;
      expect(distinctive).toBeDefined();
      expect(text).toContain(distinctive.trim());
    });
  });
});
