// validateResponses on loopback: a 2xx body that breaks the spec's schema is returned and
// logged once per client ("warn", the default), refused with its violations ("throw"), or let
// through ("off"); a page the walk cannot follow is refused in every mode; a property the
// spec does not describe never fails; and no value of the answer reaches a violation or a log.
import {
  createDeskClient,
  DeskInvalidResponseError,
  DeskValidationError,
  type ValidateResponses,
  type Violation,
} from "../../src/index.js";
import { reply, type ScriptedServer, startScriptedServer } from "../faults/scripted-server.js";
import { group, withMembers } from "../helpers/groups.js";

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

/** A client writing its warn lines to `lines`. */
function client(validateResponses?: ValidateResponses) {
  const lines: string[] = [];
  const logger = { error: () => {}, warn: (l: string) => lines.push(l), info: () => {}, debug: () => {} };
  const desk = createDeskClient({
    baseUrl: server.url,
    apiToken: "test-token",
    maxRetries: 0,
    logLevel: "warn",
    logger,
    ...(validateResponses && { validateResponses }),
  });
  return { desk, lines };
}

const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error as DeskInvalidResponseError,
  );

const { name: _name, ...nameless } = withMembers(7);
/** Bodies of `GET /groups/7` that break the schema, with the violations each must give. */
const broken: [string, unknown, Violation[]][] = [
  ["a group without name", nameless, [{ path: "name", message: "is required" }]],
  [
    "members that is not an array",
    { ...group(7), members: { first: "x" } },
    [{ path: "members", message: "must be array" }],
  ],
  [
    "an enum value outside the spec",
    { ...group(7), members: [{ ...withMembers(7).members[0], connection: "BUSY" }] },
    [{ path: "members/0/connection", message: 'must be one of "ONLINE", "OFFLINE", "AWAY"' }],
  ],
];

describe.each(broken)("%s", (_what, body, violations) => {
  beforeEach(() => server.script(reply(200, body)));

  it('"off": returned as received, nothing logged', async () => {
    const { desk, lines } = client("off");
    expect(await desk.groups.get(7)).toEqual(body);
    expect(lines).toEqual([]);
  });

  it('"warn" (the default): returned as received, logged once for two calls', async () => {
    const { desk, lines } = client();
    expect(await desk.groups.get(7)).toEqual(body);
    expect(await desk.groups.get(7)).toEqual(body);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("getGroup (GET /groups/{group_id})");
    // The line folds array indexes: one line stands for every item.
    for (const { path, message } of violations)
      expect(lines[0]).toContain(`${path.replaceAll("/0/", "/*/")}: ${message}`);
  });

  it('"throw": DeskInvalidResponseError listing the violations, message naming them', async () => {
    const { desk, lines } = client("throw");
    const error = await caught(desk.groups.get(7));
    expect(error).toBeInstanceOf(DeskInvalidResponseError);
    expect(error.violations).toEqual(violations);
    expect(error.status).toBe(200);
    for (const { path, message } of violations) expect(error.message).toContain(`${path}: ${message}`);
    expect(lines).toEqual([]); // the error is the report
  });
});

it.each<ValidateResponses>(["off", "warn", "throw"])(
  "a property the spec does not describe never fails (%s)",
  async (mode) => {
    const body = { ...withMembers(7), region: "eu", members: [{ ...withMembers(7).members[0], tier: 3 }] };
    server.script(reply(200, body));
    const { desk, lines } = client(mode);
    expect(await desk.groups.get(7)).toEqual(body);
    expect(lines).toEqual([]);
  },
);

describe("a page with a string id", () => {
  const page = { count: 2, previous: null, next: null, results: [group(1), { ...group(2), id: "2" }] };
  beforeEach(() => server.script(reply(200, page)));

  it.each<ValidateResponses>(["off", "warn", "throw"])(
    "%s: refused, the walk cannot tell items apart",
    async (mode) => {
      const { desk, lines } = client(mode);
      const error = await caught(desk.groups.list());
      expect(error).toBeInstanceOf(DeskInvalidResponseError);
      expect(error.violations).toEqual([{ path: "results/1/id", message: "must be integer" }]);
      expect(error.message).toContain("results/1/id: must be integer");
      expect(lines).toHaveLength(1); // what the client cannot read is logged each time, as before
    },
  );
});

