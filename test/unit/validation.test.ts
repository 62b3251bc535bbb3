// Bad input throws DeskValidationError naming the field, the value and the rule, and
// nothing is sent. Bounds are read from the spec's table, not copied.

import { spec } from "../../generated/spec.js";
import { createDeskClient, DeskValidationError } from "../../src/index.js";
import { caught, client, json, TOKEN, withMembers } from "./fake-fetch.js";

const { limit, offset } = spec.operations.listGroups.parameters.query;
const [, agentString] = spec.operations.removeGroupMember.body.fields.agentId.oneOf;

describe("arguments", () => {
  const bad: [string, (desk: ReturnType<typeof client>["desk"]) => unknown, string, unknown][] = [
    [
      "limit below the minimum",
      (d) => d.groups.list({ limit: limit.minimum - 1 }),
      "limit",
      limit.minimum - 1,
    ],
    [
      "limit above the maximum",
      (d) => d.groups.list({ limit: limit.maximum + 1 }),
      "limit",
      limit.maximum + 1,
    ],
    ["a fractional limit", (d) => d.groups.list({ limit: 2.5 }), "limit", 2.5],
    ["a string limit", (d) => d.groups.list({ limit: "5" as never }), "limit", "5"],
    ["a negative offset", (d) => d.groups.list({ offset: offset.minimum - 1 }), "offset", offset.minimum - 1],
    ["a NaN offset", (d) => d.groups.list({ offset: NaN }), "offset", NaN],
    ["an unknown list parameter", (d) => d.groups.list({ limt: 5 } as never), "limt", 5],
    ["list params that are not an object", (d) => d.groups.list(5 as never), "params", 5],
    ["group id 0", (d) => d.groups.get(0), "groupId", 0],
    ["a negative group id", (d) => d.groups.get(-3), "groupId", -3],
    ["an unsafe group id", (d) => d.groups.get(2 ** 53), "groupId", 2 ** 53],
    ["a string group id", (d) => d.groups.get("77" as never), "groupId", "77"],
    ["a missing group id", (d) => (d.groups.get as (id?: number) => unknown)(), "groupId", undefined],
    ["agent id 0", (d) => d.groups.addMember(1, 0), "agentId", 0],
    ["an empty agent id", (d) => d.groups.addMember(1, ""), "agentId", ""],
    [
      "a huge agent id",
      (d) => d.groups.removeMember(1, "9".repeat(agentString.maxLength + 1)),
      "agentId",
      "9".repeat(agentString.maxLength + 1),
    ],
    ["a non-numeric agent id", (d) => d.groups.removeMember(1, "ag\u00e9nt"), "agentId", "ag\u00e9nt"],
    ["an agent id with a dot segment", (d) => d.groups.addMember(1, ".."), "agentId", ".."],
    ["a zero timeout", (d) => d.groups.get(1, { timeoutMs: 0 }), "timeoutMs", 0],
    ["a string timeout", (d) => d.groups.get(1, { timeoutMs: "5" as never }), "timeoutMs", "5"],
    ["negative retries", (d) => d.groups.get(1, { maxRetries: -1 }), "maxRetries", -1],
    ["a signal that is not one", (d) => d.groups.get(1, { signal: {} as never }), "signal", {}],
    ["options that are not an object", (d) => d.groups.get(1, 7 as never), "options", 7],
  ];

  it.each(bad)("%s: throws, names field, value and rule, sends nothing", async (_what, run, field, value) => {
    const { desk, seen } = client([json(withMembers(1))]);
    const error = await caught(() => run(desk));
    expect(error).toBeInstanceOf(DeskValidationError);
    expect(error.field).toBe(field);
    expect(error.value).toEqual(value);
    expect(error.rule).toEqual(expect.any(String));
    expect(error.message).toContain(`${field}: `);
    expect(error.message).toContain(error.rule);
    expect(seen).toHaveLength(0);
  });

  it("states the spec's bounds in the rule", async () => {
    const { desk } = client([]);
    const error = await caught(() => desk.groups.list({ limit: 0 }));
    expect(error.message).toBe(
      `limit: 0 is not valid: must be an integer from ${limit.minimum} to ${limit.maximum}`,
    );
  });

  it("accepts the bounds themselves", async () => {
    const page = { count: 0, previous: null, next: null, results: [] };
    const { desk, seen } = client([json(page)]);
    await desk.groups.list({ limit: limit.minimum, offset: offset.minimum });
    await desk.groups.list({ limit: limit.maximum });
    await desk.groups.addMember(1, "1");
    expect(seen.map((r) => r.url.slice(r.url.indexOf("/groups")))).toEqual([
      "/groups?limit=1&offset=0",
      "/groups?limit=500",
      "/groups/1/membership",
    ]);
  });

  it("shortens a huge value in the message", async () => {
    const { desk } = client([]);
    const error = await caught(() => desk.groups.addMember(1, "x".repeat(10_000)));
    expect(error.message.length).toBeLessThan(300);
  });
});

