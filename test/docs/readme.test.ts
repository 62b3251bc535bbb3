// Every TypeScript example in the README compiles, strict, against the BUILT package, as a
// user's own module would (npm test builds dist/ before Jest). A README that drifts from the
// API fails here.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type CompileResult, compileModules } from "./compile";
import { root } from "../helpers/spec";

/** The ```ts blocks of the README, named by the section they stand in. */
function readmeExamples(): Record<string, string> {
  const text = readFileSync(join(root, "README.md"), "utf8");
  const examples: Record<string, string> = {};
  let section = "top";
  let count = 0;
  for (const part of text.split(/^(```ts\n[\s\S]*?^```)$/m)) {
    const block = /^```ts\n([\s\S]*?)^```$/m.exec(part);
    if (block) examples[`${section}-${++count}`] = `${block[1]}export {};\n`;
    else section = [...part.matchAll(/^#+ (.*)$/gm)].at(-1)?.[1]?.replace(/\W+/g, "-") ?? section;
  }
  return examples;
}

const examples = readmeExamples();
let result: CompileResult;
beforeAll(() => {
  result = compileModules(examples);
}, 120_000);

it("finds the README's examples, among them the features' own sections", () => {
  const names = Object.keys(examples).join(" ");
  for (const section of ["Quick-start", "Pagination", "Response-metadata", "Headers", "Logging"]) {
    expect(names).toContain(section);
  }
});

it.each(Object.keys(examples))("%s compiles in strict mode", (name) => {
  expect(result.errors[name]).toEqual([]);
});

it("rejects an example that calls what the client lacks", () => {
  const { errors } = compileModules({
    broken: `import { createDeskClient } from "sendbird-desk-platform";
const desk = createDeskClient({ apiToken: "t" });
await desk.groups.fetchAll();
export {};
`,
  });
  expect(errors.broken?.join("\n")).toMatch(/fetchAll/);
}, 60_000);
