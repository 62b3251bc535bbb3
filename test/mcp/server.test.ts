// The MCP server through the SDK's own client, in-process, against the Prism mock: what it lists
// (schemas from the spec, write tools only when allowed), what each call sends and returns (the
// SDK client validates every structuredContent against the tool's outputSchema), and how failures
// come back: as isError results an assistant can read, with the token nowhere.
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { schemas } from "../../generated/spec.js";
import { createDeskClient } from "../../src/index.js";
import { createDeskTools, type DeskTool, MAX_PAGES } from "../../src/mcp/index.js";
import { violationsOf } from "../contract/observed.js";
import { connect, type Harness } from "./harness.js";

// The catalogue is the one place an operation becomes a tool: the lists come from it.
const catalogue = createDeskTools(createDeskClient({ baseUrl: "http://127.0.0.1:9", apiToken: "t" }));
const READ_TOOLS = catalogue.filter((t) => t.annotations.readOnlyHint === true).map((t) => t.name);
const WRITE_TOOLS = catalogue.filter((t) => t.annotations.readOnlyHint !== true).map((t) => t.name);

/** Every `type` keyword in a schema, at any depth. */
function typesIn(schema: unknown): unknown[] {
  if (typeof schema !== "object" || schema === null) return [];
  const own = !Array.isArray(schema) && "type" in schema ? [(schema as { type: unknown }).type] : [];
  return [...own, ...Object.values(schema).flatMap(typesIn)];
}

let h: Harness;
afterEach(() => h?.close());

const call = async (name: string, args?: Record<string, unknown>) =>
  (await h.client.callTool({ name, arguments: args })) as CallToolResult;
const textOf = (result: CallToolResult) =>
  result.content.map((part) => (part.type === "text" ? part.text : "")).join("\n");

