// Every operation shows a TypeScript and a curl sample in the docs, and every TypeScript
// sample compiles, strict, against the BUILT package (npm test builds dist/ before Jest).
import { type CompileResult, compileModules, packageName } from "./compile";
import { operationSamples } from "./samples";

const samples = operationSamples();

describe("code samples in the spec", () => {
  it("cover the four operations", () => {
    expect(samples.map((s) => s.operationId)).toEqual([
      "listGroups",
      "getGroup",
      "addGroupMember",
      "removeGroupMember",
    ]);
  });

  it.each(samples.map((s) => [s.operationId, s] as const))(
    "%s has a TypeScript and a curl sample",
    (_, s) => {
      expect(s.typescript).toEqual(expect.stringContaining(`from "${packageName}"`));
      expect(s.curl).toEqual(expect.stringMatching(/^curl /));
      for (const sample of s.all) expect(sample.label).toEqual(expect.any(String));
    },
  );

  it.each(samples.map((s) => [s.operationId, s] as const))(
    "%s's TypeScript sample configures the client from the environment",
    (_, s) => {
      expect(s.typescript).toContain("createDeskClient({");
      expect(s.typescript).toContain("process.env.SENDBIRD_APP_ID");
      expect(s.typescript).toContain("process.env.SENDBIRD_DESK_API_TOKEN");
    },
  );
});

describe("TypeScript samples against the built package", () => {
  let result: CompileResult;
  beforeAll(() => {
    result = compileModules(Object.fromEntries(samples.map((s) => [s.operationId, s.typescript ?? ""])));
  }, 120_000);

  it(`resolve "${packageName}" to the built declarations in dist/ (run \`npm run build\` first)`, () => {
    expect(result.resolvedPackage).toMatch(/^dist\/.+\.d\.(m|c)?ts$/);
  });

  it.each(samples.map((s) => s.operationId))("%s compiles in strict mode", (id) => {
    expect(result.errors[id]).toEqual([]);
  });
});

describe("the sample checker", () => {
  // A checker that passes everything proves nothing: a sample calling a method the client
  // lacks, or passing a string where the client wants a group ID, must be rejected.
  const base = samples.find((s) => s.operationId === "getGroup")!.typescript!;
  it.each([
    [
      "a method the client does not have",
      base.replace("desk.groups.get(77)", "desk.groups.fetchOne(77)"),
      /fetchOne/,
    ],
    ["an option the client does not take", base.replace("applicationId:", "appId:"), /appId/],
    ["a field groups do not have", base.replace("group.name", "group.title"), /title/],
  ])(
    "rejects a sample that uses %s",
    (_, code, message) => {
      expect(code).not.toBe(base);
      const { errors } = compileModules({ broken: code });
      expect(errors.broken!.join("\n")).toMatch(message);
    },
    120_000,
  );
});
