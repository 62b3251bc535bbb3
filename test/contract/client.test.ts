// The client and the spec agree, proven through a real Prism process: every operation,
// called through the public API, passes Prism's request validation and gets a body that
// validates against the bundled spec; every documented error status maps to its class.

import type { components } from "../../generated/openapi.js";
import { spec } from "../../generated/spec.js";
import {
  createDeskClient,
  DeskApiError,
  DeskAuthenticationError,
  DeskBadRequestError,
  type DeskClient,
  DeskNotFoundError,
  DeskPermissionDeniedError,
  DeskRateLimitError,
  DeskServerError,
  isDeskApiError,
  isDeskError,
} from "../../src/index.js";
import { deref, type Json, operations } from "../helpers/spec.js";
import { documentedStatuses, mockToken, mockUrl, type OperationId, validateResponse } from "./mock.js";
import { observedClient, prefer, violationsOf } from "./observed.js";

type Schemas = components["schemas"];

/** Each operation, called the way a user calls it. The return types are the generated ones. */
const calls: Record<
  OperationId,
  (desk: DeskClient) => Promise<Schemas["GroupList"] | Schemas["GroupWithMembers"]>
> = {
  listGroups: async (desk) => {
    const page: Schemas["GroupList"] = await desk.groups.list({ limit: 5, offset: 10 });
    return page;
  },
  getGroup: async (desk) => {
    const group: Schemas["GroupWithMembers"] = await desk.groups.get(77);
    return group;
  },
  addGroupMember: (desk) => desk.groups.addMember(77, 2),
  removeGroupMember: (desk) => desk.groups.removeMember(77, "2"),
};

const errorClasses: Record<string, typeof DeskApiError> = {
  "400": DeskBadRequestError,
  "401": DeskAuthenticationError,
  "403": DeskPermissionDeniedError,
  "404": DeskNotFoundError,
  "408": DeskApiError, // a load balancer's timeout: no class of its own, retried
  "429": DeskRateLimitError,
  "500": DeskServerError,
  "502": DeskServerError,
  "503": DeskServerError,
  "504": DeskServerError,
};

/** The `message` of the spec's example body for (operation, status). */
function exampleMessage(id: OperationId, status: string): string {
  const op = operations().find((o) => o.id === id)!.op;
  const examples: Json = deref(op.responses[status]).content["application/json"].examples;
  return (Object.values<Json>(examples).map(deref)[0] as Json).value.message;
}

const ids = Object.keys(spec.operations) as OperationId[];

test("there is a call for every operation of the spec, and only those", () => {
  expect(Object.keys(calls).sort()).toEqual(
    operations()
      .map((o) => o.id)
      .sort(),
  );
});

describe.each(ids)("%s through the client", (id) => {
  const { method, path } = spec.operations[id];

  test("Prism finds no violation, and the answer validates against the spec's 200 schema", async () => {
    const { desk, exchanges } = observedClient();
    const body = await calls[id](desk);
    expect(violationsOf(exchanges)).toEqual([]);
    expect(exchanges.map((e) => [e.method, e.status])).toEqual([[method, 200]]);
    expect(validateResponse(id, 200, body)).toEqual([]);
  });

  test("the request carries the token header and the spec's JSON content type, whatever the method", async () => {
    const { desk, exchanges } = observedClient();
    await calls[id](desk);
    const [sent] = exchanges;
    expect(sent!.headers.get(spec.auth.header)).toBe("contract-test-token");
    expect(sent!.headers.get("content-type")).toBe(spec.contentType);
    expect(sent!.url.pathname).toMatch(new RegExp(`^${path.replace(/\{[^{}]+\}/g, "\\d+")}$`));
    expect(sent!.violations).toEqual([]);
  });

  test.each(documentedStatuses(id).filter((s) => s !== "200"))(
    "Prefer: code=%s raises its error class with the status and the body's message",
    async (status) => {
      const { desk, exchanges } = observedClient({ maxRetries: 0 }, prefer(`code=${status}`));
      const error = await calls[id](desk).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(errorClasses[status]);
      expect(isDeskApiError(error)).toBe(true);
      const apiError = error as DeskApiError;
      expect(apiError.status).toBe(Number(status));
      expect(apiError.method).toBe(method);
      expect(apiError.message).toContain(`${method} `);
      expect(apiError.message).toContain(` ${status}`);
      expect(apiError.message).toContain(exampleMessage(id, status));
      expect(apiError.attempts).toBe(1);
      expect(exchanges).toHaveLength(1);
      expect(violationsOf(exchanges)).toEqual([]);
    },
  );

  test("without the token header (stripped by the injected fetch), Prism answers 401: DeskAuthenticationError", async () => {
    // The client refuses to be built without a token, so the header is removed on the way
    // out: this is what a server sees from a client that lost its credential.
    const { desk, exchanges } = observedClient({}, (request) => request.headers.delete(spec.auth.header));
    const error = await calls[id](desk).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeskAuthenticationError);
    expect((error as DeskApiError).status).toBe(401);
    expect(exchanges).toHaveLength(1);
    expect(violationsOf(exchanges).join()).toMatch(/security/i);
  });
});

