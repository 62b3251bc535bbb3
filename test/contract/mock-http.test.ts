// The mock itself, over plain fetch: Prism serves every operation of the spec, validates each
// request against it (the rule broken is named in the sl-violations header) and answers the
// responses the spec documents. This is what testers and the client tests stand on.
import { spec } from "../../generated/spec.js";
import {
  clientHeaders,
  documentedStatuses,
  mockUrl,
  type OperationId,
  operationUrl,
  validateResponse,
} from "./mock.js";

const ids = Object.keys(spec.operations) as OperationId[];
const membership = (id: OperationId) => spec.operations[id].path.endsWith("/membership");

/** One request for an operation, valid by default, with a JSON body where the spec wants one. */
async function call(
  id: OperationId,
  init: { headers?: Record<string, string>; body?: unknown; groupId?: number | string; query?: string } = {},
) {
  // `body: null` sends no body at all.
  const body = init.body !== undefined ? init.body : membership(id) ? { agentId: 28 } : undefined;
  const response = await fetch(operationUrl(id, init.groupId, init.query), {
    method: spec.operations[id].method,
    headers: init.headers ?? clientHeaders(),
    body: body === undefined || body === null ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    violations: response.headers.get("sl-violations"),
    body: JSON.parse(text) as unknown,
  };
}

/** Prism's sl-violations header as "location: message" lines; `request` keeps the request's only. */
const violated = (raw: string | null, only?: "request"): string[] =>
  (JSON.parse(raw ?? "[]") as { location: string[]; message: string }[])
    .filter((v) => !only || v.location[0] === only)
    .map((v) => `${v.location.join(".")}: ${v.message}`);

describe.each(ids)("%s on the mock", (id) => {
  test("a valid request (token, JSON content type, body where required) passes validation and gets a schema-valid 200", async () => {
    const answer = await call(id);
    expect(violated(answer.violations)).toEqual([]);
    expect(answer.status).toBe(200);
    expect(validateResponse(id, 200, answer.body)).toEqual([]);
  });

  test("without the token header, Prism answers 401 and names the security rule", async () => {
    const { [spec.auth.header]: _token, ...headers } = clientHeaders();
    const answer = await call(id, { headers });
    expect(answer.status).toBe(401);
    expect(violated(answer.violations).join()).toMatch(/security/i);
    expect(validateResponse(id, 401, answer.body)).toEqual([]);
  });

  test.each(documentedStatuses(id).filter((s) => s !== "200"))(
    "Prefer: code=%s answers that documented error with a schema-valid body",
    async (status) => {
      const answer = await call(id, { headers: clientHeaders({ Prefer: `code=${status}` }) });
      expect(violated(answer.violations, "request")).toEqual([]);
      expect(answer.status).toBe(Number(status));
      expect(validateResponse(id, Number(status), answer.body)).toEqual([]);
    },
  );

  const pathRules = (spec.operations[id].parameters as { path?: Record<string, { minimum: number }> }).path;
  for (const [name, rule] of Object.entries(pathRules ?? {})) {
    test(`a ${name} below the spec's minimum or not an integer is a violation of the path parameter`, async () => {
      for (const groupId of [rule.minimum - 1, "abc", 1.5]) {
        const answer = await call(id, { groupId });
        expect(answer.status).toBe(400);
        expect(violated(answer.violations)).toEqual([
          expect.stringMatching(new RegExp(`^request\\.path\\.${name}: `)),
        ]);
      }
    });
  }

  if (membership(id)) {
    test.each([
      ["no body", null, /^request: Body parameter is required/],
      ["an empty object", {}, /^request\.body: .*agentId/],
      ["an empty agentId", { agentId: "" }, /^request\.body\.agentId: /],
      ["agentId 0", { agentId: 0 }, /^request\.body\.agentId: /],
      ["a stray key", { agentId: 28, extra: 1 }, /^request\.body: .*additional properties/],
    ])("the membership body is required and checked: %s is a violation", async (_why, body, rule) => {
      const answer = await call(id, { body });
      expect(answer.status).toBe(400);
      expect(violated(answer.violations).join("\n")).toMatch(rule);
    });
  }
});

describe("listGroups query bounds (from generated/spec.ts)", () => {
  const { limit, offset } = spec.operations.listGroups.parameters.query;
  test.each([
    ["limit", limit.minimum - 1],
    ["limit", limit.maximum + 1],
    ["limit", "ten"],
    ["offset", offset.minimum - 1],
    ["offset", 0.5],
  ])("%s=%s is a violation of that query parameter", async (name, value) => {
    const answer = await call("listGroups", { query: `?${name}=${value}` });
    expect(answer.status).toBe(400);
    expect(violated(answer.violations)).toEqual([
      expect.stringMatching(new RegExp(`^request\\.query\\.${name}: `)),
    ]);
  });

  test.each([
    [limit.minimum, offset.minimum],
    [limit.maximum, offset.minimum + 1000],
  ])("limit=%s&offset=%s passes", async (l, o) => {
    const answer = await call("listGroups", { query: `?limit=${l}&offset=${o}` });
    expect(violated(answer.violations)).toEqual([]);
    expect(answer.status).toBe(200);
  });
});

describe("Prism's routing", () => {
  test("it ignores the path part of servers: /groups is served at the root, the production prefix is not", async () => {
    const prefix = new URL(spec.server.url.replace(`{${spec.server.variable}}`, "app")).pathname;
    const response = await fetch(`${mockUrl()}${prefix}/groups`, { headers: clientHeaders() });
    await response.text();
    expect(response.status).toBe(404);
  });
});
