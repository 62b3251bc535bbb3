// startDeskMock from the built package (sendbird-desk-platform/testing), as a consumer's test
// suite runs it: each mock has its own state, reset() restores the seed, a seed of one's own is
// checked against the spec, fifty concurrent adds all land, static mode keeps the examples, an
// answer that breaks the spec is a 500 naming the rule, and stop() resolves twice, in bounded
// time. The entry is an ES module that Jest's CommonJS mode cannot load: the cases run in one
// Node process of this file's own, as a consumer's suite runs its mocks in one process, each
// starting and stopping mocks of its own on loopback, and send back what they saw as JSON.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { root } from "../helpers/spec.js";

const entry = join(root, "dist", "testing.mjs");

/** The process's code: it reads one case a line (a JSON string: an async function body with
 *  `startDeskMock`, `call`, `headers` and `root` in scope), runs it, and writes one line back:
 *  `{ "result": ... }` or `{ "error": "..." }`. */
const runnerCode = `
import { createInterface } from "node:readline";
import { startDeskMock } from ${JSON.stringify(entry)};
const root = ${JSON.stringify(root)};
const headers = { SENDBIRDDESKAPITOKEN: "t", "Content-Type": "application/json" };
async function call(mock, method, path, body, extra = {}) {
  const response = await fetch(mock.baseUrl + path, {
    method, headers: { ...headers, ...extra }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
const AsyncFunction = (async () => {}).constructor;
for await (const line of createInterface({ input: process.stdin })) {
  let answer;
  try {
    const run = new AsyncFunction("startDeskMock", "call", "headers", "root", JSON.parse(line));
    answer = { result: await run(startDeskMock, call, headers, root) };
  } catch (error) {
    answer = { error: String(error?.stack ?? error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\\n");
}`;

let runner: ChildProcessWithoutNullStreams;
let answers: AsyncIterator<string>;

beforeAll(() => {
  runner = spawn(process.execPath, ["--input-type=module", "-e", runnerCode], { cwd: root });
  runner.stderr.pipe(process.stderr);
  answers = createInterface({ input: runner.stdout })[Symbol.asyncIterator]();
});

afterAll(async () => {
  const exited = new Promise((resolve) => runner.once("exit", (code, signal) => resolve(signal ?? code)));
  runner.stdin.end();
  expect(await exited).toBe(0);
});

/** Runs `body` in the file's Node process (the cases run one at a time) and returns what it returned. */
async function inNode(body: string): Promise<unknown> {
  runner.stdin.write(`${JSON.stringify(body)}\n`);
  const { value, done } = await answers.next();
  if (done) throw new Error(`the cases' Node process ended (exit code ${runner.exitCode})`);
  const answer = JSON.parse(value) as { result?: unknown; error?: string };
  if (answer.error !== undefined) throw new Error(answer.error);
  return answer.result;
}

const startsPrism = 90_000;
const members = (group: { members: { id: number }[] }) => group.members.map((m) => m.id);

test(
  "each mock has its own state, and reset() restores the seed",
  async () => {
    const result = (await inNode(`
      const [a, b] = await Promise.all([startDeskMock({ cwd: root }), startDeskMock({ cwd: root })]);
      await call(a, "POST", "/groups/13/membership", { agentId: 2 });
      const inA = await call(a, "GET", "/groups/13");
      const inB = await call(b, "GET", "/groups/13");
      a.reset();
      const afterReset = await call(a, "GET", "/groups/13");
      await Promise.all([a.stop(), b.stop()]);
      return { inA: inA.body, inB: inB.body, afterReset: afterReset.body };
    `)) as Record<string, { members: { id: number }[] }>;
    expect(members(result.inA!)).toEqual([2]);
    expect(members(result.inB!)).toEqual([]);
    expect(members(result.afterReset!)).toEqual([]);
  },
  startsPrism,
);

