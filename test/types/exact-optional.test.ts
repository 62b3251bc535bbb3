// Under exactOptionalPropertyTypes (a strict project's setting) an optional property rejects
// an explicit `undefined` unless its type names it. Every option of the client and of a call
// may be given as `undefined`, meaning "not given": `applicationId: process.env.SENDBIRD_APP_ID`
// compiles. Asked of the TypeScript compiler with that flag on, over src/index.ts.
import { join } from "node:path";
import ts from "typescript";

const root = join(__dirname, "..", "..");
const entry = join(root, "src", "index.ts");
const dir = join(root, "test", "types");

const options: ts.CompilerOptions = {
  strict: true,
  exactOptionalPropertyTypes: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
  types: ["node"],
  typeRoots: [join(root, "node_modules", "@types")],
  noEmit: true,
  skipLibCheck: true,
};

/** Compiles `sources` (file name -> code, beside the tests) in one program with the flag on;
 *  gives each file's diagnostics and the property names of the exported interfaces asked for. */
function compile(
  sources: Record<string, string>,
  interfaces: string[],
): { errors: Record<string, string[]>; properties: Record<string, string[]> } {
  const files = Object.fromEntries(
    Object.entries(sources).map(([name, code]) => [join(dir, `${name}.ts`), code]),
  );
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (name) => files[name] ?? read(name);
  const exists = host.fileExists.bind(host);
  host.fileExists = (name) => name in files || exists(name);
  const program = ts.createProgram([entry, ...Object.keys(files)], options, host);
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  const exported = checker.getExportsOfModule(module);
  const properties = Object.fromEntries(
    interfaces.map((name) => {
      const symbol = exported.find((s) => s.name === name)!;
      const type = checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(symbol));
      return [name, type.getProperties().map((p) => p.name)];
    }),
  );
  const errors = Object.fromEntries(
    Object.entries(sources).map(([name]) => [
      name,
      ts
        .getPreEmitDiagnostics(program, program.getSourceFile(join(dir, `${name}.ts`)))
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")),
    ]),
  );
  return { errors, properties };
}

const header = `import { createDeskClient, type DeskClientOptions, type RequestOptions } from "../../src/index.js";\n`;

// The option names come from the same program, so an option added later is covered too.
const { properties } = compile({}, ["DeskClientOptions", "RequestOptions"]);
const clientOptions = properties.DeskClientOptions!;
const callOptions = properties.RequestOptions!;

const given =
  header +
  `export const client: DeskClientOptions = { ${clientOptions.map((n) => `${n}: undefined`).join(", ")} };\n` +
  `export const call: RequestOptions = { ${callOptions.map((n) => `${n}: undefined`).join(", ")} };\n` +
  `export const desk = createDeskClient({\n` +
  `  applicationId: process.env.SENDBIRD_APP_ID,\n` +
  `  apiToken: process.env.SENDBIRD_DESK_API_TOKEN,\n` +
  `});\n` +
  `export const got = desk.groups.get(77, { timeoutMs: undefined, signal: undefined });\n`;
const wrong =
  header +
  `export const desk = createDeskClient({ timeoutMs: "5" });\n` +
  `interface Strict { a?: number }\n` +
  `export const strict: Strict = { a: undefined };\n`;
const { errors } = compile({ given, wrong }, []);

it("accepts undefined for every option of the client and of a call", () => {
  expect(clientOptions).toEqual(expect.arrayContaining(["applicationId", "apiToken", "timeoutMs", "logger"]));
  expect(callOptions).toEqual(expect.arrayContaining(["signal", "headers", "timeoutMs", "fetchOptions"]));
  expect(errors.given).toEqual([]);
});

it("still rejects a wrong type, and the flag is on", () => {
  const found = errors.wrong!.join("\n");
  expect(found).toMatch(/Type 'string' is not assignable to type 'number'/);
  expect(found).toMatch(/exactOptionalPropertyTypes/);
});
