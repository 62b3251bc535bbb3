// What goes on the wire: URL, method, headers on every request, bodies, encoding.
import { createDeskClient, VERSION } from "../../src/index.js";
import { BASE, caught, client, json, scripted, TOKEN, withMembers } from "./fake-fetch.js";

describe("every request", () => {
  it("goes to the application's host with the token and the vendor's JSON content type, GET included", async () => {
    const { desk, seen } = client([json(withMembers(77))]);
    await desk.groups.get(77);
    expect(seen[0]!.method).toBe("GET");
    expect(seen[0]!.url).toBe(`${BASE}/groups/77`);
    expect(seen[0]!.headers.get("SENDBIRDDESKAPITOKEN")).toBe(TOKEN);
    expect(seen[0]!.headers.get("content-type")).toBe("application/json; charset=utf8");
    expect(seen[0]!.headers.get("user-agent")).toBe(
      `sendbird-desk-platform/${VERSION} node/${process.versions.node}`,
    );
  });

  it("appends the caller's userAgent", async () => {
    const { desk, seen } = client([json(withMembers(1))], { userAgent: "my-app/1.2" });
    await desk.groups.get(1);
    expect(seen[0]!.headers.get("user-agent")).toBe(
      `sendbird-desk-platform/${VERSION} node/${process.versions.node} my-app/1.2`,
    );
  });

  it("sends list parameters as a query", async () => {
    const { desk, seen } = client([json({ count: 0, previous: null, next: null, results: [] })]);
    await desk.groups.list({ limit: 5, offset: 10 });
    expect(seen[0]!.url).toBe(`${BASE}/groups?limit=5&offset=10`);
  });

  it("adds a member with POST and a JSON body", async () => {
    const { desk, seen } = client([json(withMembers(77))]);
    await desk.groups.addMember(77, 28);
    expect(seen[0]).toMatchObject({
      method: "POST",
      url: `${BASE}/groups/77/membership`,
      body: '{"agentId":28}',
    });
    expect(seen[0]!.headers.get("content-type")).toBe("application/json; charset=utf8");
  });

  it("removes a member with DELETE carrying the same JSON body", async () => {
    const { desk, seen } = client([json(withMembers(77))]);
    await desk.groups.removeMember(77, "28");
    expect(seen[0]).toMatchObject({
      method: "DELETE",
      url: `${BASE}/groups/77/membership`,
      body: '{"agentId":"28"}',
    });
    expect(seen[0]!.headers.get("SENDBIRDDESKAPITOKEN")).toBe(TOKEN);
  });

  it("keeps a FormData body's multipart boundary", async () => {
    const { desk, seen } = client([json(withMembers(1))]);
    const form = new FormData();
    form.append("file", new Blob(["hello"], { type: "text/plain" }), "hello.txt");
    await desk.raw.POST("/groups/{group_id}/membership", {
      params: { path: { group_id: 1 } },
      body: form as never,
    });
    const type = seen[0]!.headers.get("content-type")!;
    expect(type).toMatch(/^multipart\/form-data; boundary=/);
    const boundary = type.split("boundary=")[1]!;
    expect(seen[0]!.body).toContain(`--${boundary}`);
    expect(seen[0]!.body).toContain('filename="hello.txt"');
    expect(seen[0]!.headers.get("SENDBIRDDESKAPITOKEN")).toBe(TOKEN);
  });
});

describe("path values", () => {
  it("are percent-encoded", async () => {
    const { desk, seen } = client([json(withMembers(1))]);
    await desk.raw.GET("/groups/{group_id}", { params: { path: { group_id: "a/b c@d" as never } } });
    expect(seen[0]!.url).toBe(`${BASE}/groups/a%2Fb%20c%40d`);
  });

  it.each(["", ".", "..", undefined, null, {}])(
    "refuses %p before sending (openapi-fetch alone would collapse or leave {group_id})",
    async (value) => {
      const { desk, seen } = client([json(withMembers(1))]);
      const error = await caught(() =>
        desk.raw.GET("/groups/{group_id}", { params: { path: { group_id: value as never } } }),
      );
      expect(error).toMatchObject({ name: "DeskValidationError", field: "group_id" });
      expect(seen).toHaveLength(0);
    },
  );

  it("refuses a request whose path parameters were left out entirely", async () => {
    const { desk, seen } = client([json(withMembers(1))]);
    const error = await caught(() => desk.raw.GET("/groups/{group_id}", {} as never));
    expect(error).toMatchObject({
      name: "DeskValidationError",
      field: "url",
      rule: "every path parameter needs a value",
    });
    expect(seen).toHaveLength(0);
  });
});

