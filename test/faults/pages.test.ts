// Pagination against servers that misbehave: one that ignores offset, one whose pages carry
// bad data, one whose next link asks for a limit outside the spec's bounds.
import { createDeskClient, DeskInvalidResponseError, DeskValidationError } from "../../src/index.js";
import { group as groupPayload } from "../helpers/groups.js";
import { CANARY, guardCanary } from "./leak-guard.js";
import { reply, type ScriptedServer, type Step, startScriptedServer } from "./scripted-server.js";

const guard = guardCanary(CANARY);
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const desk = () => createDeskClient({ baseUrl: server.url, apiToken: CANARY, logLevel: "off" });
const page = (results: unknown[], next: unknown, count = 1000) => ({ count, previous: null, next, results });

/** Answers every request with a page whose `next` is built from the request's own query. */
const ignoringOffset: Step = (req, res) => {
  const url = new URL(req.url!, server.url);
  const limit = Number(url.searchParams.get("limit") ?? 50);
  const offset = Number(url.searchParams.get("offset") ?? 0);
  const body = page(
    [groupPayload(1), groupPayload(2)],
    `${server.url}/groups?limit=${limit}&offset=${offset + limit}`,
  );
  reply(200, body)(req, res, undefined as never);
};

it("a server that ignores offset: the walk stops at the first page that adds nothing", async () => {
  server.script(ignoringOffset);
  const ids: number[] = [];
  for await (const group of desk().groups.list({ limit: 2 })) ids.push(group.id);
  expect(ids).toEqual([1, 2]);
  expect(server.arrivals).toHaveLength(2);
});

it("stops when the next offset passes count", async () => {
  server.script(reply(200, page([groupPayload(1)], `${server.url}/groups?limit=1&offset=1`, 1)));
  const ids: number[] = [];
  for await (const group of desk().groups.list({ limit: 1 })) ids.push(group.id);
  expect(ids).toEqual([1]);
  expect(server.arrivals).toHaveLength(1);
});

it.each([
  ["a next that is not a URL", page([groupPayload(1)], "http://[")],
  ["a numeric next", page([groupPayload(1)], 42)],
  ["a null item", page([groupPayload(1), null], null)],
  [
    "items without id",
    page(
      Array.from({ length: 10 }, () => ({ name: "x" })),
      null,
    ),
  ],
])("%s: a DeskInvalidResponseError, not a bare TypeError", async (_what, body) => {
  server.script(reply(200, body));
  const walk = async () => {
    for await (const _ of desk().groups.list()) {
      // reading is enough
    }
  };
  const error = await guard.rejection(walk());
  expect(error).toBeInstanceOf(DeskInvalidResponseError);
  expect(error.message).toContain("not the documented shape");
});

it.each(["0", "100000"])(
  "a next link with limit=%s is an invalid answer, checked like a caller's input",
  async (limit) => {
    server.script(reply(200, page([groupPayload(1)], `${server.url}/groups?limit=${limit}&offset=1`)));
    const walk = async () => {
      for await (const _ of desk().groups.list()) {
        // reading is enough
      }
    };
    const error = await guard.rejection(walk());
    // The server's mistake, not the caller's: an answer the client cannot follow.
    expect(error).toBeInstanceOf(DeskInvalidResponseError);
    expect(error).not.toBeInstanceOf(DeskValidationError);
    expect(error).toMatchObject({ status: 200, violations: [{ path: "next" }] });
    expect(error.message).toContain("limit is not valid: must be an integer from 1 to 500");
    expect(server.arrivals).toHaveLength(1);
  },
);
