// The packed tarball is what users install: it passes publint and arethetypeswrong, and a
// scratch project uses it from `import`, `require` and strict TypeScript against a real
// loopback server. Runs after `npm run build` (npm test does that first).
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const root = join(__dirname, "..", "..");
const bin = (name: string) => join(root, "node_modules", ".bin", name);
const run = (cmd: string, args: string[], cwd = root, env: NodeJS.ProcessEnv = process.env) =>
  execFileSync(cmd, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

let scratch: string;
let tarball: string;
let project: string;
let server: Server;
let url: string;
const seen: { url: string; token: string | undefined }[] = [];

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "desk-pack-"));
  run("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", scratch]);
  tarball = join(
    scratch,
    readdirSync(scratch).find((f) => f.endsWith(".tgz"))!,
  );
  // Install the tarball the way npm lays it out, offline: unpacked, with openapi-fetch beside it.
  project = join(scratch, "app");
  const pkg = join(project, "node_modules", "sendbird-desk-platform");
  mkdirSync(pkg, { recursive: true });
  run("tar", ["-xzf", tarball, "-C", pkg, "--strip-components=1"]);
  symlinkSync(
    join(root, "node_modules", "openapi-fetch"),
    join(project, "node_modules", "openapi-fetch"),
    "dir",
  );
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "app", private: true }));

  server = createServer((req, res) => {
    seen.push({ url: req.url!, token: req.headers.sendbirddeskapitoken as string | undefined });
    const id = Number(req.url!.split("/")[2]);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        id,
        name: "n",
        key: "k",
        project: 1,
        createdAt: "2020-01-01T00:00:00Z",
        createdBy: 1,
        description: null,
        members: [],
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(scratch, { recursive: true, force: true });
});

it("ships only dist, the bundled spec and types, README and LICENSE", () => {
  const files = run("tar", ["-tzf", tarball])
    .trim()
    .split("\n")
    .map((f) => f.replace(/^package\//, ""))
    .sort();
  expect(files.filter((f) => !f.startsWith("dist/"))).toEqual([
    "LICENSE",
    "README.md",
    "generated/openapi.json",
    "generated/openapi.ts",
    "package.json",
  ]);
  expect(files).toEqual(
    expect.arrayContaining(["dist/index.mjs", "dist/index.cjs", "dist/index.d.mts", "dist/index.d.cts"]),
  );
});

it("passes publint with no suggestion", () => {
  const out = run(bin("publint"), ["run", tarball, "--strict"]);
  expect(out).toContain("All good!");
});

it("passes arethetypeswrong in every resolution mode", () => {
  const out = run(bin("attw"), [tarball, "--format", "json"]);
  const report = JSON.parse(out.slice(out.indexOf("{")));
  expect(Object.keys(report.analysis.entrypoints).sort()).toEqual([
    ".",
    "./generated/openapi.json",
    "./package.json",
  ]);
  expect(report.problems).toEqual({});
  expect(report.analysis.problems).toEqual([]);
});

const script = `
  const desk = createDeskClient({ baseUrl: process.env.URL, apiToken: "pack-token" });
  desk.groups.get(41).then(async (g) => {
    let refused = "";
    try { await desk.groups.get(-1); } catch (e) { refused = isDeskError(e) ? e.name : "other"; }
    console.log(JSON.stringify({ id: g.id, refused }));
  });`;

it.each([
  ["import", "esm.mjs", `import { createDeskClient, isDeskError } from "sendbird-desk-platform";${script}`],
  [
    "require",
    "cjs.cjs",
    `const { createDeskClient, isDeskError } = require("sendbird-desk-platform");${script}`,
  ],
])("works from %s", async (_how, file, code) => {
  writeFileSync(join(project, file), code);
  // Asynchronously: the server answering the child lives in this process.
  const { stdout: out } = await promisify(execFile)(process.execPath, [file], {
    cwd: project,
    env: { ...process.env, URL: url },
    timeout: 30_000,
  });
  expect(JSON.parse(out)).toEqual({ id: 41, refused: "DeskValidationError" });
  expect(seen.at(-1)).toEqual({ url: "/groups/41", token: "pack-token" });
});

it("compiles in a strict TypeScript project (NodeNext)", () => {
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: "NodeNext",
        moduleResolution: "NodeNext",
        target: "ES2022",
        lib: ["ES2022", "DOM"],
        types: [],
        noEmit: true,
      },
    }),
  );
  writeFileSync(
    join(project, "app.mts"),
    `import { createDeskClient, DeskNotFoundError, type GroupWithMembers } from "sendbird-desk-platform";
const desk = createDeskClient({ applicationId: "app", apiToken: "t" });
const group: GroupWithMembers = await desk.groups.get(1);
const names: string[] = group.members.map((m) => m.displayName);
for await (const g of desk.groups.list({ limit: 500 })) names.push(g.name);
export const isMissing = (e: unknown) => e instanceof DeskNotFoundError;
// @ts-expect-error a string limit does not compile for users either
desk.groups.list({ limit: "5" });
`,
  );
  writeFileSync(
    join(project, "app.cts"),
    `import desk = require("sendbird-desk-platform");\nexport const make = () => desk.createDeskClient({ applicationId: "a", apiToken: "t" });\n`,
  );
  expect(() =>
    run(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", project], project),
  ).not.toThrow();
});
