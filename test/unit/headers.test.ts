// Headers a caller may add (per request beats default beats built-in), the ones only the
// client sets, extra fetch fields, plain-http hosts, and the User-Agent with VERSION.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createDeskClient, DeskValidationError, type FetchFunction, VERSION } from "../../src/index.js";
import { caught, client, json, TOKEN, withMembers } from "./fake-fetch.js";

describe("headers", () => {
  it("per-request beats default beats built-in, on resource methods and desk.raw alike", async () => {
    const defaultHeaders = { Prefer: "code=200", "X-Team": "support", Accept: "application/json" };
    const { desk, seen } = client([json(withMembers(77))], { defaultHeaders });
    await desk.groups.get(77, { headers: { Prefer: "code=404" } });
    await desk.raw.GET("/groups/{group_id}", { params: { path: { group_id: 77 } } });
    expect(seen.map((r) => r.headers.get("prefer"))).toEqual(["code=404", "code=200"]);
    expect(seen.map((r) => r.headers.get("x-team"))).toEqual(["support", "support"]);
    expect(seen[0]!.headers.get("sendbirddeskapitoken")).toBe(TOKEN);
  });

  it.each([
    ["the token header", { SENDBIRDDESKAPITOKEN: "other" }, "headers.sendbirddeskapitoken"],
    ["Content-Type", { "content-type": "text/plain" }, "headers.content-type"],
    ["User-Agent", { "User-Agent": "me" }, "headers.user-agent"],
  ])("refuses %s per request, naming the header, and sends nothing", async (_what, headers, field) => {
    const { desk, seen } = client([json(withMembers(1))]);
    const error = await caught(() => desk.groups.get(1, { headers }));
    expect(error).toBeInstanceOf(DeskValidationError);
    expect(error.field).toBe(field);
    expect(seen).toHaveLength(0);
  });

  it("refuses the owned headers as defaults too, without showing a token value", async () => {
    const error = await caught(() =>
      createDeskClient({
        applicationId: "a",
        apiToken: TOKEN,
        defaultHeaders: { SENDBIRDDESKAPITOKEN: "x1y2" },
      }),
    );
    expect(error).toMatchObject({ field: "defaultHeaders.sendbirddeskapitoken", value: "[redacted]" });
    expect(error.message).not.toContain("x1y2");
  });
});

describe("fetchOptions", () => {
  it("reach the injected fetch, per request over the client's", async () => {
    const calls: (RequestInit | undefined)[] = [];
    const fetch: FetchFunction = async (_request, init) => {
      calls.push(init);
      return json(withMembers(1));
    };
    const dispatcher = { name: "proxy" };
    const desk = createDeskClient({
      applicationId: "a",
      apiToken: TOKEN,
      fetch,
      fetchOptions: { dispatcher, keepalive: true },
    });
    await desk.groups.get(1);
    await desk.groups.get(1, { fetchOptions: { keepalive: false } });
    expect(calls[0]).toEqual({ dispatcher, keepalive: true });
    expect(calls[1]).toEqual({ keepalive: false });
  });

  it.each(["method", "body", "headers", "signal", "redirect"])(
    "refuses %s, which the client owns",
    async (field) => {
      const options = { applicationId: "a", apiToken: TOKEN, fetchOptions: { [field]: "x" } as never };
      expect(await caught(() => createDeskClient(options))).toMatchObject({ field: `fetchOptions.${field}` });
      const { desk } = client([json(withMembers(1))]);
      const error = await caught(() => desk.groups.get(1, { fetchOptions: { [field]: "x" } as never }));
      expect(error).toMatchObject({ name: "DeskValidationError", field: `fetchOptions.${field}` });
    },
  );
});

describe("allowHttp", () => {
  const seenUrls: string[] = [];
  const fetch: FetchFunction = async (request) => {
    seenUrls.push(request.url); // a name only a test rig resolves: the fetch answers for it
    return json(withMembers(1));
  };

  it("refuses plain http on a host that is not loopback, naming the way out", async () => {
    const error = await caught(() =>
      createDeskClient({ baseUrl: "http://prism:4010", apiToken: TOKEN, fetch }),
    );
    expect(error).toMatchObject({ name: "DeskValidationError", field: "baseUrl" });
    expect(error.rule).toContain("allowHttp: true");
  });

  it("allows it with allowHttp: true, and loopback http without it", async () => {
    await createDeskClient({
      baseUrl: "http://prism:4010",
      apiToken: TOKEN,
      fetch,
      allowHttp: true,
    }).groups.get(1);
    await createDeskClient({ baseUrl: "http://127.0.0.1:4010", apiToken: TOKEN, fetch }).groups.get(1);
    expect(seenUrls).toEqual(["http://prism:4010/groups/1", "http://127.0.0.1:4010/groups/1"]);
  });
});

describe("User-Agent and VERSION", () => {
  it("VERSION is the package's version", () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8"));
    expect(VERSION).toBe(pkg.version);
  });

  it("names the package, its version and the runtime, then the caller's userAgent", async () => {
    const { desk, seen } = client([json(withMembers(1))], { userAgent: "desk-bot/2" });
    await desk.groups.get(1);
    expect(seen[0]!.headers.get("user-agent")).toBe(
      `sendbird-desk-platform/${VERSION} node/${process.versions.node} desk-bot/2`,
    );
  });
});
