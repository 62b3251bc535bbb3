// Headers arrive as written in every HeadersInit form (a Headers, a record, an array of
// pairs), wherever a caller gives them; and `desk.raw` refuses the headers the client owns,
// as the resource methods do.
import { createDeskClient, DeskValidationError } from "../../src/index.js";
import { CANARY, guardCanary } from "./leak-guard.js";
import { reply, type ScriptedServer, startScriptedServer } from "./scripted-server.js";
import { group } from "../helpers/groups.js";

const guard = guardCanary(CANARY);
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

/** A group without members, as the spec describes it. */
const GROUP = { ...group(7), members: [] };

const FORMS: [string, () => HeadersInit][] = [
  ["a Headers", () => new Headers({ "X-Trace": "t2" })],
  ["a record", () => ({ "X-Trace": "t2" })],
  ["an array of pairs", () => [["X-Trace", "t2"]]],
];

/** The request arrived with `x-trace: t2`, and with no header named by an index. */
function expectTrace() {
  expect(server.arrivals).toHaveLength(1);
  const { headers } = server.arrivals[0]!;
  expect(headers["x-trace"]).toBe("t2");
  expect(Object.keys(headers).filter((name) => /^\d+$/.test(name))).toEqual([]);
}

describe.each(FORMS)("headers given as %s arrive as written", (_form, headers) => {
  beforeEach(() => server.script(reply(200, GROUP)));
  const desk = (options = {}) =>
    createDeskClient({ baseUrl: server.url, apiToken: CANARY, logLevel: "off", ...options });

  test("per call, on groups.get", async () => {
    await desk().groups.get(7, { headers: headers() });
    expectTrace();
  });

  test("per call, on groups.addMember (a POST)", async () => {
    await desk().groups.addMember(7, 28, { headers: headers() });
    expectTrace();
  });

  test("in defaultHeaders", async () => {
    await desk({ defaultHeaders: headers() }).groups.get(7);
    expectTrace();
  });

  test("on desk.raw.GET", async () => {
    await desk().raw.GET("/groups/{group_id}", { params: { path: { group_id: 7 } }, headers: headers() });
    expectTrace();
  });
});

describe("desk.raw refuses the headers the client owns, as the resource methods do", () => {
  const desk = () => createDeskClient({ baseUrl: server.url, apiToken: CANARY, logLevel: "off" });
  beforeEach(() => server.script(reply(200, GROUP)));

  test.each([
    ["Content-Type", "text/plain"],
    ["User-Agent", "evil"],
  ])("%s: %s is a DeskValidationError and nothing is sent", async (name, value) => {
    // The resource method's refusal, for comparison.
    const viaMethod = await guard.rejection(desk().groups.get(7, { headers: { [name]: value } }));
    expect(viaMethod).toBeInstanceOf(DeskValidationError);
    const viaRaw = await guard.rejection(
      desk().raw.GET("/groups/{group_id}", {
        params: { path: { group_id: 7 } },
        headers: { [name]: value },
      }),
    );
    expect(viaRaw).toBeInstanceOf(DeskValidationError);
    expect(server.arrivals).toHaveLength(0);
  });
});
