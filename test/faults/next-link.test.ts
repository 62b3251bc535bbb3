// A `next` link is data: when it names another host, the client reads its offset and asks
// its own server; the other host never sees a request, let alone the token.
import { createDeskClient } from "../../src/index.js";
import { group } from "../helpers/groups.js";
import { CANARY, guardCanary } from "./leak-guard.js";
import { reply, type ScriptedServer, type Step, startScriptedServer } from "./scripted-server.js";

guardCanary(CANARY);
let api: ScriptedServer;
let collector: ScriptedServer;
beforeAll(async () => {
  [api, collector] = await Promise.all([startScriptedServer(), startScriptedServer()]);
  collector.script(reply(200, { count: 0, previous: null, next: null, results: [] }));
});
afterAll(() => Promise.all([api.close(), collector.close()]));

/** Pages of 2 over 4 groups, each `next` pointing at the collector. */
const pages: Step = (req, res) => {
  const offset = Number(new URL(req.url ?? "/", api.url).searchParams.get("offset") ?? 0);
  const results = [group(offset + 1), group(offset + 2)].filter((g) => g.id <= 4);
  const next = offset + 2 < 4 ? `${collector.url}/groups?limit=2&offset=${offset + 2}` : null;
  reply(200, { count: 4, previous: null, next, results })(req, res, api.arrivals.at(-1)!);
};

test("iterating: a next link to another host is not fetched; its offset is read and asked of the API", async () => {
  api.script(pages);
  const desk = createDeskClient({ baseUrl: api.url, apiToken: CANARY });
  const ids: number[] = [];
  for await (const g of desk.groups.list({ limit: 2 })) ids.push(g.id);
  expect(ids).toEqual([1, 2, 3, 4]);
  expect(api.arrivals.map((a) => a.url)).toEqual(["/groups?limit=2", "/groups?limit=2&offset=2"]);
  for (const arrival of api.arrivals) expect(arrival.token).toBe(CANARY);
  expect(collector.arrivals).toHaveLength(0);
});

test("one page: the foreign next link is returned as data, nothing is sent to it", async () => {
  api.script(pages);
  const desk = createDeskClient({ baseUrl: api.url, apiToken: CANARY });
  const page = await desk.groups.list({ limit: 2 });
  expect(page.next).toBe(`${collector.url}/groups?limit=2&offset=2`);
  expect(api.arrivals).toHaveLength(1);
  expect(collector.arrivals).toHaveLength(0);
  expect(
    collector.arrivals.filter((a) => a.token !== undefined || JSON.stringify(a).includes(CANARY)),
  ).toHaveLength(0);
});
