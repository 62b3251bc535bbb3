// Server text keeps its meaning and cannot forge a line: a status text with a control byte
// does not turn an answer into a middleware error, and control characters from a status
// text, an error body's `message`, a 2xx body or a header value reach no message or log line
// unescaped, with at most 1,000 characters of server text in one message or line.
import { createDeskClient, DeskNotFoundError, DeskServerError, type Logger } from "../../src/index.js";
import { CANARY, guardCanary } from "./leak-guard.js";
import { rawAnswer } from "./raw-answer.js";
import { reply, type ScriptedServer, startScriptedServer } from "./scripted-server.js";
import { group } from "../helpers/groups.js";

const guard = guardCanary(CANARY);
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

/** C0, DEL, C1 and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** The most server text one message or line may hold. */
const MAX_SERVER_TEXT = 1000;
/** What the client's own words add to a message (method, URL, status, a cut marker). */
const MESSAGE_OWN_TEXT = 200;
/** What the client's own words add to a debug line (method, URL, request headers, names). */
const LINE_OWN_TEXT = 1000;

/** A group without members, as the spec describes it. */
const GROUP = { ...group(7), members: [] };

/** A client whose log lines, at every level, are kept. */
function client(options = {}) {
  const lines: string[] = [];
  const keep = (line: string) => void lines.push(line);
  const logger: Logger = { error: keep, warn: keep, info: keep, debug: keep };
  const desk = createDeskClient({
    baseUrl: server.url,
    apiToken: CANARY,
    logLevel: "debug",
    logger,
    ...options,
  });
  return { desk, lines };
}

describe("a status text with a control byte keeps the answer's meaning", () => {
  test("a 200 with status text OK\\u001b is a value (groups.get)", async () => {
    server.script(rawAnswer({ status: 200, statusText: "OK\u001b", body: GROUP }));
    const group = await client().desk.groups.get(7);
    expect(group.id).toBe(7);
  });

  test("a 200 with status text OK\\u001b is data (desk.raw.GET)", async () => {
    server.script(rawAnswer({ status: 200, statusText: "OK\u001b", body: GROUP }));
    const { data, response } = await client().desk.raw.GET("/groups/{group_id}", {
      params: { path: { group_id: 7 } },
    });
    expect(response.status).toBe(200);
    expect(data?.id).toBe(7);
  });

  test("a 404 with status text Not Found\\u001b is a DeskNotFoundError with status 404", async () => {
    server.script(
      rawAnswer({ status: 404, statusText: "Not Found\u001b", body: { message: "no such group" } }),
    );
    const error = await guard.rejection(client().desk.groups.get(7));
    expect(error).toBeInstanceOf(DeskNotFoundError);
    expect(error.status).toBe(404);
    expect(server.arrivals).toHaveLength(1);
  });

  test("a 503 with status text Unavailable\\u001b is retried, then a DeskServerError with status 503", async () => {
    server.script(rawAnswer({ status: 503, statusText: "Unavailable\u001b", body: { message: "later" } }));
    const error = await guard.rejection(client({ maxRetries: 1 }).desk.groups.get(7));
    expect(error).toBeInstanceOf(DeskServerError);
    expect(error.status).toBe(503);
    expect(server.arrivals).toHaveLength(2);
  });
});

describe("server text in a message is escaped and bounded", () => {
  test("an error body's message with CR, LF, ESC, DEL, C1 and U+2028: none reaches error.message", async () => {
    const forged = "no such group\r\n[sendbird-desk] forged line\u001b[2J\u007f\u0085\u009b\u2028\u2029end";
    server.script(reply(404, { message: forged }));
    const error = await guard.rejection(client().desk.groups.get(7));
    expect(error).toBeInstanceOf(DeskNotFoundError);
    expect(error.message).not.toMatch(CONTROL);
  });

  test("a status text with ESC: none reaches error.message", async () => {
    server.script(rawAnswer({ status: 404, statusText: "Not\u001b[31m Found", body: "" }));
    const error = await guard.rejection(client().desk.groups.get(7));
    expect(error.status).toBe(404);
    expect(error.message).not.toMatch(CONTROL);
  });

  test("a 60,000-character message: error.message holds at most 1,000 characters of it", async () => {
    server.script(reply(404, { message: "x".repeat(60_000) }));
    const error = await guard.rejection(client().desk.groups.get(7));
    expect(error.status).toBe(404);
    expect(error.message.length).toBeLessThanOrEqual(MAX_SERVER_TEXT + MESSAGE_OWN_TEXT);
  });
});

test("a 5,000-character status text and a 60,000-character message: at most 1,000 characters of both in error.message", async () => {
  server.script(
    rawAnswer({ status: 404, statusText: "N".repeat(5_000), body: { message: "x".repeat(60_000) } }),
  );
  const error = await guard.rejection(client().desk.groups.get(7));
  expect(error.status).toBe(404);
  expect(error.message.length).toBeLessThanOrEqual(MAX_SERVER_TEXT + MESSAGE_OWN_TEXT);
});

describe("server text in a log line is escaped and bounded, at every level", () => {
  test("a 200 text body with control characters: the warn line is clean", async () => {
    server.script(reply(200, "<html>\u001b[2J\u0085\u009b sign in</html>"));
    const { desk, lines } = client();
    await guard.rejection(desk.groups.get(7));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toMatch(CONTROL);
  });

  test("header values with C1 bytes (NEL, CSI): the debug lines are clean", async () => {
    server.script(
      rawAnswer({ status: 200, statusText: "OK", headers: { "x-note": "a\x85b\x9b31m" }, body: GROUP }),
    );
    const { desk, lines } = client();
    await desk.groups.get(7);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toMatch(CONTROL);
  });

  test("a content type with a C1 byte (CSI) on a 2xx that is not JSON: the warn line is clean", async () => {
    server.script(
      rawAnswer({
        status: 200,
        statusText: "OK",
        headers: { "content-type": "text/html\x9b2J" },
        body: "<p>hi</p>",
      }),
    );
    const { desk, lines } = client();
    await guard.rejection(desk.groups.get(7));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toMatch(CONTROL);
  });

  test("a 10,000-character header value: no line holds more than 1,000 characters of it", async () => {
    server.script(reply(200, GROUP, { "x-long": "y".repeat(10_000) }));
    const { desk, lines } = client();
    await desk.groups.get(7);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(MAX_SERVER_TEXT + LINE_OWN_TEXT);
  });

  test("four 2,500-character header values: no line holds more than 1,000 characters of them", async () => {
    const long = "y".repeat(2_500);
    server.script(reply(200, GROUP, { "x-a": long, "x-b": long, "x-c": long, "x-d": long }));
    const { desk, lines } = client();
    await desk.groups.get(7);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(MAX_SERVER_TEXT + LINE_OWN_TEXT);
  });
});
