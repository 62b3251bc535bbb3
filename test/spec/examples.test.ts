// The Group page's examples (copied into test/fixtures/group-page) are the spec's named
// examples, validate against the schema of the operation they belong to, and every
// deliberately broken copy of them fails.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { bundled, deref, type Json, operations, root, specAjv } from "../helpers/spec";

const ajv = specAjv();

type Where = "request" | "response";
const fixtures: { file: string; example: string; operationId: string; where: Where }[] = [
  { file: "list-groups-page.json", example: "ListGroupsPage", operationId: "listGroups", where: "response" },
  { file: "view-group.json", example: "ViewGroup", operationId: "getGroup", where: "response" },
  {
    file: "add-member-request.json",
    example: "AddMemberRequest",
    operationId: "addGroupMember",
    where: "request",
  },
  {
    file: "add-member-response.json",
    example: "AddMemberResponse",
    operationId: "addGroupMember",
    where: "response",
  },
  {
    file: "remove-member-request.json",
    example: "RemoveMemberRequest",
    operationId: "removeGroupMember",
    where: "request",
  },
  {
    file: "remove-member-response.json",
    example: "RemoveMemberResponse",
    operationId: "removeGroupMember",
    where: "response",
  },
];

function mediaOf(operationId: string, where: Where): Json {
  const found = operations().find((o) => o.id === operationId);
  if (!found) throw new Error(`no operation ${operationId}`);
  const holder = where === "request" ? deref(found.op.requestBody) : deref(found.op.responses["200"]);
  return holder.content["application/json"];
}

function load(file: string): Json {
  return JSON.parse(readFileSync(join(root, "test", "fixtures", "group-page", file), "utf8"));
}

/** The properties a schema declares, merged through allOf/oneOf and $ref. */
function declared(schema: Json): Record<string, Json> {
  const s = deref(schema);
  const own = { ...(s.properties ?? {}) };
  for (const part of [...(s.allOf ?? []), ...(s.oneOf ?? [])]) Object.assign(own, declared(part));
  return own;
}

/** Keys in `value` that its schema does not declare (Redocly does not check inside allOf). */
function undeclared(schema: Json, value: Json, at = "$"): string[] {
  const s = deref(schema);
  if (Array.isArray(value))
    return value.flatMap((v, i) => (s.items ? undeclared(s.items, v, `${at}[${i}]`) : []));
  if (value === null || typeof value !== "object") return [];
  const props = declared(s);
  return Object.entries(value).flatMap(([k, v]) =>
    k in props ? undeclared(props[k], v, `${at}.${k}`) : [`${at}.${k}`],
  );
}

/** Copies of `value`, each broken in one way its schema forbids: a required key removed,
 *  or a value replaced by one of the wrong type. */
function broken(schema: Json, value: Json, at = "$"): { why: string; copy: (v: Json) => Json }[] {
  const s = deref(schema);
  const out: { why: string; copy: (v: Json) => Json }[] = [];
  if (Array.isArray(value) && s.items && value.length > 0) {
    for (const b of broken(s.items, value[0], `${at}[0]`)) {
      out.push({ why: b.why, copy: (v) => v.map((x: Json, i: number) => (i === 0 ? b.copy(x) : x)) });
    }
    return out;
  }
  if (value === null || typeof value !== "object") return out;
  const props = declared(s);
  const required = new Set<string>([s, ...(s.allOf ?? []).map(deref)].flatMap((x: Json) => x.required ?? []));
  for (const key of Object.keys(value)) {
    if (required.has(key)) {
      out.push({
        why: `${at}.${key} removed`,
        copy: (v) => {
          const c = { ...v };
          delete c[key];
          return c;
        },
      });
    }
    const wrong =
      typeof value[key] === "string" ? 12345 : typeof value[key] === "number" ? { not: "a number" } : 7;
    out.push({ why: `${at}.${key} = ${JSON.stringify(wrong)}`, copy: (v) => ({ ...v, [key]: wrong }) });
    for (const b of broken(props[key] ?? {}, value[key], `${at}.${key}`)) {
      out.push({ why: b.why, copy: (v) => ({ ...v, [key]: b.copy(v[key]) }) });
    }
  }
  return out;
}

describe.each(fixtures)("$file", ({ file, example, operationId, where }) => {
  const media = mediaOf(operationId, where);
  const schemaRef: string = media.schema.$ref;
  const validate = ajv.getSchema(`spec${schemaRef}`);
  const value = load(file);

  it(`is the spec's named example ${example} on ${operationId}`, () => {
    expect(deref(media.examples[example]).value).toEqual(value);
  });

  it(`validates against ${schemaRef}`, () => {
    expect(validate).toBeDefined();
    const ok = validate!(value);
    expect(validate!.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("declares every key it carries", () => {
    expect(undeclared(media.schema, value)).toEqual([]);
  });

  const cases = broken(media.schema, value);
  it("has broken copies to try", () => {
    expect(cases.length).toBeGreaterThan(Object.keys(value).length);
  });
  it.each(cases.map((c) => [c.why, c] as const))("fails when %s", (_why, c) => {
    expect(validate!(c.copy(structuredClone(value)))).toBe(false);
  });
});

it("keeps every vendor example (the fixtures) as a named example marked as the vendor's; the others are the mock's story", () => {
  const summaries = new Map<string, string>();
  for (const { op } of operations()) {
    const bodies = [deref(op.requestBody), deref(op.responses["200"])].filter(Boolean);
    for (const b of bodies)
      for (const [name, example] of Object.entries<Json>(b.content["application/json"].examples ?? {}))
        summaries.set(name, deref(example).summary);
  }
  const vendor = fixtures.map((f) => f.example);
  for (const name of vendor)
    expect([name, summaries.get(name)]).toEqual([name, expect.stringMatching(/vendor/)]);
  const story = [...summaries.keys()].filter((name) => !vendor.includes(name));
  expect(story.sort()).toEqual([
    "AgentAdded",
    "AgentRemoved",
    "AllGroups",
    "FirstPage",
    "GroupWithoutMembers",
    "LastPage",
    "MiddlePage",
    "PastTheEndPage",
  ]);
  for (const name of story) expect(summaries.get(name)).not.toMatch(/vendor/);
  expect(bundled.openapi).toMatch(/^3\.1\./);
});
