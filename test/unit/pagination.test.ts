// list() is one page when awaited and every group when iterated; next links are read,
// never fetched.
import { spec } from "../../generated/spec.js";
import { PagePromise } from "../../src/core/page-promise.js";
import { nextQuery, type PageOf, type PageQuery } from "../../src/core/pagination.js";
import { BASE, caught, client, group, json, TOKEN } from "./fake-fetch.js";

type G = { id: number };
const rules = spec.operations.listGroups.parameters.query;

/** Every item of the walk from `start`, as `for await` over `list()` gives them. */
function paginate(fetchPage: (query: PageQuery) => Promise<PageOf<G>>, start: PageQuery): AsyncIterable<G> {
  const outcomeAt = async (query: PageQuery) => {
    const page = await fetchPage(query);
    const info = { method: "GET", url: `${BASE}/groups`, attempts: 1 };
    return { response: new Response(), text: "", info, parse: () => page };
  };
  return new PagePromise<PageOf<G>, G>({ fetchPage: outcomeAt, start, rules, warn: () => {} });
}
const page = (ids: number[], next: string | null) => ({ results: ids.map((id) => ({ id })), next });
const link = (offset: number, limit = 2, host = "desk-api-app1.sendbird.com") =>
  `https://${host}/platform/v1/groups?limit=${limit}&offset=${offset}`;

async function collect(iterable: AsyncIterable<G>): Promise<number[]> {
  const ids: number[] = [];
  for await (const item of iterable) ids.push(item.id);
  return ids;
}

/** A page fetcher over `pages`, keyed by offset, that records the queries it gets. */
function pages(book: Record<number, ReturnType<typeof page>>) {
  const asked: PageQuery[] = [];
  const fetchPage = async (query: PageQuery) => {
    asked.push(query);
    return book[query.offset ?? 0] ?? page([], null);
  };
  return { fetchPage, asked };
}