test(
  "a seed of one's own: its groups and agents, and fifty concurrent adds to one group leave fifty members",
  async () => {
    const result = (await inNode(`
      const agents = Array.from({ length: 50 }, (_, i) => ({
        id: 100 + i, displayName: "agent " + i, email: "a" + i + "@example.com", photoThumbnailUrl: "",
      }));
      const group = { id: 5, name: "Five", key: "five", project: 1, createdAt: "2024-01-01T00:00:00Z",
        createdBy: 1, description: null, members: [] };
      const mock = await startDeskMock({ cwd: root, seed: { groups: [group], agents } });
      const list = await call(mock, "GET", "/groups");
      const answers = await Promise.all(agents.map((agent) => call(mock, "POST", "/groups/5/membership", { agentId: agent.id })));
      const sessions = await Promise.all(["s1", "s2"].map(async (name, i) => {
        await call(mock, "POST", "/groups/5/membership", { agentId: 100 + i }, { "X-Mock-Session": name });
        return (await call(mock, "GET", "/groups/5", undefined, { "X-Mock-Session": name })).body;
      }));
      const viewed = await call(mock, "GET", "/groups/5");
      const missing = await call(mock, "GET", "/groups/13");
      await mock.stop();
      return { list: list.body, statuses: [...new Set(answers.map((a) => a.status))], viewed: viewed.body, sessions, missing };
    `)) as {
      list: { count: number; results: { id: number }[] };
      statuses: number[];
      viewed: { members: { id: number }[] };
      sessions: { members: { id: number }[] }[];
      missing: { status: number };
    };
    expect(result.list.count).toBe(1);
    expect(result.list.results.map((g) => g.id)).toEqual([5]);
    expect(result.statuses).toEqual([200]);
    expect(members(result.viewed).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 50 }, (_, i) => 100 + i),
    );
    expect(result.sessions.map(members)).toEqual([[100], [101]]);
    expect(result.missing.status).toBe(404);
  },
  startsPrism,
);

test.each([
  [
    "a group whose createdAt is not a date-time",
    `{ groups: [{ id: 1, name: "x", key: "k", project: 1, createdAt: "yesterday", createdBy: 1, description: null, members: [] }] }`,
    'seed.groups[0].createdAt: must match format "date-time"',
  ],
  [
    "a member without an email",
    `{ groups: [{ id: 1, name: "x", key: "k", project: 1, createdAt: "2024-01-01T00:00:00Z", createdBy: 1, description: null,
       members: [{ id: 2, displayName: "d", photoThumbnailUrl: "" }] }] }`,
    "seed.groups[0].members[0]: must have required property 'email'",
  ],
  [
    "two agents with one ID",
    `{ agents: [{ id: 2, displayName: "d", email: "e", photoThumbnailUrl: "" }, { id: 2, displayName: "d", email: "e", photoThumbnailUrl: "" }] }`,
    "seed.agents[1].id: 2 is already the id of seed.agents[0] (IDs are unique)",
  ],
  ["an unknown field", `{ teams: [] }`, "seed.teams: is not a seed field (the fields are groups and agents)"],
])(
  "a bad seed (%s) is refused in one line naming the entry, the field and the rule",
  async (_why, seed, message) => {
    const result = await inNode(`
      return startDeskMock({ cwd: root, seed: ${seed} }).then(
        async (mock) => (await mock.stop(), "started"),
        (error) => ({ name: error.name, message: error.message }),
      );
    `);
    expect(result).toEqual({ name: "MockSeedError", message });
  },
  startsPrism,
);

test(
  'mode: "static" keeps the examples: any group ID answers group 77, and adding answers the example',
  async () => {
    const result = (await inNode(`
      const mock = await startDeskMock({ cwd: root, mode: "static" });
      const viewed = await call(mock, "GET", "/groups/999999");
      const added = await call(mock, "POST", "/groups/13/membership", { agentId: 2 });
      const page = await call(mock, "GET", "/groups?limit=2&offset=2");
      await mock.stop();
      return [viewed.body.id, added.body.id, page.body.results.length];
    `)) as number[];
    expect(result).toEqual([77, 77, 5]);
  },
  startsPrism,
);

