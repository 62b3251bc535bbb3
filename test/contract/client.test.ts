// The client and the spec agree, proven through a real Prism process: every operation,
// called through the public API, passes Prism's request validation and gets a body that
// validates against the bundled spec; every documented error status maps to its class.

import type { components } from "../../generated/openapi.js";
import { spec } from "../../generated/spec.js";
import {
  type DeskApiError,
  DeskAuthenticationError,
  DeskBadRequestError,
  type DeskClient,
  DeskNotFoundError,
  DeskPermissionDeniedError,
  DeskRateLimitError,
  DeskServerError,
  isDeskApiError,
} from "../../src/index.js";
import { deref, type Json, operations } from "../helpers/spec.js";
import { documentedStatuses, type OperationId, validateResponse } from "./mock.js";
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
  addGroupMember: (desk) => desk.groups.addMember(77, 28),
  removeGroupMember: (desk) => desk.groups.removeMember(77, "28"),
};

const errorClasses: Record<string, typeof DeskApiError> = {
  "400": DeskBadRequestError,
  "401": DeskAuthenticationError,
  "403": DeskPermissionDeniedError,
  "404": DeskNotFoundError,
  "429": DeskRateLimitError,
  "500": DeskServerError,
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
    expect(sent!.url.pathname).toMatch(new RegExp(`^${path.replace("{group_id}", "\\d+")}$`));
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
  test("a 500 is retried maxRetries times (default 2: three attempts), then raised with the count", async () => {
    const { desk, exchanges } = observedClient({}, prefer("code=500"));
    const error = await desk.groups.get(77).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeskServerError);
    expect((error as DeskApiError).attempts).toBe(3);
    expect(exchanges.map((e) => e.status)).toEqual([500, 500, 500]);
    expect((error as DeskApiError).message).toContain("after 3 attempts");
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
  test("for await over list() reads the pages it is pointed to, once per offset, every request valid", async () => {
    const { desk, exchanges } = observedClient();
    const ids: number[] = [];
    for await (const group of desk.groups.list({
      limit: spec.operations.listGroups.parameters.query.limit.maximum,
    })) {
      const typed: Schemas["Group"] = group;
      ids.push(typed.id);
    }
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    // Prism's static example always points `next` at the same offset: the iterator follows it
    // once, sees that the offset does not advance, and stops.
    expect(exchanges.length).toBeGreaterThanOrEqual(2);
    expect(exchanges.every((e) => e.url.origin === new URL(desk.baseUrl).origin)).toBe(true);
    expect(exchanges[0]!.url.searchParams.get("limit")).toBe(
      String(spec.operations.listGroups.parameters.query.limit.maximum),
    );
    expect(exchanges[1]!.url.searchParams.get("offset")).not.toBeNull();
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
