// Walks the Redoc page as a reader would: the introduction, then each operation from the
// sidebar, its code samples in every language, and the security scheme's details.
import type { Locator, Page } from "playwright-core";

export interface OperationView {
  /** The page's URL after clicking the operation in the sidebar. */
  url: string;
  /** The operation section's heading. */
  heading: string;
  /** The operation section's text with each code-sample language selected, by label. */
  textByLanguage: Record<string, string>;
}

export interface Tour {
  intro: string;
  operations: Record<string, OperationView>;
  /** The page's text with the security details dialog open. */
  security: string;
}

/** Waits until the text stops changing (Redoc renders sections after navigation) and
 *  returns it. innerText leaves out sections far from the viewport, hence per section. */
export async function settled(page: Page, where: Locator = page.locator("body")): Promise<string> {
  let last = "";
  for (let stable = 0, tries = 0; stable < 3 && tries < 50; tries++) {
    await page.waitForTimeout(200);
    const now = await where.innerText();
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
  return last;
}

/** Visits the intro, each operation (by summary) and every sample language (by label). */
export async function tour(
  page: Page,
  summaries: Record<string, string>,
  languages: string[],
): Promise<Tour> {
  await page.getByRole("heading", { level: 1 }).first().waitFor({ timeout: 30_000 });
  const intro = await settled(page);
  const sidebarGroup = page.getByText("Groups", { exact: true }).first();
  await sidebarGroup.click();

  const operations: Record<string, OperationView> = {};
  let section = page.locator("body");
  for (const [id, summary] of Object.entries(summaries)) {
    const before = page.url();
    await page.getByText(summary, { exact: true }).first().click();
    await page.waitForURL((url) => url.href !== before, { timeout: 10_000 });
    // The address names the section: #/groups/listgroups is the element id groups/listgroups.
    const url = page.url();
    section = page.locator(`[id="${decodeURIComponent(new URL(url).hash.slice(2))}"]`);
    const heading = section.getByRole("heading", { level: 2 }).first();
    await heading.waitFor({ timeout: 10_000 });
    const textByLanguage: Record<string, string> = {};
    for (const language of languages) {
      await selectLanguage(page, section, language, languages);
      textByLanguage[language] = await settled(page, section);
    }
    operations[id] = { url, heading: await heading.innerText(), textByLanguage };
  }
  await selectLanguage(page, section, languages[0]!, languages);

  await page.getByText("View security details").first().click();
  const details = page.getByText("Header parameter name").first();
  await details.waitFor({ timeout: 10_000 });
  const security = await settled(page);
  await page.keyboard.press("Escape");
  await details.waitFor({ state: "hidden", timeout: 10_000 });
  return { intro, operations, security };
}

/** Opens the section's sample language menu (its button shows the active label) and picks
 *  one; the choice applies to every operation on the page. */
export async function selectLanguage(
  page: Page,
  section: Locator,
  language: string,
  languages: string[],
): Promise<void> {
  for (const active of languages) {
    const button = section.getByRole("button", { name: active, exact: true });
    if ((await button.count()) === 0) continue;
    if (active === language) return;
    // The menu may still be open from the last choice: a click would close it again.
    if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
    // The open menu floats outside the section. Chosen with the keyboard: it can sit under
    // the page's pointer layer.
    await page.getByRole("menuitem", { name: language, exact: true }).press("Enter");
    const chosen = section.getByRole("button", { name: language, exact: true });
    await chosen.waitFor({ timeout: 10_000 });
    if ((await chosen.getAttribute("aria-expanded")) === "true") await page.keyboard.press("Escape");
    return;
  }
  throw new Error(`no code-sample language menu showing one of ${languages.join(", ")}`);
}

/** Saves a screenshot of the whole page. The viewport grows to the page's height first:
 *  Redoc leaves sections far from the viewport unpainted, which a plain full-page capture
 *  shows as blank bands. */
export async function screenshotWholePage(page: Page, path: string): Promise<void> {
  const viewport = page.viewportSize()!;
  await page.evaluate(() => window.scrollTo(0, 0));
  for (let round = 0; round < 5; round++) {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    if (height <= page.viewportSize()!.height) break;
    await page.setViewportSize({ width: viewport.width, height: Math.min(height, 32_000) });
    await settled(page);
  }
  await page.screenshot({ path, fullPage: true });
  await page.setViewportSize(viewport);
}