describe("desk.raw", () => {
  it("is openapi-fetch: typed data, errors returned as { error }, same auth", async () => {
    const { desk, seen } = client([json({ message: "nope" }, 404)], { maxRetries: 0 });
    const result = await desk.raw.GET("/groups/{group_id}", { params: { path: { group_id: 5 } } });
    expect(result.error).toEqual({ message: "nope" });
    expect(result.response.status).toBe(404);
    expect(seen[0]!.headers.get("SENDBIRDDESKAPITOKEN")).toBe(TOKEN);
  });

  it("never sends the token to another origin", async () => {
    const { desk, seen } = client([json({})]);
    const error = await caught(() => desk.raw.GET("/groups", { baseUrl: "https://collector.example.net" }));
    expect(error).toMatchObject({ name: "DeskValidationError", field: "url" });
    expect(error.rule).toContain("https://desk-api-app1.sendbird.com");
    expect(seen).toHaveLength(0);
  });

  it("turns an answer it cannot hand on (status 0, like a browser's opaque redirect) into DeskConnectionError", async () => {
    const { desk } = client([Response.error()], { maxRetries: 0 });
    const error = await caught(() => desk.raw.GET("/groups"));
    expect(error).toMatchObject({ name: "DeskConnectionError", attempts: 1 });
    expect(error.message).toMatch(/^GET \S+\/groups failed: /);
  });
});

describe("base URL", () => {
  it("comes from baseUrl when given, without a trailing slash", async () => {
    const fake = scripted(json(withMembers(3)));
    const desk = createDeskClient({ baseUrl: "http://127.0.0.1:4010/", apiToken: TOKEN, fetch: fake.fetch });
    expect(desk.baseUrl).toBe("http://127.0.0.1:4010");
    await desk.groups.get(3);
    expect(fake.seen[0]!.url).toBe("http://127.0.0.1:4010/groups/3");
  });

  it("falls back to SENDBIRD_APP_ID and SENDBIRD_DESK_API_TOKEN", async () => {
    const saved = { ...process.env };
    process.env.SENDBIRD_APP_ID = "ENV-APP";
    process.env.SENDBIRD_DESK_API_TOKEN = "env-token";
    try {
      const fake = scripted(json(withMembers(3)));
      const desk = createDeskClient({ fetch: fake.fetch });
      await desk.groups.get(3);
      expect(fake.seen[0]!.url).toBe("https://desk-api-env-app.sendbird.com/platform/v1/groups/3");
      expect(fake.seen[0]!.headers.get("SENDBIRDDESKAPITOKEN")).toBe("env-token");
    } finally {
      process.env = saved;
    }
  });

  it("uses the global fetch when none is injected", async () => {
    const original = globalThis.fetch;
    const fake = scripted(json(withMembers(9)));
    globalThis.fetch = fake.fetch as typeof fetch;
    try {
      const desk = createDeskClient({ applicationId: "app1", apiToken: TOKEN });
      expect((await desk.groups.get(9)).id).toBe(9);
      expect(fake.seen).toHaveLength(1);
    } finally {
      globalThis.fetch = original;
    }
  });

  it("honours the per-call settings, as the resource methods do", async () => {
    const { desk, seen } = client([json({ message: "busy" }, 503, { "retry-after-ms": "0" })]);
    const { error, response } = await desk.raw.GET("/groups", { maxRetries: 0 });
    expect([response.status, (error as { message: string }).message]).toEqual([503, "busy"]);
    expect(seen).toHaveLength(1);
    const hang = client([() => new Promise<Response>(() => {})]);
    const timedOut = await caught(() => hang.desk.raw.GET("/groups", { timeoutMs: 5, maxRetries: 0 }));
    expect(timedOut).toMatchObject({ name: "DeskTimeoutError", message: expect.stringContaining("5 ms") });
    const refused = await caught(() => desk.raw.GET("/groups", { maxRetries: -1 }));
    expect(refused).toMatchObject({ name: "DeskValidationError", field: "maxRetries" });
  });
});
