// Every TypeScript sample of the README and the guides (docs/guides/) compiles, strict, against
// the BUILT package, as a user's own module would (npm test builds dist/ before Jest), and
// runs against the mock, printing exactly the lines its `// → ...` comments state. A sample
// that drifts from the API, or from what it says it prints, fails here.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { type CompileResult, compileModules } from "./compile";
import { type DocSample, docSamples, printedPattern } from "./markdown";
import { root } from "../helpers/spec";

const samples = docSamples();
const examples = Object.fromEntries(samples.map((s) => [s.name, `${s.code}export {};\n`]));
/** The address the samples are written for: the mock as `npm run mock` serves it. */
const documentedMock = "http://127.0.0.1:4010";

describe("the samples compile", () => {
  let result: CompileResult;
  beforeAll(() => {
    result = compileModules(examples);
  }, 120_000);

  it("are found in the README's features and in every guide", () => {
    const names = Object.keys(examples).join(" ");
    for (const section of ["README-Quick-start", "README-Pagination", "README-Response-metadata"]) {
      expect(names).toContain(section);
    }
    for (const section of ["README-Headers", "README-Logging", "testing-", "security-and-logging-Logging"]) {
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
});

/** Runs a sample as an ES module inside the repo (so "sendbird-desk-platform" is the built
 *  package) against the Jest run's mock; resolves to its output, mock address as documented. */
async function run(sample: DocSample): Promise<{ stdout: string[]; stderr: string }> {
  const mock = process.env.DESK_MOCK_URL!;
  const dir = join(root, ".tmp", `run-${randomBytes(6).toString("hex")}`);
  mkdirSync(dir, { recursive: true });
  try {
    const js = ts.transpileModule(sample.code, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const file = join(dir, `${sample.name}.mjs`);
    writeFileSync(file, js.replaceAll(documentedMock, mock));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SENDBIRD_APP_ID: "docs-sample",
      SENDBIRD_DESK_API_TOKEN: "any-token",
    };
    delete env.SENDBIRD_DESK_LOG;
    const preload = join(__dirname, "sample-preload.mjs");
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["--import", preload, file], {
      cwd: dir,
      env,
      timeout: 60_000,
    });
    const lines = stdout.replaceAll(mock, documentedMock).split("\n");
    if (lines.at(-1) === "") lines.pop();
    return { stdout: lines, stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the samples run against the mock", () => {
  it("state what they print where printing is their point", () => {
    for (const name of [
      "README-Quick-start",
      "README-Headers",
      "README-Logging",
      "security-and-logging-Logging",
    ]) {
      const sample = samples.find((s) => s.name.startsWith(name))!;
      expect([name, sample.prints.length > 0]).toEqual([name, true]);
    }
  });

  it.each(samples.map((s) => [s.name, s] as const))(
    "%s prints what its comments say",
    async (_, sample) => {
      const { stdout } = await run(sample);
      expect(stdout).toHaveLength(sample.prints.length);
      sample.prints.forEach((expected, i) => expect(stdout[i]).toMatch(printedPattern(expected)));
    },
    60_000,
  );

  it("tells a printed line from a different one", () => {
    expect("retrying in 473 ms (backoff)").toMatch(printedPattern("retrying in … ms (backoff)"));
    expect("retrying in 473 ms (Retry-After)").not.toMatch(printedPattern("retrying in … ms (backoff)"));
    expect("5 2 ").not.toMatch(printedPattern("5 2"));
    expect("x5 2").not.toMatch(printedPattern("5 2"));
  });
});
