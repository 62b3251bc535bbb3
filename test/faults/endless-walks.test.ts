// A walk ends against a server that ignores `offset` and cycles through a few pages while
// its `next` keeps advancing (with `count` absent or huge): after a handful of requests that
// add nothing new, with a warn line, and without yielding an ID twice.
import { createDeskClient, type Logger } from "../../src/index.js";
import { group } from "../helpers/groups.js";
import { CANARY, guardCanary } from "./leak-guard.js";
import { reply, type ScriptedServer, type Step, startScriptedServer } from "./scripted-server.js";

guardCanary(CANARY);
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const LIMIT = 10;
/** The most requests a test lets a walk make before it breaks out itself. */
const SAFETY_REQUESTS = 60;
/** Requests a walk may spend beyond the cycle's own pages: "a handful". */
const HANDFUL = 5;

/** Page `n` of the cycle: ten groups of its own. */
const cyclePage = (n: number) => Array.from({ length: LIMIT }, (_, i) => group(n * LIMIT + i + 1));

/** Ignores `offset`: the k-th request gets page k mod `pages`, with a `next` that advances. */
function cycling(pages: number, count: number | undefined): Step {
  let served = 0;
  return (req, res, arrival) => {
    const offset = Number(new URL(req.url!, server.url).searchParams.get("offset") ?? 0);
    const body = {
      ...(count === undefined ? {} : { count }),
      previous: null,
      next: `${server.url}/groups?limit=${LIMIT}&offset=${offset + LIMIT}`,
      results: cyclePage(served++ % pages),
    };
    reply(200, body)(req, res, arrival);
  };
}

/** A client whose warn lines are kept. */
function client() {
  const warned: string[] = [];
  const logger: Logger = {
    error: () => {},
    warn: (line) => void warned.push(line),
    info: () => {},
    debug: () => {},
  };
  return { desk: createDeskClient({ baseUrl: server.url, apiToken: CANARY, logger }), warned };
}

describe.each([
  ["two pages (A, B, A, B...)", 2],
  ["three pages (A, B, C, A...)", 3],
])("a server cycling through %s", (_cycle, pages) => {
  test.each([
    ["count absent", undefined],
    ["count huge", 1_000_000_000],
  ])("%s: the items walk ends, warns, and yields no ID twice", async (_count, count) => {
    server.script(cycling(pages, count));
    const { desk, warned } = client();
    const ids: number[] = [];
    for await (const item of desk.groups.list({ limit: LIMIT })) {
      ids.push(item.id);
      if (server.arrivals.length > SAFETY_REQUESTS) break;
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(pages * LIMIT);
    expect(server.arrivals.length).toBeLessThanOrEqual(pages + HANDFUL);
    expect(warned.length).toBeGreaterThan(0);
  });

  test("count absent: the pages walk ends and warns", async () => {
    server.script(cycling(pages, undefined));
    const { desk, warned } = client();
    let seen = 0;
    for await (const _page of desk.groups.list({ limit: LIMIT }).pages()) {
      seen++;
      if (server.arrivals.length > SAFETY_REQUESTS) break;
    }
    expect(seen).toBeGreaterThanOrEqual(pages);
    expect(server.arrivals.length).toBeLessThanOrEqual(pages + HANDFUL);
    expect(warned.length).toBeGreaterThan(0);
  });
});