describe("tools/list", () => {
  it("offers only the read-only tools unless writes are allowed", async () => {
    h = await connect();
    const { tools } = await h.client.listTools();
    expect(tools.map((t) => t.name)).toEqual(READ_TOOLS);
    for (const tool of tools) expect(tool.annotations).toMatchObject({ readOnlyHint: true });
  });

  it("offers the write tools too with writes allowed, annotated idempotent, removal destructive", async () => {
    h = await connect({ allowWrites: true });
    const { tools } = await h.client.listTools();
    expect(tools.map((t) => t.name)).toEqual([...READ_TOOLS, ...WRITE_TOOLS]);
    const byName = Object.fromEntries(tools.map((t) => [t.name, t.annotations]));
    expect(byName.add_group_member).toMatchObject({
      readOnlyHint: false,
      idempotentHint: true,
      destructiveHint: false,
    });
    expect(byName.remove_group_member).toMatchObject({
      readOnlyHint: false,
      idempotentHint: true,
      destructiveHint: true,
    });
  });

  it("derives every input and output schema from the spec", async () => {
    h = await connect({ allowWrites: true });
    const tools = Object.fromEntries((await h.client.listTools()).tools.map((t) => [t.name, t]));
    const { limit, offset } = schemas.listGroups.parameters;
    expect(tools.list_groups!.inputSchema.properties).toEqual({
      limit: { ...limit.schema, description: limit.description },
      offset: { ...offset.schema, description: offset.description },
      all: expect.objectContaining({ type: "boolean" }),
    });
    const groupId = schemas.getGroup.parameters.group_id;
    for (const name of ["get_group", ...WRITE_TOOLS]) {
      expect(tools[name]!.inputSchema).toMatchObject({
        type: "object",
        properties: { group_id: { ...groupId.schema, description: groupId.description } },
        additionalProperties: false,
      });
    }
    expect(tools.add_group_member!.inputSchema.properties!.agent_id).toEqual(
      schemas.addGroupMember.body.properties.agentId,
    );
    expect(tools.add_group_member!.inputSchema.required).toEqual(["group_id", "agent_id"]);
    const list = tools.list_groups!.outputSchema!;
    expect(list.required).toEqual(schemas.listGroups.response.required);
    expect(list.properties!.count).toEqual(schemas.listGroups.response.properties.count);
    const { description, format } = schemas.listGroups.response.properties.next;
    expect(list.properties!.next).toEqual({
      description,
      anyOf: [{ type: "string", format }, { type: "null" }],
    });
    const parts = schemas.getGroup.response.allOf.map((part) => (part as { required?: unknown }).required);
    for (const name of ["get_group", ...WRITE_TOOLS]) {
      const output = tools[name]!.outputSchema as { type: string; allOf: { required?: unknown }[] };
      expect(output.type).toBe("object");
      expect(output.allOf.map((part) => part.required)).toEqual(parts);
    }
  });

  it('writes no type as an array (`["string", "null"]`), which some clients\' schema dialects refuse', async () => {
    h = await connect({ allowWrites: true });
    const { tools } = await h.client.listTools();
    const types = tools.flatMap((t) => [...typesIn(t.inputSchema), ...typesIn(t.outputSchema)]);
    expect(types.length).toBeGreaterThan(10);
    expect(types.filter((type) => typeof type !== "string")).toEqual([]);
    // The spec itself does use them: the conversion is what removes them.
    expect(typesIn(schemas).filter(Array.isArray).length).toBeGreaterThan(0);
  });

  it("describes each tool in words an assistant can act on", async () => {
    h = await connect({ allowWrites: true });
    const tools = Object.fromEntries((await h.client.listTools()).tools.map((t) => [t.name, t.description]));
    expect(tools.list_groups).toContain("Team on the Sendbird Dashboard");
    expect(tools.list_groups).toContain(`up to ${MAX_PAGES}`);
    expect(tools.get_group).toMatch(/members/);
    for (const name of WRITE_TOOLS) expect(tools[name]).toMatch(/agent's numeric ID/);
  });
});

describe("tools/call against the mock", () => {
  it("list_groups returns one page as structured content and as JSON text", async () => {
    h = await connect();
    const result = await call("list_groups", { limit: 5, offset: 10 });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ count: expect.any(Number), results: expect.any(Array) });
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
    expect(h.exchanges.map((e) => e.url.search)).toEqual(["?limit=5&offset=10"]);
    expect(violationsOf(h.exchanges)).toEqual([]);
  });

  it(`list_groups with all: true walks the pages, at most ${MAX_PAGES}, and says where to go on`, async () => {
    // A list longer than the bound: every page has a `next`, and new groups.
    const max = schemas.listGroups.parameters.limit.schema.maximum;
    const asked: URLSearchParams[] = [];
    const desk = createDeskClient({
      baseUrl: "http://127.0.0.1:9",
      apiToken: "t",
      fetch: async (request) => {
        const { searchParams } = new URL(request.url);
        asked.push(searchParams);
        const offset = Number(searchParams.get("offset"));
        const results = Array.from({ length: max }, (_, i) => ({
          id: offset + i + 1,
          name: "g",
          key: "g",
          project: 1,
          createdAt: "2020-01-01T00:00:00Z",
          createdBy: 1,
          description: null,
        }));
        const next = `https://desk.example/groups?limit=${max}&offset=${offset + max}`;
        return Response.json({ count: 100 * max, previous: null, next, results });
      },
    });
    h = await connect({ desk });
    const result = await call("list_groups", { all: true });
    expect(asked.map((q) => q.get("limit"))).toEqual(Array(MAX_PAGES).fill(String(max)));
    const offsets = asked.map((q) => Number(q.get("offset")));
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(new Set(offsets).size).toBe(MAX_PAGES);
    const page = result.structuredContent as { next: string | null; results: { id: number }[] };
    expect(page.next).not.toBeNull();
    // The same groups on every page are listed once.
    expect(new Set(page.results.map((g) => g.id)).size).toBe(page.results.length);
    expect(textOf(result)).toContain(`Stopped after ${MAX_PAGES} pages`);
  });

  it("list_groups with all: true stops at the last page, listing a group shifted across pages once", async () => {
    const group = (id: number) => ({
      id,
      name: `g${id}`,
      key: `g${id}`,
      project: 1,
      createdAt: "2020-01-01T00:00:00Z",
      createdBy: 1,
      description: null,
    });
    const link = (offset: number) => `https://desk.example/groups?limit=2&offset=${offset}`;
    // Three pages of two; a group created meanwhile pushes group 2 onto the second page.
    const pages: Record<string, object> = {
      "0": { count: 5, previous: null, next: link(2), results: [group(1), group(2)] },
      "2": { count: 5, previous: link(0), next: link(4), results: [group(2), group(3)] },
      "4": { count: 5, previous: link(2), next: null, results: [group(4)] },
    };
    const asked: string[] = [];
    const desk = createDeskClient({
      baseUrl: "http://127.0.0.1:9",
      apiToken: "t",
      fetch: async (request) => {
        const { searchParams } = new URL(request.url);
        asked.push(searchParams.toString());
        return Response.json(pages[searchParams.get("offset") ?? "0"]);
      },
    });
    h = await connect({ desk });
    const result = await call("list_groups", { all: true, limit: 2 });
    expect(asked).toEqual(["limit=2", "limit=2&offset=2", "limit=2&offset=4"]);
    expect(result.structuredContent).toEqual({
      count: 5,
      previous: null,
      next: null,
      results: [1, 2, 3, 4].map(group),
    });
    expect(result.content).toHaveLength(1); // no note: nothing remains
  });

  it("get_group returns the group with its members", async () => {
    h = await connect();
    const result = await call("get_group", { group_id: 77 });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ id: 77, members: expect.any(Array) });
    expect(h.exchanges.map((e) => `${e.method} ${e.url.pathname}`)).toEqual(["GET /groups/77"]);
  });

  it.each([
    ["add_group_member", "POST", 28],
    ["remove_group_member", "DELETE", "28"],
  ])("%s sends %s with the agent in the body and returns the group", async (name, method, agent) => {
    h = await connect({ allowWrites: true });
    const result = await call(name, { group_id: 77, agent_id: agent });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ members: expect.any(Array) });
    expect(h.exchanges.map((e) => [e.method, e.url.pathname, JSON.parse(e.body)])).toEqual([
      [method, "/groups/77/membership", { agentId: agent }],
    ]);
    expect(violationsOf(h.exchanges)).toEqual([]);
  });

  it("refuses a write tool on a read-only server and says how to enable it, sending nothing", async () => {
    h = await connect();
    for (const name of WRITE_TOOLS)
      await expect(call(name, { group_id: 77, agent_id: 28 })).rejects.toThrow(
        `${name} changes data and this server is read-only: start it with --allow-writes (or env SENDBIRD_DESK_MCP_ALLOW_WRITES=1)`,
      );
    expect(h.exchanges).toEqual([]);
  });

  it("answers an unknown tool with a protocol error naming the tools", async () => {
    h = await connect();
    await expect(call("delete_group", { group_id: 77 })).rejects.toThrow(
      `Unknown tool "delete_group": the tools are ${READ_TOOLS.join(", ")}`,
    );
  });
});

