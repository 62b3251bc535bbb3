// The protocol's own conformance suite (@modelcontextprotocol/conformance, pinned in
// tools/conformance with its own lockfile) against the Streamable HTTP transport on loopback.
// It needs Node 22 or later (fs.globSync): this Node, or one setup:tools installed. Offline: it
// talks only to the URL it is given, and the server only to the Prism mock.
//
// Every scenario of the suite is accounted for below: those that apply to a tools-only server
// must pass, the others are listed with why they do not apply and what the suite reports.
// Runs after `npm run build` (npm test does that first). About 3 s in all.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createDeskClient } from "../../src/index.js";
import {
  createDeskMcpServer,
  createDeskTools,
  createLogger,
  type DeskTool,
  type HttpServer,
  serveHttp,
} from "../../src/mcp/index.js";
import { mockToken, mockUrl } from "../contract/mock.js";
import { modernNode } from "../helpers/modern-node.js";

const root = join(__dirname, "..", "..");
const node = modernNode();
const suite = join(
  root,
  "tools",
  "conformance",
  "node_modules",
  "@modelcontextprotocol",
  "conformance",
  "dist",
  "index.js",
);
const bin = join(root, "bin", "sendbird-desk-mcp.cjs");

/** Scenarios that apply to a tools-only server over Streamable HTTP: run against the bin, must pass. */
const APPLIES = ["server-initialize", "ping", "tools-list", "dns-rebinding-protection"];

/** Scenarios that call fixture tools by fixed names: run against the same server with two of its
 *  tools also registered under those names (get_group on the mock, and get_group answered 404). */
const FIXTURES: Record<string, string> = {
  "tools-call-simple-text": "test_simple_text",
  "tools-call-error": "test_error_handling",
};

/** Scenarios that do not apply, why, and what the suite reports for them. */
const NOT_APPLICABLE: Record<string, { why: string; reports: RegExp }> = {};
const notApplicable = (names: string[], why: string, reports: RegExp) => {
  for (const name of names) NOT_APPLICABLE[name] = { why, reports };
};
notApplicable(
  ["resources-list", "resources-read-text", "resources-read-binary", "resources-templates-read"],
  "a tools-only server has no resources",
  /Method not found/,
);
notApplicable(
  ["resources-subscribe", "resources-unsubscribe"],
  "no resources to subscribe to",
  /Method not found/,
);
notApplicable(
  [
    "prompts-list",
    "prompts-get-simple",
    "prompts-get-with-args",
    "prompts-get-embedded-resource",
    "prompts-get-with-image",
  ],
  "a tools-only server has no prompts",
  /Method not found/,
);
notApplicable(
  ["completion-complete"],
  "completion is for prompt and resource arguments; there are none",
  /Method not found/,
);
notApplicable(
  ["logging-set-level", "tools-call-with-logging"],
  "the server logs to its stderr, not to the client: it declares no logging capability",
  /Method not found/,
);
notApplicable(
  ["tools-call-image", "tools-call-audio", "tools-call-embedded-resource", "tools-call-mixed-content"],
  "fixture tools returning media and resources; the Desk tools return JSON (text and structured)",
  /Unknown tool "test_/,
);
notApplicable(
  ["tools-call-with-progress"],
  "a fixture tool sending progress; a Desk call is one request (list_groups all: true is bounded)",
  /Unknown tool "test_/,
);
notApplicable(
  [
    "tools-call-sampling",
    "tools-call-elicitation",
    "elicitation-sep1034-defaults",
    "elicitation-sep1330-enums",
  ],
  "fixture tools that ask the client for sampling or elicitation; the Desk tools ask the client nothing",
  /Unknown tool "test_/,
);
notApplicable(
  ["json-schema-2020-12"],
  "a fixture tool whose schema keeps $defs; the Desk tools' schemas come from the spec with every $ref resolved",
  /Tool 'json_schema_2020_12_tool' not found/,
);
notApplicable(
  ["server-sse-polling", "server-sse-multiple-streams"],
  "streams within a session; the server is stateless (sessions are optional): the suite warns and checks nothing",
  /^WARNING: $/,
);

interface Check {
  id: string;
  status: "SUCCESS" | "FAILURE" | "WARNING" | "INFO" | "SKIPPED";
  errorMessage?: string;
}

