// The testers' guide's samples (docs/guides/testing.md) run as a tester runs them, against the built package: the Jest
// global setup and teardown, then every TypeScript sample of the section (the state test, the
// errors and retries) against the mock it started; the Vitest global setup the same way. Each
// runs in a Node process of its own, from a folder inside this package, so the package's own
// name resolves to dist/ as it does where it is installed.
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { randomUUID } from "node:crypto";
import { transformSync } from "esbuild";
import { root } from "../helpers/spec.js";

/** The fenced code blocks of the testers' guide (docs/guides/testing.md), with their language. */
function testerBlocks(): { lang: string; code: string }[] {
  const guide = readFileSync(join(root, "docs", "guides", "testing.md"), "utf8");
  return [...guide.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, code: m[2]! }));
}

const blocks = testerBlocks();
const jestSetup = blocks.find((b) => b.code.includes("desk-mock-setup.mjs"))!;
const vitestSetup = blocks.find((b) => b.code.includes("vitest.config.ts"))!;
/** The samples a test runs: TypeScript that uses the client, against the mock's URL. */
const samples = blocks.filter(
  (b) => b.lang === "ts" && b !== vitestSetup && b.code.includes("createDeskClient"),
);

/** A sample as an ES module: TypeScript stripped; the fixed mock URL becomes the started one. */
const asModule = (code: string) =>
  transformSync(code.replaceAll('"http://127.0.0.1:4010"', "process.env.DESK_BASE_URL"), {
    loader: "ts",
    format: "esm",
  }).code;

let dir: string;
beforeAll(() => {
  dir = join(root, ".tmp", `tester-samples-${randomUUID()}`);
  mkdirSync(dir, { recursive: true });
  const [setup, teardown] = jestSetup.code.split("// test/desk-mock-teardown.mjs");
  writeFileSync(join(dir, "desk-mock-setup.mjs"), setup!);
  writeFileSync(join(dir, "desk-mock-teardown.mjs"), `// ${teardown}`);
  writeFileSync(join(dir, "desk-mock.mjs"), asModule(vitestSetup.code));
  samples.forEach((sample, i) => writeFileSync(join(dir, `sample-${i}.mjs`), asModule(sample.code)));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `driver` (ES module text) in the scratch folder; returns what it printed last, as JSON. */
async function drive(driver: string): Promise<unknown> {
  writeFileSync(join(dir, "driver.mjs"), driver);
  const { stdout } = await promisify(execFile)(process.execPath, ["driver.mjs"], {
    cwd: dir,
    timeout: 90_000,
  });
  return JSON.parse(stdout.trim().split("\n").at(-1)!);
}

/** After the samples: is the mock's port closed? */
const probe = `
const { connect } = await import("node:net");
const closed = (url) => new Promise((resolve) => {
  const socket = connect(Number(new URL(url).port), "127.0.0.1", () => (socket.destroy(), resolve(false)));
  socket.on("error", () => resolve(true));
});`;

test("the guide has the tester samples this test runs", () => {
  expect(jestSetup?.lang).toBe("js");
  expect(vitestSetup?.lang).toBe("ts");
  expect(samples.some((s) => s.code.includes("X-Mock-Session"))).toBe(true);
  expect(samples.length).toBeGreaterThanOrEqual(3);
});

test("the Jest global setup starts the mock, every sample runs against it, and the teardown frees the port", async () => {
  const result = await drive(`${probe}
import setup from "./desk-mock-setup.mjs";
import teardown from "./desk-mock-teardown.mjs";
await setup();
const url = process.env.DESK_BASE_URL;
const ran = [];
for (let i = 0; i < ${samples.length}; i++) {
  await import("./sample-" + i + ".mjs");
  ran.push(i);
}
await teardown();
console.log(JSON.stringify({ url, ran, closed: await closed(url) }));`);
  expect(result).toEqual({
    url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    ran: samples.map((_, i) => i),
    closed: true,
  });
}, 120_000);

test("the Vitest global setup starts the mock, the state sample runs against it, and its teardown frees the port", async () => {
  const state = samples.findIndex((s) => s.code.includes("X-Mock-Session"));
  const result = await drive(`${probe}
import globalSetup from "./desk-mock.mjs";
const stop = await globalSetup();
const url = process.env.DESK_BASE_URL;
await import("./sample-${state}.mjs");
await stop();
console.log(JSON.stringify({ url, closed: await closed(url) }));`);
  expect(result).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), closed: true });
}, 120_000);