describe("failures come back as isError results", () => {
  it.each([
    ["code=404", "failed with 404 Not Found", ". Check the IDs: list_groups lists the groups"],
    [
      "code=429",
      "failed with 429 Too Many Requests",
      ". The API is limiting requests: wait 1 s before calling again",
    ],
    ["code=500", "failed with 500 Internal Server Error", "failed with 500"],
  ])("Prism's %s, and the next call succeeds", async (prefer, message, hint) => {
    h = await connect();
    h.prefer(prefer);
    const failed = await call("get_group", { group_id: 77 });
    expect(failed.isError).toBe(true);
    expect(failed.structuredContent).toBeUndefined();
    expect(textOf(failed)).toContain(`GET ${process.env.DESK_MOCK_URL}/groups/77 ${message}`);
    expect(textOf(failed)).toContain(hint);
    h.prefer(undefined);
    const next = await call("get_group", { group_id: 77 });
    expect(next.isError).toBeFalsy();
    expect(next.structuredContent).toMatchObject({ id: 77 });
  });

  it("a hint follows the error's own words after a full stop, whatever the server's message ends with", async () => {
    const desk = createDeskClient({
      baseUrl: "http://127.0.0.1:9",
      apiToken: "hint-token-0815",
      fetch: async () =>
        Response.json({ message: "no such group in the specification file" }, { status: 404 }),
    });
    h = await connect({ desk });
    const text = textOf(await call("get_group", { group_id: 77 }));
    expect(text).toMatch(/no such group in the specification file\. Check the IDs: /);
  });

  it.each([
    [{ group_id: 0 }, "group_id: 0 is not valid: must be an integer from 1 to 9007199254740991"],
    [{ group_id: -3 }, "group_id: -3 is not valid: must be an integer from 1 to 9007199254740991"],
    [{ group_id: 1.5 }, "group_id: 1.5 is not valid: must be an integer from 1 to 9007199254740991"],
    [{ group_id: "77" }, 'group_id: "77" is not valid: must be an integer from 1 to 9007199254740991'],
    [{ group_id: null }, "group_id: null is not valid: must be an integer from 1 to 9007199254740991"],
    [{}, "group_id is required"],
    [undefined, "group_id is required"],
    [{ group_id: 77, groupId: 77 }, "groupId is not an argument (the arguments are group_id)"],
  ])(
    "a bad group_id %j is refused by the client's own check, naming the argument and the rule, nothing sent",
    async (args, problem) => {
      h = await connect();
      const result = await call("get_group", args);
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe(
        `Invalid arguments for get_group: ${problem}. Fix the argument and call again.`,
      );
      expect(h.exchanges).toEqual([]);
    },
  );

  it("a bad agent_id or limit is refused with the rule from the spec", async () => {
    h = await connect({ allowWrites: true });
    const agent = await call("add_group_member", { group_id: 77, agent_id: "julia" });
    expect(textOf(agent)).toContain(
      'agent_id: "julia" is not valid: must be an integer from 1 to 9007199254740991, or must be 1 to 32 characters matching ^[1-9][0-9]*$.',
    );
    const limit = await call("list_groups", { limit: 501 });
    expect(textOf(limit)).toContain("limit: 501 is not valid: must be an integer from 1 to 500.");
    const all = await call("list_groups", { all: "yes" });
    expect(textOf(all)).toContain('all: "yes" is not valid: must be true or false.');
    expect(h.exchanges).toEqual([]);
  });

  it("an unexpected error in a tool is a result too, and the server goes on", async () => {
    const broken: DeskTool = {
      name: "broken",
      title: "Broken",
      description: "Always throws.",
      inputSchema: { type: "object", properties: {}, required: [], additionalProperties: false },
      outputSchema: { type: "object" },
      annotations: { readOnlyHint: true },
      call: () => Promise.reject(new TypeError("cannot read secret-sauce")),
    };
    h = await connect({ extraTools: [broken], secrets: ["secret-sauce"] });
    const result = await call("broken");
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe("broken failed unexpectedly: cannot read [redacted]");
    expect(h.log.join("")).toContain(
      "sendbird-desk-mcp error: broken: unexpected TypeError: cannot read [redacted]",
    );
    expect((await call("get_group", { group_id: 77 })).isError).toBeFalsy();
  });
});

