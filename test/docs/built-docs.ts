// The docs site in build/docs/, as `npm run docs` (scripts/docs.mjs) builds it. `npm test`
// builds it before Jest starts; a suite run on its own asks the script for it with
// --if-stale, which builds only when a page is missing or older than its sources, one build
// at a time. Every docs suite reads this one build.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { root } from "../helpers/spec";

/** The site's folder: the Redoc page (index.html) and the client reference (client/). */
export const docsDir = join(root, "build", "docs");

/** Brings build/docs up to date, if it is not, and returns what the docs script printed. */
export function builtDocs(): string {
  return execFileSync(process.execPath, [join(root, "scripts", "docs.mjs"), "--if-stale"], {
    cwd: root,
    encoding: "utf8",
  });
}
