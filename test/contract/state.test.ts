// The mock remembers: the four operations act on a state seeded from the spec's story, as the
// API documents them, through the public client against the suite's mock. Each test runs in a
// session of its own (X-Mock-Session), so the tests (and the files beside them) never share
// changes; a `Prefer` header answers Prism's example or error without touching the state.
import { randomUUID } from "node:crypto";
import { spec } from "../../generated/spec.js";
import { DeskNotFoundError, DeskServerError, type GroupWithMembers } from "../../src/index.js";
import { clientHeaders, mockUrl, validateResponse } from "./mock.js";
import { observedClient, prefer, sessionHeader, violationsOf } from "./observed.js";

/** A client in a fresh session of its own, and its exchanges; `edit` as observedClient's. */
function freshSession(edit?: (request: Request) => void) {
  const name = `state-${randomUUID()}`;
  const observed = observedClient({ maxRetries: 0 }, (request) => {
    request.headers.set(sessionHeader, name);
    edit?.(request);
  });
  return { ...observed, name };
}

const memberIds = (group: GroupWithMembers) => group.members.map((m) => m.id);

/** The mock's control route, outside the API: GET /__mock/state or POST /__mock/reset. */
async function control(method: "GET" | "POST", route: "state" | "reset", session?: string) {
  const response = await fetch(`${mockUrl()}/__mock/${route}`, {
    method,
    headers: session ? { [sessionHeader]: session } : {},
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

describe("the story's state", () => {
  test("add agent 2 to group 13, then view group 13: agent 2 is a member; remove it: it is gone", async () => {
    const { desk, exchanges } = freshSession();
    expect(memberIds(await desk.groups.get(13))).toEqual([]);
    const added = await desk.groups.addMember(13, 2);
    expect(memberIds(added)).toEqual([2]);
    const viewed = await desk.groups.get(13);
    expect(viewed).toEqual(added);
    expect(viewed.members[0]).toMatchObject({ id: 2, displayName: "katherine" });
    const removed = await desk.groups.removeMember(13, "2");
    expect(memberIds(removed)).toEqual([]);
    expect(memberIds(await desk.groups.get(13))).toEqual([]);
    expect(violationsOf(exchanges)).toEqual([]);
    for (const e of exchanges) expect(e.status).toBe(200);
  });

  test("adding a member again, and removing a non-member, answer the group unchanged", async () => {
    const { desk } = freshSession();
    const before = await desk.groups.get(77);
    expect(memberIds(before)).toEqual([28]);
    expect(await desk.groups.addMember(77, 28)).toEqual(before);
    expect(await desk.groups.removeMember(77, 2)).toEqual(before);
    await desk.groups.addMember(77, 2);
    expect(memberIds(await desk.groups.addMember(77, 2))).toEqual([28, 2]);
  });

  test("a group the state does not have is a 404 whose Error body names it", async () => {
    const { desk, exchanges } = freshSession();
    const error = await desk.groups.get(999_999).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeskNotFoundError);
    expect((error as DeskNotFoundError).body).toEqual({
      message: "Group 999999 does not exist.",
      error: true,
    });
    expect(validateResponse("getGroup", 404, (error as DeskNotFoundError).body)).toEqual([]);
    const adding = await desk.groups.addMember(999_999, 2).catch((e: unknown) => e);
    expect((adding as DeskNotFoundError).status).toBe(404);
    expect(violationsOf(exchanges)).toEqual([]);
  });

  test.each([
    ["addMember", "addGroupMember"],
    ["removeMember", "removeGroupMember"],
  ] as const)("%s of an agent the state does not know is a 404 naming the agent", async (method, id) => {
    const { desk } = freshSession();
    const error = await desk.groups[method](13, 5).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeskNotFoundError);
    const body = (error as DeskNotFoundError).body as { message: string };
    expect(body.message).toMatch(/^Agent 5 does not exist \(the agents this mock knows: 28, 2\)\.$/);
    expect(validateResponse(id, 404, body)).toEqual([]);
    expect(memberIds(await desk.groups.get(13))).toEqual([]);
  });
});

describe("pages over the stored groups", () => {
  test("limit and offset page through the state; previous and next are absolute URLs on the mock's origin", async () => {
    const { desk, exchanges } = freshSession();
    const at = (offset: number) => `${mockUrl()}/groups?limit=2&offset=${offset}`;
    const middle = await desk.groups.list({ limit: 2, offset: 2 });
    expect(middle).toEqual({
      count: 5,
      previous: at(0),
      next: at(4),
      results: [expect.objectContaining({ id: 77 }), expect.objectContaining({ id: 80 })],
    });
    expect(await desk.groups.list({ limit: 2, offset: 4 })).toMatchObject({ previous: at(2), next: null });
    expect(await desk.groups.list({ limit: 2, offset: 6 })).toMatchObject({
      previous: at(4),
      next: null,
      results: [],
    });
    const first = await desk.groups.list();
    const { limit, offset } = spec.operations.listGroups.parameters.query;
    expect([limit.default, offset.default]).toEqual([50, 0]);
    expect(first).toMatchObject({ count: 5, previous: null, next: null });
    for (const page of [middle, first]) expect(validateResponse("listGroups", 200, page)).toEqual([]);
    expect(violationsOf(exchanges)).toEqual([]);
  });

  test("for await over list() follows the mock's own next links to every group, once each", async () => {
    const { desk, exchanges } = freshSession();
    const ids: number[] = [];
    for await (const group of desk.groups.list({ limit: 2 })) ids.push(group.id);
    expect(ids).toEqual([13, 42, 77, 80, 91]);
    expect(exchanges.map((e) => e.url.searchParams.get("offset") ?? "0")).toEqual(["0", "2", "4"]);
  });
});

describe("Prefer answers Prism's example or error, for that request only, without touching the state", () => {
  test("Prefer: code=503 on an add changes nothing; Prefer: example=AgentAdded answers the example", async () => {
    const { desk } = freshSession();
    const failing = freshSession(prefer("code=503"));
    const error = await failing.desk.groups.addMember(13, 2).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeskServerError);

    const exampled = freshSession(prefer("example=AgentAdded"));
    const example = await exampled.desk.groups.addMember(13, 2);
    expect(example.id).toBe(77); // the example, whatever the group asked for
    for (const name of [failing.name, exampled.name]) {
      const { body } = await control("GET", "state", name);
      const group13 = (body as { groups: GroupWithMembers[] }).groups.find((g) => g.id === 13)!;
      expect(memberIds(group13)).toEqual([]);
    }
    expect(memberIds(await desk.groups.get(13))).toEqual([]);
  });

  test.each([
    ["code=999", /code=999 is not a status getGroup documents \(use one of 200, 400, 401, 403, 404/],
    [
      "example=Nope",
      /example=Nope is not an example of getGroup's 200 answer \(use one of ViewGroup, GroupWithoutMembers\)/,
    ],
  ])(
    "an unknown Prefer value (%s) is a 400 naming it and the valid ones, not the API's 404",
    async (value, rule) => {
      const response = await fetch(`${mockUrl()}/groups/77`, { headers: clientHeaders({ Prefer: value }) });
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toBe("application/json");
      const body = (await response.json()) as { message: string };
      expect(body.message).toMatch(/^request\.header\.prefer: /);
      expect(body.message).toMatch(rule);
      expect(validateResponse("getGroup", 400, body)).toEqual([]);
    },
  );
});

describe("a body that is not JSON", () => {
  test("is a 400 with the spec's Error body naming the rule, not Prism's invalid_json object", async () => {
    const response = await fetch(`${mockUrl()}/groups/77/membership`, {
      method: "POST",
      headers: clientHeaders(),
      body: "{agentId: 2",
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/json");
    const body = (await response.json()) as { message: string; error: boolean };
    expect(validateResponse("addGroupMember", 400, body)).toEqual([]);
    expect(body.error).toBe(true);
    expect(body.message).toMatch(
      /^request\.body: Request body must be JSON \(the content type says application\/json\): /,
    );
  });
});

describe("sessions and reset, for suites not written in JavaScript", () => {
  test("a named session has its own state; requests without the header share the default one", async () => {
    const a = freshSession();
    const b = freshSession();
    await a.desk.groups.addMember(80, 28);
    expect(memberIds(await a.desk.groups.get(80))).toEqual([28]);
    expect(memberIds(await b.desk.groups.get(80))).toEqual([]);
    const plain = await fetch(`${mockUrl()}/groups/80`, { headers: clientHeaders() });
    expect(memberIds((await plain.json()) as GroupWithMembers)).toEqual([]);
  });

  test("GET /__mock/state shows the session's state; POST /__mock/reset with the header restores its seed (204)", async () => {
    const { desk, name } = freshSession();
    await desk.groups.addMember(42, 2);
    await desk.groups.removeMember(77, 28);
    const { status, body } = await control("GET", "state", name);
    expect(status).toBe(200);
    const state = body as { session: string; groups: GroupWithMembers[]; agents: { id: number }[] };
    expect(state.session).toBe(name);
    expect(state.groups.map((g) => [g.id, memberIds(g)])).toEqual([
      [13, []],
      [42, [2]],
      [77, []],
      [80, []],
      [91, []],
    ]);
    expect(state.agents.map((agent) => agent.id).sort((x, y) => x - y)).toEqual([2, 28]);
    expect(await control("POST", "reset", name)).toEqual({ status: 204, body: undefined });
    expect(memberIds(await desk.groups.get(42))).toEqual([]);
    expect(memberIds(await desk.groups.get(77))).toEqual([28]);
  });

  test("the control routes answer a wrong method with 405 and an unknown route with 404, in the Error shape", async () => {
    expect(await control("GET", "reset")).toEqual({
      status: 405,
      body: { message: "GET /__mock/reset: use POST", error: true },
    });
    const unknown = await fetch(`${mockUrl()}/__mock/nope`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { message: string }).message).toContain(
      "/__mock/reset and /__mock/state",
    );
  });
});
