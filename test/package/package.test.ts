// The packed tarball is what users install: it ships only what can be imported or read,
// passes publint and arethetypeswrong, maps its bundles back to the TypeScript it ships, and
// a scratch project uses it from `import`, `require` and strict TypeScript against a real
// loopback server, with the newest openapi-fetch installed here and with the lowest version
// the dependency range allows. Its mock (the sendbird-desk-mock bin and startDeskMock from
// sendbird-desk-platform/testing) and its MCP server run in scratch projects with and without
// their optional peers. Runs after `npm run build` (npm test does that first).
import { execFile, execFileSync, spawn, spawnSync } from "node:child_process";
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

/** Writes the tsconfig of a careful user's project in `dir`: strict, NodeNext, no emit;
 *  `extra` adds compiler options, `files` limits what is checked. */
function writeStrictTsconfig(dir: string, extra: Record<string, unknown> = {}, files?: string[]): void {
  const compilerOptions = {
    strict: true,
    module: "NodeNext",
    moduleResolution: "NodeNext",
    target: "ES2022",
    lib: ["ES2022", "DOM"],
    types: [],
    noEmit: true,
    ...extra,
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, ...(files && { files }) }));
}

let scratch: string;
let tarball: string;
let unpacked: string;
const projects = {} as Record<Copy, string>;
/** The project with the newest openapi-fetch and no optional peer; one with Prism beside it. */
let project: string;
let projectWithPrism: string;
let server: Server;
let url: string;
const seen: { url: string; token: string | undefined }[] = [];

/**
 * A scratch project with the tarball installed the way npm lays it out, offline: unpacked,
 * with openapi-fetch (and the `extra` folders of node_modules, e.g. Prism) linked beside it.
 */
function layOut(name: string, extra: string[]): string {
  const dir = join(scratch, name);
  const pkg = join(dir, "node_modules", "sendbird-desk-platform");
  mkdirSync(pkg, { recursive: true });
  run("tar", ["-xzf", tarball, "-C", pkg, "--strip-components=1"]);
  for (const linked of ["openapi-fetch", ...extra]) {
    symlinkSync(join(root, "node_modules", linked), join(dir, "node_modules", linked), "dir");
  }
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true }));
  return dir;
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "desk-pack-"));
  run("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", scratch]);
  tarball = join(
    scratch,
    readdirSync(scratch).find((f) => f.endsWith(".tgz"))!,
  );
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
  project = projects.newest;
  projectWithPrism = layOut("app-with-prism", ["@stoplight"]);

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

