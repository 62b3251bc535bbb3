// axe-core (pinned in devDependencies) run inside a page the docs tests opened: the script is
// read from node_modules and added to the page, so nothing is fetched.
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";

const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** One violation of the page, in a line a reader can act on. */
export type Finding = string;

/** The serious and critical axe-core violations of the page as it stands, touch targets
 *  included, one line per element: rule, impact, the element and axe's explanation. */
export async function seriousViolations(page: Page): Promise<Finding[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    type Run = (context: Document, options: object) => Promise<AxeResults>;
    const axe = (window as unknown as { axe: { run: Run } }).axe;
    // target-size (WCAG 2.2's 24 px touch targets) is off in axe by default; Lighthouse runs it.
    return (await axe.run(document, { rules: { "target-size": { enabled: true } } })).violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.impact}) at ${n.target.join(" ")}: ${n.failureSummary}`),
    );
}

interface AxeResults {
  violations: { id: string; impact: string | null; nodes: { target: string[]; failureSummary: string }[] }[];
}