describe("the API token", () => {
  const canary = "CANARY-e2b1c0ffee-token";
  /** A server that echoes the token it receives: in a 401 error body, or in a group's description. */
  const echoing = (status: number) =>
    createDeskClient({
      baseUrl: "http://127.0.0.1:9",
      apiToken: canary,
      maxRetries: 0,
      fetch: async (request) => {
        const token = request.headers.get("SENDBIRDDESKAPITOKEN");
        const body =
          status === 200
            ? { id: 77, name: "n", key: "k", project: 1, createdAt: "2020-01-01T00:00:00Z", createdBy: 1 }
            : { message: `token ${token} is not valid` };
        return Response.json({ ...body, description: `seen ${token}`, members: [] }, { status });
      },
    });

  it("is in no error result: the client masks it, even when the server echoes it", async () => {
    h = await connect({ desk: echoing(401) }); // no `secrets`: the client's own masking
    const result = await call("get_group", { group_id: 77 });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("401");
    expect(JSON.stringify(result)).not.toContain(canary);
    expect(h.log.join("")).not.toContain(canary);
  });

  it("is in no successful result either: the server masks what a body echoes", async () => {
    h = await connect({ desk: echoing(200), secrets: [canary] });
    const result = await call("get_group", { group_id: 77 });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ description: "seen [redacted]" });
    expect(JSON.stringify(result)).not.toContain(canary);
  });
});