it('"warn" folds array indexes: one line for the same violation on every item and every call', async () => {
  const names = (...ids: number[]) => ids.map((id) => ({ ...group(id), name: id }));
  server.script(reply(200, { count: 3, previous: null, next: null, results: names(1, 2, 3) }));
  const { desk, lines } = client("warn");
  expect((await desk.groups.list()).results).toHaveLength(3);
  await desk.groups.list();
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain("results/*/name: must be string");
  // Another client logs it again: the record is per client.
  const other = client("warn");
  await other.desk.groups.list();
  expect(other.lines).toHaveLength(1);
  // A new violation on the same client is logged once more.
  server.script(reply(200, { count: 3, previous: null, next: null, results: [{ ...group(1), key: 9 }] }));
  await desk.groups.list();
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain("results/*/key: must be string");
  expect(lines[1]).not.toContain("name");
});

it("a call's validateResponses beats the client's", async () => {
  server.script(reply(200, nameless));
  const strict = client("throw");
  expect(await strict.desk.groups.get(7, { validateResponses: "off" })).toEqual(nameless);
  expect(await strict.desk.groups.get(7, { validateResponses: "warn" })).toEqual(nameless);
  expect(strict.lines).toHaveLength(1);
  const lax = client("warn");
  const error = await caught(lax.desk.groups.get(7, { validateResponses: "throw" }));
  expect(error.violations).toEqual([{ path: "name", message: "is required" }]);
});

it("a mode that is not one is refused, per client and per call", async () => {
  expect(() => client("strict" as ValidateResponses)).toThrow(DeskValidationError);
  expect(() => client("strict" as ValidateResponses)).toThrow(
    'validateResponses: "strict" is not valid: must be one of "off", "warn", "throw"',
  );
  const { desk } = client();
  await expect(desk.groups.get(7, { validateResponses: "Throw" as ValidateResponses })).rejects.toThrow(
    DeskValidationError,
  );
});

it("no value of the answer reaches a violation, an error message or a log line", async () => {
  // Every value is a marker; the wrong-typed and out-of-enum ones are what a careless
  // message would quote.
  const mark = (n: number) => `MARK${n}X`;
  const body = {
    id: mark(1),
    key: mark(2),
    project: mark(3),
    createdAt: mark(4),
    createdBy: { nested: mark(5) },
    description: [mark(6)],
    members: [{ id: mark(7), displayName: 8, email: null, photoThumbnailUrl: mark(9), connection: mark(10) }],
  };
  const page = { count: mark(11), previous: mark(12), next: mark(13), results: [{ ...body, id: mark(14) }] };
  const marked = /MARK\d+X/;
  const texts: string[] = [];
  for (const mode of ["off", "warn", "throw"] as const) {
    const { desk, lines } = client(mode);
    server.script(reply(200, body));
    const error = await desk.groups.get(7).then(
      () => undefined,
      (e: DeskInvalidResponseError) => e,
    );
    server.script(reply(200, page));
    const pageError = await caught(desk.groups.list());
    for (const e of [error, pageError]) {
      if (e) texts.push(e.message, ...e.violations.flatMap((v) => [v.path, v.message]));
    }
    texts.push(...lines);
  }
  expect(texts.length).toBeGreaterThan(10);
  expect(texts.join("\n")).toMatch(/members\/(\*|0)\/connection/);
  expect(texts.filter((t) => marked.test(t))).toEqual([]);
});

it('"throw" lists every violation; the message names the first ten and counts the rest', async () => {
  const results = Array.from({ length: 12 }, (_, i) => ({ ...group(i + 1), name: null }));
  server.script(reply(200, { count: 12, previous: null, next: null, results }));
  const error = await caught(client("throw").desk.groups.list());
  expect(error.violations).toHaveLength(12);
  expect(error.violations[11]).toEqual({ path: "results/11/name", message: "must be string" });
  expect(error.message).toContain("results/9/name: must be string; and 2 more");
  expect(error.message).not.toContain("results/10/name");
});
