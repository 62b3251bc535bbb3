// The curl samples send what the spec asks for: the operation's method and path under the
// per-application base URL, the token header and the JSON content type on every request,
// parameters within their bounds, and a request body valid against the operation's schema.
import { spec } from "../../generated/spec";
import { deref, operations, pointer, specAjv } from "../helpers/spec";
import { parseCurl, shellWords } from "./curl";
import { operationSamples } from "./samples";

const ajv = specAjv();
const base = spec.server.url.replace(`{${spec.server.variable}}`, "$SENDBIRD_APP_ID");
const cases = operationSamples().map((s) => [s.operationId, s] as const);

describe("the curl reader", () => {
  it("splits continuations and quotes as a shell does", () => {
    expect(shellWords(`curl -X DELETE "a b" \\\n  -H 'x: "y"' -d '{"agentId": 2}'`)).toEqual([
      "curl",
      "-X",
      "DELETE",
      "a b",
      "-H",
      'x: "y"',
      "-d",
      '{"agentId": 2}',
    ]);
  });
});

describe.each(cases)("the curl sample of %s", (operationId, sample) => {
  const command = parseCurl(sample.curl ?? "");
  const found = operations().find((o) => o.id === operationId)!;
  const parameters = [...(found.item.parameters ?? []), ...(found.op.parameters ?? [])].map(deref);

  it("uses the operation's method", () => {
    expect(command.method).toBe(sample.method);
  });

  it("addresses the operation's path under the per-application base URL", () => {
    expect(command.url.startsWith(`${base}/`)).toBe(true);
    const url = new URL(command.url.slice(base.length), "http://path.invalid");
    const template = new RegExp(`^${sample.path.replace(/\{(\w+)\}/g, "(?<$1>[^/]+)")}$`);
    const match = url.pathname.match(template);
    expect(match).not.toBeNull();
    const values: [string, string, string][] = [
      ...Object.entries(match!.groups ?? {}).map(
        ([name, value]) => ["path", name, value] as [string, string, string],
      ),
      ...[...url.searchParams].map(([name, value]) => ["query", name, value] as [string, string, string]),
    ];
    for (const [where, name, value] of values) {
      const parameter = parameters.find((p) => p.in === where && p.name === name);
      expect([where, name, parameter !== undefined]).toEqual([where, name, true]);
      expect([name, value, ajv.validate(deref(parameter.schema), Number(value))]).toEqual([
        name,
        value,
        true,
      ]);
    }
  });

  it(`sends ${spec.auth.header} and Content-Type: ${spec.contentType}`, () => {
    expect(command.headers).toEqual([
      `${spec.auth.header}: $SENDBIRD_DESK_API_TOKEN`,
      `Content-Type: ${spec.contentType}`,
    ]);
  });

  it(found.op.requestBody ? "sends a JSON body valid against the request schema" : "sends no body", () => {
    if (!found.op.requestBody) return expect(command.body).toBeUndefined();
    const validate = ajv.getSchema(
      pointer(
        "paths",
        sample.path,
        sample.method.toLowerCase(),
        "requestBody",
        "content",
        "application/json",
        "schema",
      ),
    )!;
    expect(validate(JSON.parse(command.body ?? "null"))).toBe(true);
  });
});