describe("retries against the mock", () => {
  test.each(["500", "408", "502", "503", "504"])(
    "Prefer: code=%s is retried maxRetries times (default 2: three attempts), then raised with the count",
    async (status) => {
      const { desk, exchanges } = observedClient({}, prefer(`code=${status}`));
      const error = await desk.groups.get(77).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(errorClasses[status]);
      expect((error as DeskApiError).attempts).toBe(3);
      expect(exchanges.map((e) => e.status)).toEqual([status, status, status].map(Number));
      expect((error as DeskApiError).message).toContain("after 3 attempts");
      expect(violationsOf(exchanges)).toEqual([]);
    },
  );

  test("a 503 on the first attempt only: the retry gets the group (the injected fetch asks once)", async () => {
    let asked = 0;
    const { desk, exchanges } = observedClient({}, (request) => {
      if (asked++ === 0) request.headers.set("Prefer", "code=503");
    });
    const group = await desk.groups.get(77);
    expect(group.id).toBe(77);
    expect(exchanges.map((e) => e.status)).toEqual([503, 200]);
  });
});

describe("a request that breaks the spec", () => {
  test("gets a 400 whose message names the broken rule, and the client's error shows it", async () => {
    const { desk, exchanges } = observedClient({ maxRetries: 0 });
    // desk.raw passes the query as given; Prism checks it against the spec's bounds.
    const { error, response } = await desk.raw.GET("/groups", {
      params: { query: { limit: spec.operations.listGroups.parameters.query.limit.minimum - 1 } },
    });
    expect(response.status).toBe(400);
    expect(error).toEqual({
      message: "request.query.limit: Request query parameter limit must be >= 1",
      error: true,
    });
    expect(violationsOf(exchanges)).toEqual([
      "GET /groups: request.query.limit: Request query parameter limit must be >= 1",
    ]);
  });

  test("a body without agentId: DeskBadRequestError whose message names both broken rules", async () => {
    // An injected fetch that sends the wrong key: what a server sees from a broken client.
    const desk = createDeskClient({
      baseUrl: mockUrl(),
      apiToken: mockToken,
      maxRetries: 0,
      fetch: (request: Request) => fetch(new Request(request, { body: JSON.stringify({ agent: 2 }) })),
    });
    const error = await desk.groups.addMember(77, 2).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeskBadRequestError);
    expect((error as DeskApiError).message).toContain(
      "request.body: Request body must have required property 'agentId'; " +
        "request.body: Request body must NOT have additional properties; found 'agent'",
    );
  });
});

describe("the unusual requests pass Prism's validation", () => {
  test("removeMember sends DELETE with the JSON body {agentId} and the JSON content type", async () => {
    const { desk, exchanges } = observedClient();
    await desk.groups.removeMember(77, 28);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]!.method).toBe("DELETE");
    expect(JSON.parse(exchanges[0]!.body)).toEqual({ agentId: 28 });
    expect(exchanges[0]!.headers.get("content-type")).toBe(spec.contentType);
    expect(violationsOf(exchanges)).toEqual([]);
  });

  test("a GET carries the JSON content type and no body, and Prism accepts it", async () => {
    const { desk, exchanges } = observedClient();
    await desk.groups.get(77);
    expect(exchanges[0]!.method).toBe("GET");
    expect(exchanges[0]!.body).toBe("");
    expect(exchanges[0]!.headers.get("content-type")).toBe(spec.contentType);
    expect(violationsOf(exchanges)).toEqual([]);
  });
});

describe("pagination and raw access against the mock", () => {
  test("for await over list() reads the default example: every group of the story, in one request", async () => {
    const { desk, exchanges } = observedClient();
    const ids: number[] = [];
    for await (const group of desk.groups.list({
      limit: spec.operations.listGroups.parameters.query.limit.maximum,
    })) {
      const typed: Schemas["Group"] = group;
      ids.push(typed.id);
    }
    expect(ids).toEqual([13, 42, 77, 80, 91]);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]!.url.searchParams.get("limit")).toBe(
      String(spec.operations.listGroups.parameters.query.limit.maximum),
    );
    expect(violationsOf(exchanges)).toEqual([]);
  });

  test("for await over the FirstPage example follows its next link to the same origin, once per offset", async () => {
    const { desk, exchanges } = observedClient({}, prefer("example=FirstPage"));
    const ids: number[] = [];
    // The mock is static: the second request (offset 2) gets the first page again, which adds
    // nothing, so the iterator stops (how it stops on a page that adds nothing is its own rule).
    const ended = await (async () => {
      for await (const group of desk.groups.list({ limit: 2 })) ids.push(group.id);
    })().then(
      () => "done",
      (e: unknown) => (isDeskError(e) ? "stopped" : e),
    );
    expect(["done", "stopped"]).toContain(ended);
    expect(ids).toEqual([13, 42]);
    const offsets = exchanges.map((e) => e.url.searchParams.get("offset") ?? "0");
    expect(offsets.slice(0, 2)).toEqual(["0", "2"]);
    expect(new Set(offsets).size).toBe(offsets.length);
    expect(exchanges.every((e) => e.url.origin === new URL(desk.baseUrl).origin)).toBe(true);
    expect(violationsOf(exchanges)).toEqual([]);
  });

  test("desk.raw.GET goes through the same auth and content type, and returns the page as data", async () => {
    const { desk, exchanges } = observedClient();
    const { data, error, response } = await desk.raw.GET("/groups", { params: { query: { limit: 5 } } });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(validateResponse("listGroups", 200, data)).toEqual([]);
    expect(exchanges[0]!.headers.get(spec.auth.header)).toBe("contract-test-token");
    expect(violationsOf(exchanges)).toEqual([]);
  });
});
