// The masking, as a property: for any token (printable ASCII without spaces, short ones
// included) and any way a server can encode its echo (as sent, upper- or lower-cased, each
// character as a JSON \u escape in either hex case, a JSON short escape, or percent-encoded),
// no view a caller can reach holds it: error message, body and headers, util.inspect,
// JSON.stringify, the value and response of a 2xx, desk.raw's { error }, log lines at every
// level, and a middleware's request and response.
//
// The server wraps each echo in « and », so an echo is found in a view by decoding what sits
// between them (JSON escapes, percent escapes) and comparing it, in any case, with the token:
// a one-character token can be looked for that way without matching the client's own words.
import { inspect } from "node:util";
import fc from "fast-check";
import type { Middleware } from "openapi-fetch";
import { spec } from "../../generated/spec.js";
import { createDeskClient, DeskNotFoundError, type Logger, REDACTED } from "../../src/index.js";
import { renderings } from "./leak-guard.js";
import { rawAnswer } from "./raw-answer.js";
import { type ScriptedServer, startScriptedServer } from "./scripted-server.js";

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const PRINTABLE = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i));
/** Tokens as the client accepts them: short ones (one to three characters) often, and
 *  ones that are also JSON's punctuation, numbers or words (masking must not break the body). */
const tokens = fc
  .oneof(
    fc.constantFrom("}", "{", "[", "]", ":", ",", '"', "\\", "/", "7", "13", "2", "null", "true"),
    fc.string({ unit: fc.constantFrom(...PRINTABLE), minLength: 1, maxLength: 3 }),
    fc.string({ unit: fc.constantFrom(...PRINTABLE), minLength: 4, maxLength: 48 }),
    fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 40, maxLength: 40 }),
  )
  .filter((token) => !REDACTED.toLowerCase().includes(token.toLowerCase()));

type Form = "literal" | "uLower" | "uUpper" | "short" | "pctLower" | "pctUpper";
/** How an echo is written: the whole token's case, then each character's form. */
const encodings = fc.record({
  case: fc.constantFrom("as sent", "upper", "lower"),
  forms: fc.array(fc.constantFrom<Form>("literal", "uLower", "uUpper", "short", "pctLower", "pctUpper"), {
    minLength: 48,
    maxLength: 48,
  }),
});
type Encoding = { case: string; forms: Form[] };

const SHORT: Record<string, string> = { '"': '\\"', "\\": "\\\\", "/": "\\/" };
const hex = (char: string) => char.charCodeAt(0).toString(16).padStart(2, "0");

/** The echo as it sits in JSON text (`json`) or in a header value or status text. */
function encode(token: string, { case: letterCase, forms }: Encoding, json: boolean): string {
  const cased =
    letterCase === "upper" ? token.toUpperCase() : letterCase === "lower" ? token.toLowerCase() : token;
  return [...cased]
    .map((char, at) => {
      let form = forms[at % forms.length]!;
      if (!json && form !== "pctLower" && form !== "pctUpper") form = "literal";
      if (form === "short" && !SHORT[char]) form = "literal";
      if (json && form === "literal" && (char === '"' || char === "\\")) form = "short";
      switch (form) {
        case "uLower":
          return `\\u00${hex(char)}`;
        case "uUpper":
          return `\\u00${hex(char).toUpperCase()}`;
        case "short":
          return SHORT[char]!;
        case "pctLower":
          return `%${hex(char)}`;
        case "pctUpper":
          return `%${hex(char).toUpperCase()}`;
        default:
          return char;
      }
    })
    .join("");
}

/** What a reader makes of `text`: JSON escapes undone, percent escapes undone, or both. */
function decodings(text: string): string[] {
  const unescape = (t: string) =>
    t.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_all, what: string) =>
      what.length === 5 ? String.fromCharCode(parseInt(what.slice(1), 16)) : what,
    );
  const unpercent = (t: string) =>
    t.replace(/%([0-9a-fA-F]{2})/g, (_all, h: string) => String.fromCharCode(parseInt(h, 16)));
  return [text, unescape(text), unpercent(text), unpercent(unescape(text)), unescape(unpercent(text))];
}

/** The views that hold an echo of `token`, decoded, in any letter case. */
function leaking(views: string[], token: string): string[] {
  const needle = `«${token}»`.toLowerCase();
  return views.filter((view) => decodings(view).some((text) => text.toLowerCase().includes(needle)));
}

/** The group a 2xx echoes the token in. */
const group = (name: string) =>
  `{"id":2,"name":"${name}","key":"team-2","project":13,"createdAt":"2019-05-03T02:28:13.264936Z",` +
  `"createdBy":27,"description":null,"members":[]}`;

test("no view a caller can reach holds the token, whatever the echo's encoding", async () => {
  await fc.assert(
    fc.asyncProperty(tokens, encodings, async (token, encoding) => {
      const inJson = `«${encode(token, encoding, true)}»`;
      const inHeader = `«${encode(token, encoding, false)}»`;
      server.script((req, res, arrival) => {
        const found = req.url === "/groups/2";
        rawAnswer({
          status: found ? 200 : 404,
          statusText: `${found ? "OK" : "Not Found"} ${inHeader}`,
          headers: { "content-type": "application/json", "x-echo": inHeader },
          body: found ? group(inJson) : `{"message":"no group ${inJson}","detail":"${inJson}","code":404}`,
        })(req, res, arrival);
      });

      const views: string[] = [];
      const keep = (line: string) => void views.push(line);
      const logger: Logger = { error: keep, warn: keep, info: keep, debug: keep };
      const desk = createDeskClient({
        baseUrl: server.url,
        apiToken: token,
        logLevel: "debug",
        logger,
        maxRetries: 0,
      });
      const requests: Request[] = [];
      const watcher: Middleware = {
        onRequest({ request }) {
          requests.push(request.clone());
          return undefined;
        },
        async onResponse({ response }) {
          views.push(await response.clone().text(), response.statusText, inspect(response.headers));
          return undefined;
        },
      };
      desk.raw.use(watcher);

      // An error answer, through a resource method.
      const error = (await desk.groups.get(1).then(
        () => undefined,
        (e: unknown) => e,
      )) as DeskNotFoundError;
      expect(error).toBeInstanceOf(DeskNotFoundError);
      views.push(...renderings(error), JSON.stringify(error), inspect(error.body, { depth: Infinity }));
      error.headers.forEach((value, name) => views.push(`${name}: ${value}`));

      // A 2xx that echoes it: the value and the response.
      const { data, response } = await desk.groups.get(2).withResponse();
      views.push(inspect(data, { depth: Infinity }), JSON.stringify(data), response.statusText);
      response.headers.forEach((value, name) => views.push(`${name}: ${value}`));

      // desk.raw's { error }.
      const raw = await desk.raw.GET("/groups/{group_id}", { params: { path: { group_id: 1 } } });
      views.push(inspect(raw.error, { depth: Infinity }), JSON.stringify(raw.error), raw.response.statusText);

      // What a middleware sees of the request: never the token.
      for (const request of requests) {
        expect(request.headers.has(spec.auth.header)).toBe(false);
        views.push(request.url, await request.text());
      }

      expect(server.arrivals.map((arrival) => arrival.token)).toEqual([token, token, token]);
      expect(leaking(views, token)).toEqual([]);
    }),
    { numRuns: 30 },
  );
}, 60_000);
