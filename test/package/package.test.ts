// The packed tarball is what users install: it ships only what can be imported or read,
// passes publint and arethetypeswrong, maps its bundles back to the TypeScript it ships, and
// a scratch project uses it from `import`, `require` and strict TypeScript against a real
// loopback server, with the newest openapi-fetch installed here and with the lowest version
// the dependency range allows. Runs after `npm run build` (npm test does that first).
import { execFile, execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const root = join(__dirname, "..", "..");
const bin = (name: string) => join(root, "node_modules", ".bin", name);
const run = (cmd: string, args: string[], cwd = root, env: NodeJS.ProcessEnv = process.env) =>
  execFileSync(cmd, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/** The openapi-fetch copies the tarball is tried with: the one the lockfile installs, and
 *  the lowest the range allows (a pinned alias in devDependencies, installed offline). */
const openapiFetchCopies = { newest: "openapi-fetch", lowest: "openapi-fetch-lowest" } as const;
type Copy = keyof typeof openapiFetchCopies;

/** Whether `version` is in `^lowest` (npm's caret: below 1.0.0 the minor version is the major). */
function inCaretRange(version: string, lowest: string): boolean {
  const [v, l] = [version, lowest].map((text) => text.split(".").map(Number)) as [number[], number[]];
  const fixed = l[0] === 0 ? 2 : 1; // how many leading parts must match
  for (let i = 0; i < fixed; i++) if (v[i] !== l[i]) return false;
  for (let i = fixed; i < 3; i++) if (v[i] !== l[i]) return v[i]! > l[i]!;
  return true;
}

let scratch: string;
let tarball: string;
let unpacked: string;
const projects = {} as Record<Copy, string>;
let server: Server;
let url: string;
const seen: { url: string; token: string | undefined }[] = [];

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "desk-pack-"));
  run("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", scratch]);
  tarball = join(scratch, readdirSync(scratch).find((f) => f.endsWith(".tgz"))!);
  // Install the tarball the way npm lays it out, offline: unpacked, with openapi-fetch beside it.
  for (const [copy, folder] of Object.entries(openapiFetchCopies) as [Copy, string][]) {
    const project = join(scratch, `app-${copy}`);
    const pkg = join(project, "node_modules", "sendbird-desk-platform");
    mkdirSync(pkg, { recursive: true });
    run("tar", ["-xzf", tarball, "-C", pkg, "--strip-components=1"]);
    symlinkSync(join(root, "node_modules", folder), join(project, "node_modules", "openapi-fetch"), "dir");
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "app", private: true }));
    projects[copy] = project;
  }
  unpacked = join(projects.newest, "node_modules", "sendbird-desk-platform");

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

it("ships only what can be imported or read: dist, the sources of its maps, the bundled spec, docs", () => {
  const files = run("tar", ["-tzf", tarball])
    .trim()
    .split("\n")
    .map((f) => f.replace(/^package\//, ""))
    .sort();
  expect(files.filter((f) => !/^(dist|src)\//.test(f))).toEqual([
    "CHANGELOG.md",
    "LICENSE",
    "README.md",
    "generated/openapi.json",
    "generated/spec.ts",
    "package.json",
  ]);
  expect(files).not.toContain("generated/openapi.ts");
  expect(files).toEqual(
    expect.arrayContaining(["dist/index.mjs", "dist/index.cjs", "dist/index.d.mts", "dist/index.d.cts"]),
  );
  expect(files.filter((f) => f.startsWith("src/") && !f.endsWith(".ts"))).toEqual([]);
});

it.each(["index.mjs", "index.cjs"])("maps dist/%s back to TypeScript files the tarball ships", (bundle) => {
  const code = readFileSync(join(unpacked, "dist", bundle), "utf8");
  const mapName = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(code)?.[1];
  expect(mapName).toBe(`${bundle}.map`);
  const map = JSON.parse(readFileSync(join(unpacked, "dist", mapName!), "utf8"));
  expect(map.sources.length).toBeGreaterThan(1);
  for (const source of map.sources as string[]) {
    expect(source).toMatch(/\.ts$/);
    expect(existsSync(join(unpacked, "dist", source))).toBe(true);
  }
});

it("gives stack traces that point at the shipped TypeScript under --enable-source-maps", async () => {
  const file = join(projects.newest, "stack.mjs");
  writeFileSync(
    file,
    `import { createDeskClient } from "sendbird-desk-platform";
const desk = createDeskClient({ baseUrl: "http://127.0.0.1:1", apiToken: "t" });
try { await desk.groups.get(-1); } catch (error) { console.log(error.stack); }`,
  );
  const { stdout } = await promisify(execFile)(process.execPath, ["--enable-source-maps", file], {
    cwd: projects.newest,
    timeout: 30_000,
  });
  expect(stdout).toContain("DeskValidationError");
  expect(stdout).toMatch(/node_modules\/sendbird-desk-platform\/src\/[\w/]+\.ts:\d+:\d+/);
  expect(stdout).not.toMatch(/dist\/index\.mjs:\d+/);
});

it("depends on openapi-fetch by a caret range whose lowest version is tested here", () => {
  const manifest = JSON.parse(readFileSync(join(unpacked, "package.json"), "utf8"));
  const range: string = manifest.dependencies["openapi-fetch"];
  const lowest = /^\^(\d+\.\d+\.\d+)$/.exec(range)?.[1];
  expect(lowest).toBeDefined();
  const installed = (folder: string) =>
    JSON.parse(readFileSync(join(root, "node_modules", folder, "package.json"), "utf8")).version;
  expect(installed(openapiFetchCopies.lowest)).toBe(lowest);
  expect(
    JSON.parse(readFileSync(join(root, "package.json"), "utf8")).devDependencies[openapiFetchCopies.lowest],
  ).toBe(`npm:openapi-fetch@${lowest}`);
  expect(inCaretRange(installed(openapiFetchCopies.newest), lowest!)).toBe(true);
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

const entries = [
  ["import", "esm.mjs", `import { createDeskClient, isDeskError } from "sendbird-desk-platform";${script}`],
  [
    "require",
    "cjs.cjs",
    `const { createDeskClient, isDeskError } = require("sendbird-desk-platform");${script}`,
  ],
] as const;

describe.each(Object.keys(openapiFetchCopies) as Copy[])("with the %s openapi-fetch in range", (copy) => {
  it.each(entries)("works from %s", async (_how, file, code) => {
    const project = projects[copy];
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
    const project = projects[copy];
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
const { data } = await desk.raw.GET("/groups/{group_id}", { params: { path: { group_id: 1 } } });
export const rawName: string | undefined = data?.name;
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
});