describe("paginate", () => {
  it("follows next by its offset and limit until next is null", async () => {
    const { fetchPage, asked } = pages({
      0: page([1, 2], link(2)),
      2: page([3, 4], link(4, 3)),
      4: page([5], null),
    });
    expect(await collect(paginate(fetchPage, { limit: 2 }))).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toEqual([{ limit: 2 }, { limit: 2, offset: 2 }, { limit: 3, offset: 4 }]);
  });

  it("starts at the caller's offset", async () => {
    const { fetchPage, asked } = pages({ 10: page([11], null) });
    expect(await collect(paginate(fetchPage, { offset: 10 }))).toEqual([11]);
    expect(asked).toEqual([{ offset: 10 }]);
  });

  it("stops on an empty page even when next is set", async () => {
    const { fetchPage, asked } = pages({ 0: page([1], link(1)), 1: page([], link(2)) });
    expect(await collect(paginate(fetchPage, {}))).toEqual([1]);
    expect(asked).toHaveLength(2);
  });

  it("stops when next does not advance the offset", async () => {
    const { fetchPage, asked } = pages({ 0: page([1, 2], link(2)), 2: page([3, 4], link(2)) });
    expect(await collect(paginate(fetchPage, {}))).toEqual([1, 2, 3, 4]);
    expect(asked).toHaveLength(2);
  });

  it("never yields the same group twice when items shift by less than a page", async () => {
    // One group inserted ahead before each request: the last item of a page comes back first
    // on the next one; a page may also repeat an item within itself.
    const { fetchPage } = pages({
      0: page([1, 2, 3], link(3, 3)),
      3: page([3, 4, 5], link(6, 3)),
      6: page([5, 6, 6], null),
    });
    expect(await collect(paginate(fetchPage, {}))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("remembers the IDs of recent pages, so an item that comes back pages later is not yielded twice", async () => {
    // Group 1 comes back two pages later, as if a whole page of groups had been inserted
    // ahead of it: the walk still holds its ID (it remembers the last 10,000).
    const { fetchPage } = pages({
      0: page([1, 2], link(2)),
      2: page([3, 4], link(4)),
      4: page([1, 5], null),
    });
    expect(await collect(paginate(fetchPage, {}))).toEqual([1, 2, 3, 4, 5]);
  });

  it("refuses a next link without a usable offset: the answer is invalid", async () => {
    const { fetchPage } = pages({
      0: page([1], "https://desk-api-app1.sendbird.com/platform/v1/groups?cursor=abc"),
    });
    const error = await caught(() => collect(paginate(fetchPage, {})));
    expect(error).toMatchObject({ name: "DeskInvalidResponseError", violations: [{ path: "next" }] });
    expect(error.message).toContain("no offset");
  });

  it("reads relative links, and checks their limit like a caller's", async () => {
    expect(nextQuery("?offset=0&limit=9", rules)).toEqual({ query: { offset: 0, limit: 9 } });
    expect(nextQuery("/groups?offset=5", rules)).toEqual({ query: { offset: 5 } });
    for (const limit of ["x", "0", "100000"]) {
      const read = nextQuery(`/groups?offset=5&limit=${limit}`, rules);
      expect(read).toEqual({ problem: expect.stringContaining("limit is not valid") });
    }
  });
});

describe("desk.groups.list()", () => {
  const envelope = (ids: number[], next: string | null) => ({
    count: 5,
    previous: null,
    next,
    results: ids.map(group),
  });

  it("awaited: one page, typed as the spec says", async () => {
    const { desk, seen } = client([json(envelope([1, 2], link(2)))]);
    const first = await desk.groups.list({ limit: 2 });
    expect(first.count).toBe(5);
    expect(first.results.map((g) => g.name)).toEqual(["Team 1", "Team 2"]);
    expect(seen).toHaveLength(1);
  });

  it("sends nothing until awaited or iterated", async () => {
    const { desk, seen } = client([json(envelope([], null))]);
    const pending = desk.groups.list();
    expect(pending).toBeInstanceOf(PagePromise);
    await new Promise((r) => setTimeout(r, 5));
    expect(seen).toHaveLength(0);
    await pending.catch(() => undefined);
    expect(seen).toHaveLength(1);
  });

  it("iterated: every group, and the token only ever goes to the configured origin", async () => {
    const evil = "collector.example.net";
    const { desk, seen } = client([
      json(envelope([1, 2], link(2, 2, evil))),
      json(envelope([3, 4], link(4, 2, evil))),
      json(envelope([5], null)),
    ]);
    const names: string[] = [];
    for await (const g of desk.groups.list({ limit: 2 })) names.push(g.name);
    expect(names).toEqual(["Team 1", "Team 2", "Team 3", "Team 4", "Team 5"]);
    expect(seen.map((r) => r.url)).toEqual([
      `${BASE}/groups?limit=2`,
      `${BASE}/groups?limit=2&offset=2`,
      `${BASE}/groups?limit=2&offset=4`,
    ]);
    expect(seen.every((r) => r.headers.get("SENDBIRDDESKAPITOKEN") === TOKEN)).toBe(true);
  });

  it("reuses the page already awaited when iterated afterwards", async () => {
    const { desk, seen } = client([json(envelope([1], link(1))), json(envelope([2], null))]);
    const list = desk.groups.list();
    await list;
    const ids: number[] = [];
    for await (const g of list) ids.push(g.id);
    expect(ids).toEqual([1, 2]);
    expect(seen).toHaveLength(2);
  });

  it("rejects through then's handler and catch", async () => {
    const { desk } = client([json({ message: "no" }, 401)]);
    await expect(desk.groups.list()).rejects.toMatchObject({ name: "DeskAuthenticationError" });
    const seen = await desk.groups.list().then(
      () => "resolved",
      (e: unknown) => (e as Error).name,
    );
    expect(seen).toBe("DeskAuthenticationError");
  });

  it("passes per-call options to every page", async () => {
    const { desk, seen } = client([
      json(envelope([1], link(1))),
      json({}, 503, { "retry-after-ms": "0" }),
      json(envelope([2], null)),
    ]);
    const ids: number[] = [];
    for await (const g of desk.groups.list({}, { maxRetries: 1 })) ids.push(g.id);
    expect(ids).toEqual([1, 2]);
    expect(seen).toHaveLength(3);
  });
});
