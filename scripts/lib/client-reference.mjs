// The TypeScript client's reference: TypeDoc renders every export of src/index.ts (the
// package's public surface) as static HTML in a folder beside the Redoc page, offline. Each
// page links to the HTTP API reference and back, by relative address, so the pair works from
// disk (file://) as well as from `npm start`.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { Application, OptionDefaults, RendererEvent } from "typedoc";
import { root } from "./root.mjs";

/** The folder name of the client reference, inside the docs folder. */
export const clientFolder = "client";

/** Stands in for the address of the Redoc page until each page's relative link is known:
 *  TypeDoc writes navigation links verbatim, and one relative address cannot serve pages
 *  at different depths. */
const httpApiPlaceholder = "https://http-api-reference.invalid/";

/** The guides (docs/guides/*.md), rendered as pages of the reference, in the order the README
 *  first links to them; a guide the README does not link to is an error. */
const guidesDir = join(root, "docs", "guides");
const linked = [
  ...new Set(
    [...readFileSync(join(root, "README.md"), "utf8").matchAll(/\(docs\/guides\/([\w-]+\.md)[)#]/g)].map(
      (match) => match[1],
    ),
  ),
];
const unlinked = readdirSync(guidesDir).filter((file) => file.endsWith(".md") && !linked.includes(file));
if (unlinked.length > 0)
  throw new Error(`the README links to no page of these guides: ${unlinked.join(", ")}`);
export const guides = linked.map((file) => [
  file,
  /^# (.+)$/m.exec(readFileSync(join(guidesDir, file), "utf8"))[1],
]);

/** The reference's front page, written to `dir`: its links to the guides are relative to it. */
const readme = (dir) => `# TypeScript client reference

The exports of the \`sendbird-desk-platform\` package, generated from its source. Start with
{@link createDeskClient} and its options, {@link DeskClientOptions}. Every failure is one of
the error classes below {@link DeskError}.

The HTTP API itself (operations, parameters, schemas, examples) is described in the
[HTTP API reference](${httpApiPlaceholder}). The version in this page's title is the
package's; the API version is the \`v1\` in every request URL.

## Guides

${guides.map(([file, title]) => `- [${title}](${relative(dir, join(guidesDir, file)).split(sep).join("/")})`).join("\n")}
`;

/**
 * Builds the reference into `<docsDir>/client/` and resolves to its index page. Fails on any
 * TypeDoc warning, so an undocumented or unresolvable export cannot slip in.
 */
export async function buildClientReference(docsDir) {
  const out = join(docsDir, clientFolder);
  const scratch = mkdtempSync(join(tmpdir(), "desk-typedoc-"));
  try {
    const readmeFile = join(scratch, "README.md");
    writeFileSync(readmeFile, readme(scratch));
    const app = await Application.bootstrap({
      entryPoints: [join(root, "src", "index.ts")],
      tsconfig: join(root, "tsconfig.build.json"),
      out,
      readme: readmeFile,
      projectDocuments: guides.map(([file]) => join(guidesDir, file)),
      alwaysCreateEntryPointModule: false, // the guides beside the exports, not a module "index"
      name: "sendbird-desk-platform",
      includeVersion: true,
      disableSources: true, // the package ships src/; the pages need no link to a host
      disableGit: true,
      githubPages: false, // no .nojekyll: the pages are served as they are
      // openapi-typescript writes `@description` in generated/openapi.ts: a known tag here.
      blockTags: [...OptionDefaults.blockTags, "@description"],
      navigationLinks: { "HTTP API reference": httpApiPlaceholder },
      treatWarningsAsErrors: true,
      logLevel: "Warn",
    });
    const project = await app.convert();
    if (!project || app.logger.hasErrors()) throw new Error("TypeDoc could not convert src/index.ts");
    // A guide is named after its file, which gives its page a short address; once the pages
    // are laid out, it takes its own heading for the sidebar and the title.
    const titles = new Map(guides.map(([file, title]) => [file.replace(/\.md$/, ""), title]));
    app.renderer.on(
      RendererEvent.BEGIN,
      () => {
        for (const document of project.documents ?? [])
          document.name = titles.get(document.name) ?? document.name;
      },
      100,
    );
    rmSync(out, { recursive: true, force: true });
    await app.generateOutputs(project);
    if (app.logger.hasErrors()) throw new Error("TypeDoc could not write the client reference");
    linkHttpApi(docsDir, out);
    return join(out, "index.html");
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Points every page's placeholder link at the Redoc page (docsDir/index.html), relatively. */
function linkHttpApi(docsDir, out) {
  for (const file of htmlFiles(out)) {
    const html = readFileSync(file, "utf8");
    const up = relative(join(file, ".."), docsDir).split(sep).join("/");
    const fixed = html.replaceAll(httpApiPlaceholder, `${up}/index.html`);
    if (fixed.includes(httpApiPlaceholder.slice(0, -1))) throw new Error(`placeholder left in ${file}`);
    writeFileSync(file, fixed);
  }
}

/** Every .html file under `dir`. */
function htmlFiles(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((name) => name.endsWith(".html"))
    .map((name) => join(dir, name));
}
