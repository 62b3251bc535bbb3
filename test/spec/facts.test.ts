// The bundled spec states every fact of the two source pages, and the runtime table in
// generated/spec.ts agrees with it. Facts, not wording: the spec's prose may be rewritten
// freely, and another operation may be added without touching this file.
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
    expect(prod.variables.application_id.default).toEqual(expect.any(String));
    expect(mock.url).toBe("http://127.0.0.1:4010");
  });

  it("states the request content type, and the license", () => {
    expect(bundled.info["x-request-content-type"]).toBe("application/json; charset=utf8");
    expect(bundled.info.license).toEqual({ name: "MIT", identifier: "MIT" });
  });

  it("tags the Group operations Groups, a tag with a description", () => {
    expect(bundled.tags).toEqual(expect.arrayContaining([expect.objectContaining({ name: "Groups" })]));
    const groups = bundled.tags.find((tag: { name: string }) => tag.name === "Groups");
    expect(groups.description).toEqual(expect.any(String));
    for (const o of ops.filter((o) => o.path.startsWith("/groups"))) expect(o.op.tags).toEqual(["Groups"]);
  });
});

describe("operations", () => {
  it("include the four Group actions", () => {
    expect(ops.map((o) => [o.id, o.method, o.path])).toEqual(
      expect.arrayContaining([
        ["listGroups", "get", "/groups"],
        ["getGroup", "get", "/groups/{group_id}"],
        ["addGroupMember", "post", "/groups/{group_id}/membership"],
        ["removeGroupMember", "delete", "/groups/{group_id}/membership"],
      ]),
    );
  });

  it("page with limit 1..500 (default 50) and offset >= 0 (default 0)", () => {
    const { limit, offset } = params("listGroups");
    expect(limit).toMatchObject({
      in: "query",
      required: false,
      schema: { type: "integer", minimum: 1, maximum: 500, default: 50 },
    });
    expect(offset).toMatchObject({
      in: "query",
      required: false,
      schema: { type: "integer", minimum: 0, default: 0 },
    });
    expect(offset.schema.maximum).toBeUndefined();
  });

  it.each(["getGroup", "addGroupMember", "removeGroupMember"])(
    "%s takes a required integer group_id",
    (id) => {
      expect(params(id).group_id).toMatchObject({
        in: "path",
        required: true,
        schema: { type: "integer", minimum: 1 },
      });
    },
  );

  it.each(["addGroupMember", "removeGroupMember"])("%s takes a required JSON body { agentId }", (id) => {
    const body = deref(byId[id]!.op.requestBody);
    expect(body.required).toBe(true);
    const schema = deref(body.content["application/json"].schema);
    expect(schema.required).toEqual(["agentId"]);
    expect(schema.properties.agentId.oneOf.map((s: { type: string }) => s.type)).toEqual([
      "integer",
      "string",
    ]);
  });

  it("answer with the envelope, the group with members, and ISO 8601 dates", () => {
    const schemaOf = (id: string) => byId[id]!.op.responses["200"].content["application/json"].schema.$ref;
    expect(schemaOf("listGroups")).toBe("#/components/schemas/GroupList");
    for (const id of ["getGroup", "addGroupMember", "removeGroupMember"]) {
      expect(schemaOf(id)).toBe("#/components/schemas/GroupWithMembers");
    }
    const s = bundled.components.schemas;
    expect(s.GroupList.required).toEqual(["count", "previous", "next", "results"]);
    expect(s.GroupList.properties.next.type).toEqual(["string", "null"]);
    expect(s.Group.properties.createdAt.format).toBe("date-time");
    expect(s.Agent.properties.connectionUpdatedAt.format).toBe("date-time");
    expect(s.Agent.properties.connection.enum).toEqual(["ONLINE", "OFFLINE", "AWAY"]);
    expect(s.Agent.required).not.toContain("connection");
  });

  it("require every property of the vendor's resource tables", () => {
    const s = bundled.components.schemas;
    expect(s.Group.required).toEqual([
      "id",
      "name",
      "key",
      "project",
      "createdAt",
      "createdBy",
      "description",
    ]);
    expect(Object.keys(s.Group.properties)).toEqual(s.Group.required);
    expect(s.GroupWithMembers.allOf[0]).toEqual({ $ref: "#/components/schemas/Group" });
    expect(s.GroupWithMembers.allOf[1].required).toEqual(["members"]);
    expect(s.Agent.required).toEqual(["id", "displayName", "email", "photoThumbnailUrl"]);
    expect(s.GroupList.required).toEqual(["count", "previous", "next", "results"]);
  });

  it("accept what the wire shows where the vendor contradicts itself", () => {
    const g = bundled.components.schemas.Group.properties;
    expect(g.createdBy.type).toEqual(["integer", "string"]);
    expect(g.description.type).toEqual(["string", "null"]);
    expect(g.key.pattern).toBeUndefined();
  });

  const errors = ["400", "401", "403", "404", "408", "429", "500", "502", "503", "504"];
  it.each(ops.map((o) => o.id))(
    "%s documents 400, 401, 403, 404, 408, 429, 500, 502, 503 and 504 with the shared Error schema",
    (id) => {
      const responses = byId[id]!.op.responses;
      expect(Object.keys(responses).sort()).toEqual(["200", ...errors]);
      for (const code of errors) {
        expect(deref(responses[code]).content["application/json"].schema.$ref).toBe(
          "#/components/schemas/Error",
        );
      }
      expect(Object.keys(deref(responses["429"]).headers)).toEqual(["Retry-After"]);
    },
  );

  it("keeps the Error schema permissive", () => {
    const e = bundled.components.schemas.Error;
    expect(e.additionalProperties).toBe(true);
    expect(e.required).toBeUndefined();
    expect(Object.keys(e.properties).sort()).toEqual(["code", "detail", "error", "message"]);
  });
});

describe("generated/spec.ts", () => {
  it("agrees with the bundled spec", () => {
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
