// What a user's editor shows on hover: the names of the public types, not expanded object
// literals. Asked of the TypeScript checker itself, on a small file that uses the client.
import { join } from "node:path";
import ts from "typescript";

const root = join(__dirname, "..", "..");
const file = join(root, "test", "types", "hover-sample.ts");
const source = `
import { createDeskClient } from "../../src/index.js";
const desk = createDeskClient({ applicationId: "a", apiToken: "t" });
export const got = desk.groups.get(1);
export const listed = desk.groups.list();
export async function values() {
  const group = await desk.groups.get(1);
  const page = await desk.groups.list();
  const first = page.results[0];
  const member = group.members[0];
  return { group, page, first, member };
}
`;

function hovered(): Record<string, string> {
  const options: ts.CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (name) => (name === file ? source : read(name));
  const exists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || exists(name);
  const program = ts.createProgram([file], options, host);
  const checker = program.getTypeChecker();
  const shown: Record<string, string> = {};
  const visit = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
      shown[node.name.text] = checker.typeToString(checker.getTypeAtLocation(node.name));
    }
    ts.forEachChild(node, visit);
  };
  visit(program.getSourceFile(file)!);
  return shown;
}

it("shows DeskPromise<GroupWithMembers>, PagePromise<GroupList, Group> and the named schemas", () => {
  const shown = hovered();
  expect(shown).toMatchObject({
    got: "DeskPromise<GroupWithMembers>",
    listed: "PagePromise<GroupList, Group>",
    group: "GroupWithMembers",
    page: "GroupList",
    first: "Group",
    member: "Agent",
  });
}, 60_000);
