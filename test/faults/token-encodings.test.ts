// The token is masked in every form a caller can decode back to it, and only in what the
// server sent: an echo that JSON-escapes it character by character, escapes its slashes,
// upper-cases it or percent-encodes it is masked in every view (message, body, JSON,
// inspect, `desk.raw`'s `{ error }`, a middleware's clone of a 2xx); the client's own text is
// never mangled by a short token.
import { inspect } from "node:util";
import type { Middleware } from "openapi-fetch";
import {
  createDeskClient,
  DeskConnectionError,
  DeskAbortError,
  DeskNotFoundError,
  REDACTED,
} from "../../src/index.js";
import { group } from "../helpers/groups.js";
import { CANARY, guardCanary, renderings } from "./leak-guard.js";
import { refusedPort, reply, type ScriptedServer, startScriptedServer } from "./scripted-server.js";

const guard = guardCanary(CANARY);
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const desk = (apiToken = CANARY) => createDeskClient({ baseUrl: server.url, apiToken, logLevel: "off" });

/** Each character as a JSON `\uXXXX` escape, alternating lower- and upper-case hex. */
const unicodeEscaped = (token: string) =>
  [...token]
    .map((char, at) => {
      const hex = char.charCodeAt(0).toString(16).padStart(4, "0");
      return `\\u${at % 2 ? hex.toUpperCase() : hex}`;
    })
    .join("");

/** Each character percent-encoded, upper-case hex. */
const percentEncoded = (token: string) =>
  [...token].map((char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`).join("");

/** `text` with every `%XX` decoded: what a caller reading a URL-encoded echo sees. */
const percentDecoded = (text: string) =>
  text.replace(/%([0-9a-f]{2})/gi, (_escape, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** Every view of `value` a caller could print, checked for `token` in any letter case, as
 *  printed and percent-decoded. */
function expectNoToken(value: unknown, token: string) {
  const views = [...renderings(value), JSON.stringify(value) ?? "", inspect(value, { depth: Infinity })];
  for (const view of views) {
    expect(view.toLowerCase()).not.toContain(token.toLowerCase());
    expect(percentDecoded(view).toLowerCase()).not.toContain(token.toLowerCase());
  }
}

/** A 404 whose JSON body (written as raw text, so its escapes reach the client) echoes `echo`. */
const echo404 = (echo: string) => (_req: unknown, res: import("node:http").ServerResponse) => {
  const text = `{"message":"no such group; your token is ${echo}","token":"${echo}"}`;
  res.writeHead(404, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
};

const SLASHED = `ab/cd/${CANARY}`;
describe("an error body that echoes the token in another encoding", () => {
  test.each([
    ["\\u-escaped per character (mixed hex case)", CANARY, unicodeEscaped(CANARY)],
    ["with escaped slashes (ab\\/cd\\/...)", SLASHED, SLASHED.replaceAll("/", "\\/")],
    ["upper-cased (a hex token)", CANARY, CANARY.toUpperCase()],
    ["percent-encoded per character", CANARY, percentEncoded(CANARY)],
  ])("%s: masked in message, body, JSON, inspect", async (_form, token, echo) => {
    server.script(echo404(echo));
    const error = await guard.rejection(desk(token).groups.get(7));
    expect(error).toBeInstanceOf(DeskNotFoundError);
    expect(error.status).toBe(404);
    expect(server.arrivals[0]!.token).toBe(token);
    expectNoToken(error, token);
    expectNoToken(error.body, token);
  });

  test.each([
    ["\\u-escaped per character", CANARY, unicodeEscaped(CANARY)],
    ["with escaped slashes", SLASHED, SLASHED.replaceAll("/", "\\/")],
    ["upper-cased", CANARY, CANARY.toUpperCase()],
  ])("%s: masked in desk.raw's { error }", async (_form, token, echo) => {
    server.script(echo404(echo));
    const { error, response } = await desk(token).raw.GET("/groups/{group_id}", {
      params: { path: { group_id: 7 } },
    });
    expect(response.status).toBe(404);
    expect(error).toBeDefined();
    expectNoToken(error, token);
  });
});

describe("a 2xx that echoes the token, seen by a middleware", () => {
  const named = (name: string) => ({ ...group(7), name, members: [] });

  /** A middleware that keeps the text of every answer it is shown. */
  function watcher() {
    const seen: string[] = [];
    const middleware: Middleware = {
      async onResponse({ response }) {
        seen.push(await response.clone().text(), response.statusText);
        response.headers.forEach((value, name) => seen.push(`${name}: ${value}`));
        return undefined;
      },
    };
    return { seen, middleware };
  }

  test("groups.get: the clone a middleware reads holds no token", async () => {
    server.script(reply(200, named(`echo ${CANARY}`), { "x-echo": CANARY }));
    const client = desk();
    const { seen, middleware } = watcher();
    client.raw.use(middleware);
    await client.groups.get(7);
    expect(server.arrivals[0]!.token).toBe(CANARY);
    expect(seen.length).toBeGreaterThan(0);
    for (const view of seen) expect(view).not.toContain(CANARY);
  });

  test("desk.raw.GET: the clone a middleware reads holds no token", async () => {
    server.script(reply(200, named(`echo ${CANARY}`)));
    const client = desk();
    const { seen, middleware } = watcher();
    client.raw.use(middleware);
    const { response } = await client.raw.GET("/groups/{group_id}", { params: { path: { group_id: 7 } } });
    expect(response.status).toBe(200);
    expect(seen.length).toBeGreaterThan(0);
    for (const view of seen) expect(view).not.toContain(CANARY);
  });
});

describe("a short token that is JSON punctuation, a number or a word does not break a 2xx answer", () => {
  /** The group as a server that pretty-prints its JSON sends it, echoing the token. */
  const pretty = (token: string) =>
    // Project 13: the token "13" must leave that number alone.
    JSON.stringify({ ...group(7), project: 13, name: `Team 7 ${token}`, members: [] }, null, 1);

  test.each(["}", ":", ",", "[", "7", "13", "null"])(
    "token %j: the value comes back whole",
    async (token) => {
      server.script(reply(200, pretty(token), { "content-type": "application/json" }));
      const { data, response } = await desk(token).groups.get(7).withResponse();
      expect(response.status).toBe(200);
      expect(data.id).toBe(7);
      expect(data.project).toBe(13);
      expect(data.description).toBeNull();
      expect(data.members).toEqual([]);
      expect(data.name.endsWith(` ${REDACTED}`)).toBe(true);
    },
  );
});

describe("a one-character token does not mangle the client's own text", () => {
  test("a refused connection: the message and its cause hold no mask", async () => {
    const port = await refusedPort();
    const client = createDeskClient({ baseUrl: `http://127.0.0.1:${port}`, apiToken: "t", maxRetries: 0 });
    const error = await guard.rejection(client.groups.get(7));
    expect(error).toBeInstanceOf(DeskConnectionError);
    expect(error.message).not.toContain(REDACTED);
    expect(String((error.cause as Error | undefined)?.message)).not.toContain(REDACTED);
  });

  test("an abort with the caller's reason: the cause keeps the caller's words", async () => {
    server.script(reply(200, "{}"));
    const controller = new AbortController();
    controller.abort(new Error("stop it: the user went away"));
    const error = await guard.rejection(desk("t").groups.get(7, { signal: controller.signal }));
    expect(error).toBeInstanceOf(DeskAbortError);
    expect(error.message).not.toContain(REDACTED);
    expect(String((error.cause as Error | undefined)?.message)).not.toContain(REDACTED);
  });
});