it("ships only what can be imported, run or read: dist, the bins, the sources of its maps, the spec, docs and guides", () => {
  const files = run("tar", ["-tzf", tarball])
    .trim()
    .split("\n")
    .map((f) => f.replace(/^package\//, ""))
    .sort();
  expect(files.filter((f) => !/^(dist|src)\//.test(f))).toEqual([
    "CHANGELOG.md",
    "LICENSE",
    "README.md",
    "bin/sendbird-desk-mcp.cjs",
    "bin/sendbird-desk-mock.mjs",
    "bin/sendbird-desk-verify.mjs",
    ...readdirSync(join(root, "docs", "guides"))
      .sort()
      .map((name) => `docs/guides/${name}`),
    "generated/answers.ts",
    "generated/openapi.json",
    "generated/spec.ts",
    "package.json",
    "testing/desk-story.arazzo.yaml",
    "testing/package.json",
  ]);
  expect(files).not.toContain("generated/openapi.ts");
  for (const entry of ["index", "testing", "mcp"]) {
    for (const ending of [".mjs", ".cjs", ".d.mts", ".d.cts"])
      expect(files).toContain(`dist/${entry}${ending}`);
  }
  // src/ is there as the sources of the maps: TypeScript, and the testing entry's plain modules.
  expect(files.filter((f) => f.startsWith("src/") && !/\.(ts|mts|mjs)$/.test(f))).toEqual([]);
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
    "./mcp",
    "./package.json",
    "./testing",
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
    writeStrictTsconfig(project);
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

describe("the mock for consumers' tests", () => {
  const packageDir = (dir: string) => join(dir, "node_modules", "sendbird-desk-platform");
  /** The file the package's `bin` field names for `name`. */
  const binOf = (dir: string, name: string) =>
    join(packageDir(dir), JSON.parse(readFileSync(join(packageDir(dir), "package.json"), "utf8")).bin[name]);
  const missingPrism =
    "Prism is not installed: run `npm install --save-dev @stoplight/prism-cli@^5.14.2` (an optional peer dependency)";

  it("declares Prism as an optional peer, and the main entry never loads it", () => {
    const manifest = JSON.parse(readFileSync(join(packageDir(project), "package.json"), "utf8"));
    expect(manifest.peerDependencies).toMatchObject({ "@stoplight/prism-cli": expect.any(String) });
    expect(manifest.peerDependenciesMeta).toMatchObject({ "@stoplight/prism-cli": { optional: true } });
    // Every peer is optional: the client itself needs none of them.
    for (const peer of Object.keys(manifest.peerDependencies)) {
      expect([peer, manifest.peerDependenciesMeta[peer]]).toEqual([peer, { optional: true }]);
    }
    for (const file of ["index.mjs", "index.cjs"]) {
      expect(readFileSync(join(packageDir(project), "dist", file), "utf8")).not.toMatch(/prism|testing/i);
    }
  });

  it.each([
    ["import", "mock.mjs", `import { startDeskMock } from "sendbird-desk-platform/testing";`],
    ["require", "mock.cjs", `const { startDeskMock } = require("sendbird-desk-platform/testing");`],
  ])(
    "startDeskMock from %s serves the shipped spec, and stop() leaves nothing running",
    async (_how, file, line) => {
      writeFileSync(
        join(projectWithPrism, file),
        `${line}
      (async () => {
        const mock = await startDeskMock();
        const answer = await fetch(mock.baseUrl + "/groups/77", { headers: { SENDBIRDDESKAPITOKEN: "t" } });
        const group = await answer.json();
        await mock.stop();
        let refused = false;
        await fetch(mock.baseUrl + "/groups/77").catch(() => (refused = true));
        console.log(JSON.stringify({ status: answer.status, id: group.id, refused }));
      })();`,
      );
      // The process must end by itself: a server or timer left behind would keep it alive
      // until the timeout, and the test would fail.
      const { stdout } = await promisify(execFile)(process.execPath, [file], {
        cwd: projectWithPrism,
        timeout: 60_000,
      });
      expect(JSON.parse(stdout)).toEqual({ status: 200, id: 77, refused: true });
    },
    90_000,
  );

  it("the sendbird-desk-mock bin serves the mock until SIGTERM", async () => {
    const child = spawn(process.execPath, [binOf(projectWithPrism, "sendbird-desk-mock"), "--port", "0"], {
      cwd: projectWithPrism,
    });
    try {
      let output = "";
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (c: Buffer) => {
          output += c.toString();
          const found = /sendbird-desk-mock: (http:\/\/\S+)/.exec(output);
          if (found) resolve(found[1]!);
        });
        child.once("exit", (code) => reject(new Error(`exited ${code}: ${output}`)));
      });
      const answer = await fetch(`${url}/groups?limit=0`, { headers: { SENDBIRDDESKAPITOKEN: "t" } });
      expect(answer.status).toBe(400);
      expect(await answer.json()).toEqual({
        message: "request.query.limit: Request query parameter limit must be >= 1",
        error: true,
      });
      const exited = new Promise((done) => child.once("exit", done));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  }, 90_000);

  it("without Prism, the bin and startDeskMock each say in one line what to install", async () => {
    const bin = await promisify(execFile)(process.execPath, [binOf(project, "sendbird-desk-mock")], {
      cwd: project,
    }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(bin.code).toBe(1);
    expect(bin.stderr.trim()).toBe(`sendbird-desk-mock: ${missingPrism}`);

    writeFileSync(
      join(project, "no-prism.mjs"),
      `import { startDeskMock } from "sendbird-desk-platform/testing";
      startDeskMock().catch((error) => console.log(JSON.stringify({ name: error.name, message: error.message })));`,
    );
    const { stdout } = await promisify(execFile)(process.execPath, ["no-prism.mjs"], { cwd: project });
    expect(JSON.parse(stdout)).toEqual({ name: "PrismMissingError", message: missingPrism });
  });
});

// The MCP entry and bin need the optional peer @modelcontextprotocol/sdk. `project` above has
// no SDK: there the main entry works (the tests above) and the bin says what to install. A second
// project has the SDK beside the package: there the bin serves, and the main entry still never
// loads the SDK.
describe("the mcp entry and the sendbird-desk-mcp bin", () => {
  const sdk = "@modelcontextprotocol/sdk";
  const launcher = (app: string) =>
    join(app, "node_modules", "sendbird-desk-platform", "bin", "sendbird-desk-mcp.cjs");
  let withSdk: string;

  beforeAll(() => {
    withSdk = join(scratch, "mcp-app");
    const pkg = join(withSdk, "node_modules", "sendbird-desk-platform");
    mkdirSync(pkg, { recursive: true });
    mkdirSync(join(withSdk, "node_modules", "@modelcontextprotocol"));
    run("tar", ["-xzf", tarball, "-C", pkg, "--strip-components=1"]);
    for (const dependency of ["openapi-fetch", sdk])
      symlinkSync(join(root, "node_modules", dependency), join(withSdk, "node_modules", dependency), "dir");
    writeFileSync(join(withSdk, "package.json"), JSON.stringify({ name: "mcp-app", private: true }));
  });

  it("ships both formats of the mcp entry, and neither format of the main entry refers to the SDK", () => {
    const files = run("tar", ["-tzf", tarball]);
    for (const file of ["dist/mcp.mjs", "dist/mcp.cjs", "dist/mcp.d.mts", "dist/mcp.d.cts"])
      expect(files).toContain(`package/${file}`);
    for (const file of ["index.mjs", "index.cjs"])
      expect(
        readFileSync(join(withSdk, "node_modules", "sendbird-desk-platform", "dist", file), "utf8"),
      ).not.toContain(sdk);
  });

  it("imports the main entry by name instead of carrying a second copy of the client", () => {
    const dist = join(withSdk, "node_modules", "sendbird-desk-platform", "dist");
    for (const [file, load] of [
      ["mcp.mjs", 'from "sendbird-desk-platform"'],
      ["mcp.cjs", 'require("sendbird-desk-platform")'],
    ] as const) {
      const code = readFileSync(join(dist, file), "utf8");
      expect([file, code.includes(load)]).toEqual([file, true]);
      // The error brand is defined once, in the main entry: a copy of the client would carry it.
      expect([file, code.includes("sendbird-desk-platform.error")]).toEqual([file, false]);
    }
  });

  it("without the SDK, the bin says in one line what to install and exits 1", () => {
    const range = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).peerDependencies[sdk];
    const result = spawnSync(process.execPath, [launcher(project), "--help"], {
      cwd: project,
      encoding: "utf8",
    });
    expect([result.status, result.stdout, result.stderr]).toEqual([
      1,
      "",
      `sendbird-desk-mcp needs the MCP SDK: npm install ${sdk}@"${range}"\n`,
    ]);
  });

  it("with the SDK, loading the main entry still loads nothing of it", () => {
    const loaded = run(
      process.execPath,
      ["-e", `require("sendbird-desk-platform"); console.log(JSON.stringify(Object.keys(require.cache)))`],
      withSdk,
    );
    const modules: string[] = JSON.parse(loaded);
    expect(modules.some((m) => m.includes("sendbird-desk-platform"))).toBe(true);
    expect(modules.filter((m) => m.includes("modelcontextprotocol"))).toEqual([]);
  });

  it.each([
    ["import", "mcp.mjs", `import { main, createDeskTools } from "sendbird-desk-platform/mcp";`],
    ["require", "mcp.cjs", `const { main, createDeskTools } = require("sendbird-desk-platform/mcp");`],
  ])("with the SDK, the mcp entry works from %s", (_how, file, code) => {
    writeFileSync(join(withSdk, file), `${code}\nconsole.log(typeof main, typeof createDeskTools);\n`);
    expect(run(process.execPath, [file], withSdk)).toBe("function function\n");
  });

  it("with the SDK, the mcp entry compiles in a strict TypeScript project (NodeNext)", () => {
    symlinkSync(join(root, "node_modules", "@types"), join(withSdk, "node_modules", "@types"), "dir");
    // As most projects do: the SDK's own declarations (zod's among them) take long to check.
    writeStrictTsconfig(withSdk, { types: ["node"], skipLibCheck: true }, ["server.mts"]);
    writeFileSync(
      join(withSdk, "server.mts"),
      `import { createDeskClient } from "sendbird-desk-platform";
import { createDeskMcpServer, createDeskTools, type DeskTool, main } from "sendbird-desk-platform/mcp";
const tools: DeskTool[] = createDeskTools(createDeskClient({ applicationId: "app", apiToken: "t" }));
export const server = createDeskMcpServer({ tools, allowWrites: false });
export const code: Promise<number> = main(["--help"]);
// @ts-expect-error the tools are required
createDeskMcpServer({});
`,
    );
    expect(() =>
      run(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", withSdk], withSdk),
    ).not.toThrow();
  });

  it("with the SDK, the bin serves MCP on stdio: initialise, list the tools, call get_group", async () => {
    const child = spawn(process.execPath, [launcher(withSdk), "--base-url", url], {
      cwd: withSdk,
      env: { PATH: process.env.PATH ?? "", SENDBIRD_DESK_API_TOKEN: "pack-mcp-token" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    const messages = [
      {
        id: 1,
        method: "initialize",
        params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } },
      },
      { method: "notifications/initialized" },
      { id: 2, method: "tools/list" },
      { id: 3, method: "tools/call", params: { name: "get_group", arguments: { group_id: 41 } } },
    ];
    for (const message of messages) child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);
    for (let i = 0; i < 500 && out.split("\n").length <= 3; i++) await new Promise((r) => setTimeout(r, 20));
    child.stdin.end();
    expect(await new Promise((resolve) => child.once("exit", resolve))).toBe(0);
    const replies = out
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line))
      .sort((a, b) => a.id - b.id);
    expect(replies.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(replies[1].result.tools.map((t: { name: string }) => t.name)).toEqual([
      "list_groups",
      "get_group",
    ]);
    expect(replies[2].result.structuredContent).toMatchObject({ id: 41 });
    expect(seen.at(-1)).toEqual({ url: "/groups/41", token: "pack-mcp-token" });
  });
});