/** Runs the suite against `url` (`args`: a scenario or a suite) and returns its checks by scenario. */
async function runSuite(url: string, args: string[]): Promise<Map<string, Check[]>> {
  const out = mkdtempSync(join(tmpdir(), "desk-mcp-conformance-"));
  try {
    // The suite exits 1 when any scenario fails; its verdicts are read from the results it writes.
    await promisify(execFile)(node!, [suite, "server", "--url", url, ...args, "-o", out], {
      timeout: 60_000,
    }).catch((error: { code?: unknown }) => {
      if (typeof error.code !== "number") throw error;
    });
    const results = new Map<string, Check[]>();
    for (const dir of readdirSync(out)) {
      const scenario = dir.replace(/^server-/, "").replace(/-\d{4}-\d\d-\d\dT[\d-]+Z$/, "");
      results.set(scenario, JSON.parse(readFileSync(join(out, dir, "checks.json"), "utf8")));
    }
    return results;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** "STATUS: message" for each check that is not INFO. */
const verdicts = (checks: Check[] | undefined) =>
  (checks ?? []).filter((c) => c.status !== "INFO").map((c) => `${c.status}: ${c.errorMessage ?? ""}`);

beforeAll(() => {
  for (const [what, path, install] of [
    ["Node 22 or later", node ?? "", "npm run setup:tools"],
    ["the conformance suite", suite, "npm ci --prefix tools/conformance"],
  ])
    if (!existsSync(path!)) throw new Error(`${what} is not installed: run \`${install}\``);
});

describe("against the bin's Streamable HTTP transport", () => {
  let child: ChildProcess;
  let url: string;
  let results: Map<string, Check[]>;

  beforeAll(async () => {
    child = spawn(
      process.execPath,
      [bin, "--http", "--port", "0", "--base-url", mockUrl(), "--allow-writes"],
      {
        env: { PATH: process.env.PATH ?? "", SENDBIRD_DESK_API_TOKEN: mockToken },
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    url = await new Promise<string>((resolve, reject) => {
      let log = "";
      child.stderr!.on("data", (chunk) => {
        log += chunk;
        const found = / at (http:\S+)/.exec(log);
        if (found) resolve(found[1]!);
      });
      child.once("exit", (code) => reject(new Error(`the bin exited (${code}): ${log}`)));
    });
    results = await runSuite(url, ["--suite", "all"]);
  }, 90_000);

  afterAll(async () => {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0); // SIGTERM stops it cleanly
  });

  it("accounts for every scenario of the suite", () => {
    expect([...results.keys()].sort()).toEqual(
      [...APPLIES, ...Object.keys(FIXTURES), ...Object.keys(NOT_APPLICABLE)].sort(),
    );
  });

  it.each(APPLIES)("%s passes", (scenario) => {
    const checks = verdicts(results.get(scenario));
    expect(checks.length).toBeGreaterThan(0);
    expect(checks).toEqual(checks.map(() => "SUCCESS: "));
  });

  it.each(Object.entries(NOT_APPLICABLE).map(([name, { why }]) => [name, why]))(
    "%s does not apply: %s",
    (scenario) => {
      const { reports } = NOT_APPLICABLE[scenario!]!;
      const checks = verdicts(results.get(scenario));
      expect(checks.length).toBeGreaterThan(0);
      for (const check of checks) expect(check).toMatch(reports);
    },
  );
});

describe("the tool-call scenarios, with fixture names for two Desk tools", () => {
  let http: HttpServer;
  const results = new Map<string, Check[] | undefined>();

  beforeAll(async () => {
    const desk = createDeskClient({ baseUrl: mockUrl(), apiToken: mockToken, maxRetries: 0 });
    const missing = createDeskClient({
      baseUrl: mockUrl(),
      apiToken: mockToken,
      maxRetries: 0,
      fetch: (request) => {
        request.headers.set("Prefer", "code=404");
        return fetch(request);
      },
    });
    const getGroup = createDeskTools(desk).find((t) => t.name === "get_group")!;
    const getMissing = createDeskTools(missing).find((t) => t.name === "get_group")!;
    /** `tool` called with fixed `args` under the name the suite calls, taking no arguments. */
    const fixture = (tool: DeskTool, name: string): DeskTool => ({
      ...tool,
      name,
      inputSchema: { type: "object", properties: {}, required: [], additionalProperties: false },
      call: (_args, signal) => tool.call({ group_id: 77 }, signal),
    });
    const tools = [
      ...createDeskTools(desk),
      fixture(getGroup, FIXTURES["tools-call-simple-text"]!),
      fixture(getMissing, FIXTURES["tools-call-error"]!),
    ];
    const logger = createLogger("off", process.stderr);
    http = await serveHttp({
      createServer: () => createDeskMcpServer({ tools, logger }),
      host: "127.0.0.1",
      port: 0,
      logger,
    });
    // One scenario per run of the suite; the runs go side by side.
    await Promise.all(
      Object.keys(FIXTURES).map(async (scenario) =>
        results.set(scenario, (await runSuite(http.url, ["--scenario", scenario])).get(scenario)),
      ),
    );
  }, 90_000);

  afterAll(() => http.close());

  it.each(Object.keys(FIXTURES))("%s passes", (scenario) => {
    const checks = verdicts(results.get(scenario));
    expect(checks.length).toBeGreaterThan(0);
    expect(checks).toEqual(checks.map(() => "SUCCESS: "));
  });
});
