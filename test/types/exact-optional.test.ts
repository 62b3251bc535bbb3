// Under exactOptionalPropertyTypes (a strict project's setting) an optional property rejects
// an explicit `undefined` unless its type names it. Every option of the client and of a call
// may be given as `undefined`, meaning "not given": `applicationId: process.env.SENDBIRD_APP_ID`
// compiles. Asked of the TypeScript compiler with that flag on, over src/index.ts.
import { join } from "node:path";
import ts from "typescript";

const root = join(__dirname, "..", "..");
const entry = join(root, "src", "index.ts");
const file = join(root, "test", "types", "exact-optional-sample.ts");

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

/** The property names of an exported interface, read by the compiler from src/index.ts. */
function propertiesOf(name: string): string[] {
  const program = ts.createProgram([entry], { ...options, types: [] });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  const symbol = checker.getExportsOfModule(module).find((s) => s.name === name)!;
  const type = checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(symbol));
  return type.getProperties().map((p) => p.name);
}

/** The diagnostics of `source`, compiled as a module beside the tests with the flag on. */
function diagnostics(source: string): string[] {
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (name) => (name === file ? source : read(name));
  const exists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || exists(name);
  const program = ts.createProgram([file], options, host);
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(file))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

const header = `import { createDeskClient, type DeskClientOptions, type RequestOptions } from "../../src/index.js";\n`;

it("accepts undefined for every option of the client and of a call", () => {
  const clientOptions = propertiesOf("DeskClientOptions");
  const callOptions = propertiesOf("RequestOptions");
  expect(clientOptions).toEqual(expect.arrayContaining(["applicationId", "apiToken", "timeoutMs", "logger"]));
  expect(callOptions).toEqual(expect.arrayContaining(["signal", "headers", "timeoutMs", "fetchOptions"]));
  const source =
    header +
    `export const client: DeskClientOptions = { ${clientOptions.map((n) => `${n}: undefined`).join(", ")} };\n` +
    `export const call: RequestOptions = { ${callOptions.map((n) => `${n}: undefined`).join(", ")} };\n` +
    `export const desk = createDeskClient({\n` +
    `  applicationId: process.env.SENDBIRD_APP_ID,\n` +
    `  apiToken: process.env.SENDBIRD_DESK_API_TOKEN,\n` +
    `});\n` +
    `export const got = desk.groups.get(77, { timeoutMs: undefined, signal: undefined });\n`;
  expect(diagnostics(source)).toEqual([]);
}, 60_000);

it("still rejects a wrong type, and the flag is on", () => {
  const source =
    header +
    `export const desk = createDeskClient({ timeoutMs: "5" });\n` +
    `interface Strict { a?: number }\n` +
    `export const strict: Strict = { a: undefined };\n`;
  const found = diagnostics(source).join("\n");
  expect(found).toMatch(/Type 'string' is not assignable to type 'number'/);
  expect(found).toMatch(/exactOptionalPropertyTypes/);
}, 60_000);
