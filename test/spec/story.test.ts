// The mock's named examples tell one story that a reader can check: one application with five
// groups; the paged examples are slices of the whole list whose count, previous, next and
// results agree with the limit and offset they answer; group 77 gains and loses agent 2.
import { deref, type Json, operations } from "../helpers/spec";

/** The named examples of an operation's 200 answer, by name. */
function examplesOf(operationId: string): Record<string, Json> {
  const { op } = operations().find((o) => o.id === operationId)!;
  const examples = deref(op.responses["200"]).content["application/json"].examples;
  return Object.fromEntries(Object.entries<Json>(examples).map(([name, e]) => [name, deref(e).value]));
}

const lists = examplesOf("listGroups");
const all = lists.AllGroups;

/** The offset and limit a page link names, or null. */
const link = (url: string | null) =>
  url === null
    ? null
    : {
        limit: Number(new URL(url).searchParams.get("limit")),
        offset: Number(new URL(url).searchParams.get("offset")),
      };

test("the default list example is every group of the application, on one page (the defaults: limit 50, offset 0)", () => {
  expect(Object.keys(lists)[0]).toBe("AllGroups");
  expect(all.count).toBe(all.results.length);
  expect([all.previous, all.next]).toEqual([null, null]);
  expect(all.results.map((g: Json) => g.id)).toEqual([13, 42, 77, 80, 91]);
});

test.each([
  ["FirstPage", 0],
  ["MiddlePage", 2],
  ["LastPage", 4],
  ["PastTheEndPage", 6],
])("%s (limit 2, offset %i) agrees with the whole list and with itself", (name, offset) => {
  const limit = 2;
  const page = lists[name];
  expect(page.count).toBe(all.count);
  expect(page.results).toEqual(all.results.slice(offset, offset + limit));
  expect(link(page.next)).toEqual(offset + limit < all.count ? { limit, offset: offset + limit } : null);
  expect(link(page.previous)).toEqual(offset > 0 ? { limit, offset: Math.max(0, offset - limit) } : null);
});

test("group 77 gains agent 2 when added and loses it when removed; the rest of the group is unchanged", () => {
  const viewed = examplesOf("getGroup").ViewGroup;
  const added = examplesOf("addGroupMember").AgentAdded;
  const removed = examplesOf("removeGroupMember").AgentRemoved;
  const ids = (g: Json) => g.members.map((m: Json) => m.id);
  expect(Object.keys(examplesOf("addGroupMember"))[0]).toBe("AgentAdded");
  expect(Object.keys(examplesOf("removeGroupMember"))[0]).toBe("AgentRemoved");
  expect(ids(viewed)).toEqual([28]);
  expect(ids(added)).toEqual([28, 2]);
  expect(removed).toEqual(viewed);
  const { members: _m, ...group77 } = added;
  expect(all.results.find((g: Json) => g.id === 77)).toEqual(group77);
});

test("the group without members is group 80 of the list, with an empty member list", () => {
  const { members, ...group } = examplesOf("getGroup").GroupWithoutMembers;
  expect(members).toEqual([]);
  expect(all.results.find((g: Json) => g.id === 80)).toEqual(group);
});
