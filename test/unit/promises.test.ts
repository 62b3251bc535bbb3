// Every resource method returns a DeskPromise: a real Promise of the value, with the final
// Response on request; list() is also an async iterable of items and of pages.
import type { DeskPromise, GroupList } from "../../src/index.js";
import { client, group, json, withMembers } from "./fake-fetch.js";

const page = (ids: number[], next: string | null, count = 6) => ({
  count,
  previous: null,
  next,
  results: ids.map(group),
});
const link = (offset: number) =>
  `https://desk-api-app1.sendbird.com/platform/v1/groups?limit=2&offset=${offset}`;

describe("DeskPromise", () => {
  const methods: [string, (d: ReturnType<typeof client>["desk"]) => DeskPromise<unknown>][] = [
    ["list", (d) => d.groups.list()],
    ["get", (d) => d.groups.get(7)],
    ["addMember", (d) => d.groups.addMember(7, 2)],
    ["removeMember", (d) => d.groups.removeMember(7, 2)],
  ];

  it.each(methods)("%s: is a Promise, and then, catch and finally all work", async (_name, call) => {
    const body = _name === "list" ? page([1], null) : withMembers(7);
    const { desk } = client([json(body)]);
    const promise = call(desk);
    expect(promise).toBeInstanceOf(Promise);
    let finished = false;
    const value = await promise.finally(() => {
      finished = true;
    });
    expect(finished).toBe(true);
    expect(value).toEqual(body);
    expect(await promise.then((v) => v === value)).toBe(true);
    const failing = client([json({ message: "no" }, 404)]);
    let failedFinally = false;
    const caught = await call(failing.desk)
      .finally(() => {
        failedFinally = true;
      })
      .catch((error: Error) => error.name);
    expect([caught, failedFinally]).toEqual(["DeskNotFoundError", true]);
  });

  it("withResponse(): the value, the final Response and the request ID when the server sends one", async () => {
    const { desk } = client([json(withMembers(7), 200, { "x-request-id": "req-123" })]);
    const { data, response, requestId } = await desk.groups.get(7).withResponse();
    expect(data.id).toBe(7);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("req-123");
    expect(response.bodyUsed).toBe(true);
    expect(requestId).toBe("req-123");
    const other = client([json(withMembers(7), 200, { "request-id": "r-9" })]);
    expect((await other.desk.groups.get(7).withResponse()).requestId).toBe("r-9");
    const none = client([json(withMembers(7))]);
    expect((await none.desk.groups.get(7).withResponse()).requestId).toBeUndefined();
  });

  it("asResponse(): the final Response with its body readable and unparsed", async () => {
    const { desk } = client([json(withMembers(7))]);
    const response = await desk.groups.get(7).asResponse();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(withMembers(7));
  });

  it("asResponse() of an error answer rejects with its typed error, as awaiting would", async () => {
    const { desk } = client([json({ message: "gone" }, 404)]);
    await expect(desk.groups.get(7).asResponse()).rejects.toMatchObject({ name: "DeskNotFoundError" });
  });

  it("sends one request however the promise is consumed", async () => {
    const { desk, seen } = client([json(withMembers(7))]);
    const promise = desk.groups.get(7);
    await Promise.all([promise, promise.withResponse(), promise.asResponse(), promise.finally(() => {})]);
    expect(seen).toHaveLength(1);
  });
});

describe("list()", () => {
  const book = () => [json(page([1, 2], link(2))), json(page([3, 4], link(4))), json(page([5, 6], null))];

  it(".pages(): every page as sent, following next", async () => {
    const { desk, seen } = client(book());
    const pages: GroupList[] = [];
    for await (const p of desk.groups.list({ limit: 2 }).pages()) pages.push(p);
    expect(pages.map((p) => p.results.map((g) => g.id))).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(seen.map((r) => new URL(r.url).searchParams.get("offset"))).toEqual([null, "2", "4"]);
  });

  it(".pages() stops on a page that adds nothing new, like the items do", async () => {
    const { desk, seen } = client([json(page([1, 2], link(2))), json(page([1, 2], link(4)))]);
    let count = 0;
    for await (const _ of desk.groups.list().pages()) count++;
    expect(count).toBe(1);
    expect(seen).toHaveLength(2);
  });

  it("iterating, then awaiting, the same list requests the first page once", async () => {
    const { desk, seen } = client(book());
    const listing = desk.groups.list({ limit: 2 });
    const ids: number[] = [];
    for await (const g of listing) ids.push(g.id);
    const first = await listing;
    expect(ids).toEqual([1, 2, 3, 4, 5, 6]);
    expect(first.results.map((g) => g.id)).toEqual([1, 2]);
    expect(seen).toHaveLength(3);
  });

  it("withResponse() and finally() work for the first page", async () => {
    const { desk } = client([json(page([1], null), 200, { "x-request-id": "p1" })]);
    const { data, requestId } = await desk.groups.list().withResponse();
    expect([data.results.length, requestId]).toEqual([1, "p1"]);
  });
});