describe("client options", () => {
  const make = (options: object) =>
    caught(() => createDeskClient({ fetch: async () => json({}), ...options }));

  it.each([
    ["no token", { applicationId: "app1" }, "apiToken"],
    ["an empty token", { applicationId: "app1", apiToken: "" }, "apiToken"],
    ["no application ID nor base URL", { apiToken: TOKEN }, "applicationId"],
    [
      "an application ID that would change the host",
      { apiToken: TOKEN, applicationId: "x.evil.example/" },
      "applicationId",
    ],
    ["an application ID that is not a string", { apiToken: TOKEN, applicationId: 42 }, "applicationId"],
    [
      "a plain-http base URL off loopback",
      { apiToken: TOKEN, baseUrl: "http://desk.example.com" },
      "baseUrl",
    ],
    [
      "a base URL with credentials",
      { apiToken: TOKEN, baseUrl: "https://user:pw@desk.example.com" },
      "baseUrl",
    ],
    ["a base URL with a query", { apiToken: TOKEN, baseUrl: "https://desk.example.com/?a=1" }, "baseUrl"],
    ["a base URL that is not a URL", { apiToken: TOKEN, baseUrl: "not a url" }, "baseUrl"],
    ["a bad timeout", { apiToken: TOKEN, applicationId: "a", timeoutMs: -1 }, "timeoutMs"],
    ["too many retries", { apiToken: TOKEN, applicationId: "a", maxRetries: 11 }, "maxRetries"],
    ["a fetch that is not a function", { apiToken: TOKEN, applicationId: "a", fetch: "fetch" }, "fetch"],
    ["a user agent with a newline", { apiToken: TOKEN, applicationId: "a", userAgent: "a\nb" }, "userAgent"],
  ])("%s is refused at construction", async (_what, options, field) => {
    const saved = { ...process.env };
    delete process.env.SENDBIRD_APP_ID;
    delete process.env.SENDBIRD_DESK_API_TOKEN;
    try {
      const error = await make(options);
      expect(error).toMatchObject({ name: "DeskValidationError", field });
    } finally {
      process.env = saved;
    }
  });

  it("refuses options that are not an object", async () => {
    expect(await caught(() => createDeskClient(null as never))).toMatchObject({ field: "options" });
  });

  it("refuses a token that cannot be a header value, without echoing it", async () => {
    const error = await make({ applicationId: "a", apiToken: "sec ret\n" });
    expect(error).toMatchObject({ field: "apiToken", value: "[redacted]" });
    expect(error.message).not.toContain("sec ret");
  });

  it("accepts an https base URL and loopback http", () => {
    expect(createDeskClient({ baseUrl: "https://proxy.example.com/desk/v1", apiToken: TOKEN }).baseUrl).toBe(
      "https://proxy.example.com/desk/v1",
    );
    expect(createDeskClient({ baseUrl: "http://localhost:4010", apiToken: TOKEN }).baseUrl).toBe(
      "http://localhost:4010",
    );
  });
});

describe("in a browser", () => {
  const g = globalThis as Record<string, unknown>;
  beforeEach(() => {
    g.window = { document: {} };
    g.navigator ??= { userAgent: "test" };
  });
  afterEach(() => {
    delete g.window;
  });

  it("construction throws unless dangerouslyAllowBrowser is true", async () => {
    const error = await caught(() => createDeskClient({ applicationId: "a", apiToken: TOKEN }));
    expect(error).toMatchObject({ name: "DeskValidationError", field: "dangerouslyAllowBrowser" });
    expect(error.rule).toMatch(/server-side only/);
    expect(
      createDeskClient({ applicationId: "a", apiToken: TOKEN, dangerouslyAllowBrowser: true }).baseUrl,
    ).toContain("desk-api-a");
  });
});

describe("list() with bad input", () => {
  it("rejects when awaited or iterated, like the other methods, and sends nothing", async () => {
    const { desk, seen } = client([json({ count: 0, previous: null, next: null, results: [] })]);
    const pending = desk.groups.list({ limit: 0 });
    await expect(pending).rejects.toMatchObject({ name: "DeskValidationError", field: "limit" });
    const iterated = await caught(async () => {
      for await (const _ of desk.groups.list({ offset: -1 })) void _;
    });
    expect(iterated).toMatchObject({ name: "DeskValidationError", field: "offset" });
    expect(
      await desk.groups.list({ limit: 2 }, { timeoutMs: -5 }).catch((e: unknown) => (e as Error).message),
    ).toContain("timeoutMs");
    expect(seen).toHaveLength(0);
  });
});
