// A model-based test of the stateful mock: fast-check draws random sequences of list, view,
// add and remove, over several sessions, with resets of one session and of all, and runs each
// against the real mock over HTTP and against a small in-memory model of the documented
// behaviour, comparing step by step (fixed seed; DESK_FC_SEED replays another; a failure is
// shrunk to the shortest sequence). The mock is a process of its own (npm run mock on a free
// port): a reset of all must not reach the suite's shared mock.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import fc from "fast-check";
import { spec } from "../../generated/spec.js";
import { root } from "../helpers/spec.js";
import { validateResponse } from "./mock.js";

/** The documented behaviour: groups in the seed's order, members in the order they joined. */
interface ModelGroup {
  id: number;
  members: number[];
}
type Model = { sessions: Map<string, ModelGroup[]> };

const story = (): ModelGroup[] => [13, 42, 77, 80, 91].map((id) => ({ id, members: id === 77 ? [28] : [] }));
const knownAgents = [2, 28];
const sessions = ["", "alpha", "beta"]; // "" is the default state (no header)

/** The real mock, one session name prefix per run so that runs never meet. */
interface Real {
  url: string;
  run: string;
}

let mock: ChildProcess;
let url: string;

beforeAll(async () => {
  mock = spawn(process.execPath, [join(root, "scripts", "mock.mjs"), "--port", "0"], {
    cwd: root,
    env: { ...process.env, HOST: "" },
  });
  let output = "";
  url = await new Promise<string>((resolve, reject) => {
    mock.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const found = /Prism mock of generated\/openapi\.json: (http:\/\/\S+)/.exec(output);
      if (found) resolve(found[1]!);
    });
    mock.once("exit", (code) => reject(new Error(`the mock exited ${code}: ${output}`)));
  });
}, 60_000);

afterAll(async () => {
  const exited = new Promise((done) => mock.once("exit", done));
  mock.kill("SIGTERM");
  await exited;
});

const stateOf = (model: Model, session: string) => {
  if (!model.sessions.has(session)) model.sessions.set(session, story());
  return model.sessions.get(session)!;
};

async function send(real: Real, session: string, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = {
    [spec.auth.header]: "model-token",
    "Content-Type": spec.contentType,
  };
  if (session) headers["X-Mock-Session"] = `${real.run}-${session}`;
  const response = await fetch(`${real.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const members = (body: { members: { id: number }[] }) => body.members.map((m) => m.id);

class List implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly session: string,
    readonly limit: number,
    readonly offset: number,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const groups = stateOf(model, this.session);
    const answer = await send(real, this.session, "GET", `/groups?limit=${this.limit}&offset=${this.offset}`);
    const at = (offset: number) => `${real.url}/groups?limit=${this.limit}&offset=${offset}`;
    expect(answer.status).toBe(200);
    expect(validateResponse("listGroups", 200, answer.body)).toEqual([]);
    expect({ ...answer.body, results: answer.body.results.map((g: { id: number }) => g.id) }).toEqual({
      count: groups.length,
      previous: this.offset > 0 ? at(Math.max(0, this.offset - this.limit)) : null,
      next: this.offset + this.limit < groups.length ? at(this.offset + this.limit) : null,
      results: groups.slice(this.offset, this.offset + this.limit).map((g) => g.id),
    });
  }
  toString = () => `list(${this.session || "default"}, limit=${this.limit}, offset=${this.offset})`;
}

class View implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly session: string,
    readonly group: number,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const expected = stateOf(model, this.session).find((g) => g.id === this.group);
    const answer = await send(real, this.session, "GET", `/groups/${this.group}`);
    expect(answer.status).toBe(expected ? 200 : 404);
    expect(validateResponse("getGroup", answer.status, answer.body)).toEqual([]);
    if (expected) expect(members(answer.body)).toEqual(expected.members);
  }
  toString = () => `view(${this.session || "default"}, ${this.group})`;
}

class Change implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly adding: boolean,
    readonly session: string,
    readonly group: number,
    readonly agent: number,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const expected = stateOf(model, this.session).find((g) => g.id === this.group);
    const known = knownAgents.includes(this.agent);
    const answer = await send(
      real,
      this.session,
      this.adding ? "POST" : "DELETE",
      `/groups/${this.group}/membership`,
      {
        agentId: this.agent,
      },
    );
    const operation = this.adding ? "addGroupMember" : "removeGroupMember";
    expect(answer.status).toBe(expected && known ? 200 : 404);
    expect(validateResponse(operation, answer.status, answer.body)).toEqual([]);
    if (!expected || !known) return;
    if (this.adding && !expected.members.includes(this.agent)) expected.members.push(this.agent);
    if (!this.adding) expected.members = expected.members.filter((id) => id !== this.agent);
    expect(members(answer.body)).toEqual(expected.members);
  }
  toString = () =>
    `${this.adding ? "add" : "remove"}(${this.session || "default"}, ${this.group}, agent ${this.agent})`;
}

class Reset implements fc.AsyncCommand<Model, Real> {
  constructor(readonly session: string | undefined) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const answer = await send(real, this.session ?? "", "POST", "/__mock/reset");
    expect(answer.status).toBe(204);
    if (this.session === undefined) model.sessions.clear();
    else model.sessions.delete(this.session);
  }
  toString = () => (this.session === undefined ? "reset(all)" : `reset(${this.session || "default"})`);
}

const session = fc.constantFrom(...sessions);
const group = fc.constantFrom(13, 42, 77, 80, 91, 999);
const agent = fc.constantFrom(2, 28, 5);
const { limit, offset } = spec.operations.listGroups.parameters.query;
const commands = [
  fc
    .tuple(session, fc.integer({ min: limit.minimum, max: 6 }), fc.integer({ min: offset.minimum, max: 7 }))
    .map(([s, l, o]) => new List(s, l, o)),
  fc.tuple(session, group).map(([s, g]) => new View(s, g)),
  fc.tuple(fc.boolean(), session, group, agent).map(([a, s, g, id]) => new Change(a, s, g, id)),
  fc.option(fc.constantFrom(...sessions.filter(Boolean)), { nil: undefined }).map((s) => new Reset(s)),
];

test("random lists, views, adds, removes and resets over three sessions follow the model step by step", async () => {
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(fc.commands(commands, { maxCommands: 40 }), async (sequence) => {
      const real = { url, run: `run${runs++}` };
      // Each run starts from the seed: the default state is reset, named sessions are new.
      await send(real, "", "POST", "/__mock/reset");
      await fc.asyncModelRun(() => ({ model: { sessions: new Map() }, real }), sequence);
    }),
    { seed: Number(process.env.DESK_FC_SEED ?? 20_261_206), numRuns: 60 },
  );
}, 120_000);