test(
  "an answer of the state that breaks the spec is a 500 naming the violation (a spec whose count is at most 3)",
  async () => {
    const dir = mkdtempSync(join(tmpdir(), "desk-drift-"));
    try {
      const document = JSON.parse(readFileSync(join(root, "generated", "openapi.json"), "utf8"));
      document.components.schemas.GroupList.properties.count.maximum = 3;
      const file = join(dir, "openapi.json");
      writeFileSync(file, JSON.stringify(document));
      const result = await inNode(`
        const mock = await startDeskMock({ cwd: root, spec: ${JSON.stringify(file)} });
        const answer = await call(mock, "GET", "/groups");
        await mock.stop();
        return answer;
      `);
      expect(result).toEqual({
        status: 500,
        body: {
          message: "The mock's answer (200) breaks the spec: response.body.count: must be <= 3",
          error: true,
        },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  startsPrism,
);

test(
  "stop() resolves a second time, and within its one-second grace while a client holds a request half sent",
  async () => {
    const result = (await inNode(`
      const { connect } = await import("node:net");
      const mock = await startDeskMock({ cwd: root });
      // A request whose headers never end: the server holds an active connection.
      const socket = connect(mock.port, "127.0.0.1");
      socket.on("error", () => {});
      await new Promise((resolve) => socket.once("connect", resolve));
      socket.write("GET /groups HTTP/1.1\\r\\nHost: x\\r\\n");
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = Date.now();
      let timer;
      const first = await Promise.race([
        mock.stop().then(() => "resolved", (error) => "rejected: " + error.message),
        new Promise((resolve) => (timer = setTimeout(() => resolve("still running after 5 s"), 5000))),
      ]);
      clearTimeout(timer);
      const took = Date.now() - started;
      const second = await mock.stop().then(() => "resolved", (error) => "rejected: " + error.message);
      socket.destroy();
      return { first, second, took };
    `)) as { first: string; second: string; took: number };
    expect(result.first).toBe("resolved");
    expect(result.second).toBe("resolved");
    expect(result.took).toBeLessThan(3_000);
  },
  startsPrism,
);

test.each(["stateful", "static"])(
  "in %s mode, a body that is not JSON and an unknown Prefer value are 400s in the spec's Error shape",
  async (mode) => {
    const result = await inNode(`
      const mock = await startDeskMock({ cwd: root, mode: ${JSON.stringify(mode)} });
      const notJson = await fetch(mock.baseUrl + "/groups/77/membership", { method: "POST", headers, body: "{agentId: 2" });
      const typo = await call(mock, "GET", "/groups/77", undefined, { Prefer: "code=999" });
      const example = await call(mock, "GET", "/groups/77", undefined, { Prefer: "example=Nope" });
      const answer = { status: notJson.status, type: notJson.headers.get("content-type"), body: await notJson.json() };
      await mock.stop();
      return [answer, typo, example];
    `);
    expect(result).toEqual([
      {
        status: 400,
        type: "application/json",
        body: {
          message: expect.stringMatching(
            /^request\.body: Request body must be JSON \(the content type says application\/json\): /,
          ),
          error: true,
        },
      },
      {
        status: 400,
        body: {
          message:
            "request.header.prefer: code=999 is not a status getGroup documents (use one of 200, 400, 401, 403, 404, 408, 429, 500, 502, 503, 504)",
          error: true,
        },
      },
      {
        status: 400,
        body: {
          message:
            "request.header.prefer: example=Nope is not an example of getGroup's 200 answer (use one of ViewGroup, GroupWithoutMembers)",
          error: true,
        },
      },
    ]);
  },
  startsPrism,
);
