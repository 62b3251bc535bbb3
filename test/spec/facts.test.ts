// The bundled spec states every fact of the two source pages, and the runtime table in
// generated/spec.ts agrees with it.
import { spec as table } from "../../generated/spec";
import { bundled, deref, type Json, operations } from "../helpers/spec";

const ops = operations();
const byId = Object.fromEntries(ops.map((o) => [o.id, o]));
const params = (id: string) =>
  Object.fromEntries(
    [...(byId[id]!.item.parameters ?? []), ...(byId[id]!.op.parameters ?? [])]
      .map(deref)
      .map((p) => [p.name, p]),
  );

describe("conventions", () => {
  it("authenticates every operation with the SENDBIRDDESKAPITOKEN header", () => {
    const schemes = bundled.components.securitySchemes;
    expect(Object.values(schemes)).toEqual([
      expect.objectContaining({ type: "apiKey", in: "header", name: "SENDBIRDDESKAPITOKEN" }),
    ]);
    const [name] = Object.keys(schemes);
    expect(bundled.security).toEqual([{ [name!]: [] }]);
    for (const o of ops) expect(o.op.security).toBeUndefined(); // none opts out
  });

  it("names the per-application server and the local mock", () => {
    const [prod, mock] = bundled.servers;
    expect(prod.url).toBe("https://desk-api-{application_id}.sendbird.com/platform/v1");
    expect(prod.variables.application_id.description).toMatch(/application/i);
    expect(prod.variables.application_id.default).toEqual(expect.any(String));
    expect(mock.url).toBe("http://127.0.0.1:4010");
  });

  it("carries the prepare-to-use rules in info.description", () => {
    const d: string = bundled.info.description;
    expect(d).toContain("Content-Type: application/json; charset=utf8");
    expect(d).toContain("SENDBIRDDESKAPITOKEN");
    expect(d).toMatch(/not designed for client-side use/i);
    expect(d).toMatch(/multipart\/form-data/);
    expect(d).toMatch(/boundary/);
    expect(d).toMatch(/percent-encoded/);
    expect(d).toContain("https://desk-api-{application_id}.sendbird.com/platform/v1");
    expect(bundled.info["x-request-content-type"]).toBe("application/json; charset=utf8");
    expect(bundled.info.license).toEqual({ name: "MIT", identifier: "MIT" });
  });

  it("tags the operations Groups, a tag that explains Teams", () => {
    expect(bundled.tags).toEqual([expect.objectContaining({ name: "Groups" })]);
    expect(bundled.tags[0].description).toMatch(/Team/);
    for (const o of ops) expect(o.op.tags).toEqual(["Groups"]);
  });
});

describe("operations", () => {
  it("are exactly the four Group actions", () => {
    expect(ops.map((o) => [o.id, o.method, o.path])).toEqual([
      ["listGroups", "get", "/groups"],
      ["getGroup", "get", "/groups/{group_id}"],
      ["addGroupMember", "post", "/groups/{group_id}/membership"],
      ["removeGroupMember", "delete", "/groups/{group_id}/membership"],
    ]);
  });

  it("page with limit 1..500 (default 50) and offset >= 0 (default 0)", () => {
    // Every parameter's rules, keyed by its operation and location, are its schema's.
    for (const { id, parameters } of ops) {
      for (const p of parameters) {
        const { required, ...rules } = (table.operations as Json)[id].parameters[p.in][p.name];
        expect([id, p.name, required]).toEqual([id, p.name, p.required === true]);
        expect([id, p.name, rules]).toEqual([id, p.name, deref(p.schema)]);
      }
    }
    const agentId = table.operations.addGroupMember.body.fields.agentId;
    expect(agentId.oneOf.map((rule) => rule.type)).toEqual(["integer", "string"]);
    expect(table.operations.addGroupMember.body.required).toEqual(["agentId"]);
    expect(table.auth.header).toBe("SENDBIRDDESKAPITOKEN");
    expect(table.server.url).toBe(bundled.servers[0].url);
    expect(table.contentType).toBe("application/json; charset=utf8");
    expect(Object.keys(table.operations)).toEqual(ops.map((o) => o.id));
  });
});
