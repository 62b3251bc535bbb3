// Auto-pagination over the platform's list answers (`count`, `previous`, `next`, `results`).
// `next` is data, not a URL to fetch: the walk reads its `offset` and `limit`, checks them
// against the rules of the operation it walks, and asks the page fetcher, which only ever
// talks to the configured origin with the configured token. A page the walk cannot follow
// is a `DeskInvalidResponseError`, whose message never quotes the page (customer data).
import { type CallInfo, invalidAnswer, type Violation } from "../errors.js";
import { MAX_REMEMBERED_IDS } from "./defaults.js";
import type { Outcome } from "./call.js";
import { describeRule, keeps, type Rule } from "./validate.js";

/** What the walk needs of a page. */
export interface PageOf<T> {
  count?: number;
  results: T[];
  next: string | null;
}

/** Which page to ask for. */
export interface PageQuery {
  offset?: number;
  limit?: number;
}

/** The rules of a list operation's `offset` and `limit`, from generated/spec.ts. */
export interface PageRules {
  offset: Rule;
  limit: Rule;
}

/** Any base will do: only the query of `next` is read. */
const NEXT_BASE = "http://next.invalid";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Where a list answer breaks what the walk relies on: `results` of items with integer IDs,
 *  and a `next` that is null or a URL it can read. Checked in every validation mode. */
export function pageViolations(body: unknown): Violation[] {
  if (!isObject(body)) return [{ path: "", message: "must be object" }];
  const violations: Violation[] = [];
  if (!Array.isArray(body.results)) violations.push({ path: "results", message: "must be array" });
  else {
    const at = body.results.findIndex((item) => !isObject(item) || !Number.isSafeInteger(item.id));
    if (at >= 0) violations.push({ path: `results/${at}/id`, message: "must be integer" });
  }
  const { next } = body;
  if (next !== null && !(typeof next === "string" && URL.canParse(next, NEXT_BASE))) {
    violations.push({ path: "next", message: "must be null or a URL" });
  }
  if (body.count !== undefined && typeof body.count !== "number") {
    violations.push({ path: "count", message: "must be number" });
  }
  return violations;
}

/** Reads `offset` and `limit` from a `next` link; undefined for one the walk cannot follow,
 *  with the reason. */
export function nextQuery(next: string, rules: PageRules): { query: PageQuery } | { problem: string } {
  const params = new URL(next, NEXT_BASE).searchParams;
  const query: PageQuery = {};
  for (const name of ["offset", "limit"] as const) {
    const text = params.get(name);
    if (text === null) continue;
    const value = /^\d{1,16}$/.test(text) ? Number(text) : Number.NaN;
    if (!keeps(value, rules[name])) {
      return { problem: `the next link's ${name} is not valid: ${describeRule(rules[name])}` };
    }
    query[name] = value;
  }
  if (query.offset === undefined) return { problem: "the next link has no offset" };
  return { query };
}

/** The IDs a walk has seen lately: at most `capacity`, the oldest forgotten first (a ring of
 *  the IDs in the order they came, beside a Set to look them up). */
class RecentIds {
  readonly #ids = new Set<number>();
  readonly #ring: number[] = [];
  readonly #capacity: number;
  #oldest = 0;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  has(id: number): boolean {
    return this.#ids.has(id);
  }

  add(id: number): void {
    if (this.#ids.has(id)) return;
    this.#ids.add(id);
    if (this.#ring.length < this.#capacity) {
      this.#ring.push(id);
      return;
    }
    this.#ids.delete(this.#ring[this.#oldest]!);
    this.#ring[this.#oldest] = id;
    this.#oldest = (this.#oldest + 1) % this.#capacity;
  }
}

/** One step of a walk: a page as sent, and the items it adds. */
export interface PageStep<Page, Item> {
  page: Page;
  fresh: Item[];
}

/** The pages of a walk from `start`, one at a time, with the items each adds. Offset paging
 *  shifts items while a walk goes on (a group created ahead pushes the last item of a page
 *  onto the next), so an item seen lately is skipped; the walk remembers the last
 *  MAX_REMEMBERED_IDS IDs, no more. It ends on `next: null`, an empty page, an offset that
 *  does not advance, an offset past `count`, or a page that adds nothing new (a server that
 *  ignores the offset would otherwise be asked forever), and says so at warn level then. */
export async function* walkPages<Page extends PageOf<Item>, Item extends { id: number }>(
  first: Promise<Outcome<Page>>,
  fetchPage: (query: PageQuery) => Promise<Outcome<Page>>,
  start: PageQuery,
  rules: PageRules,
  warn: (message: string) => void,
): AsyncGenerator<PageStep<Page, Item>, void, undefined> {
  const seen = new RecentIds(MAX_REMEMBERED_IDS);
  let query = start;
  let outcome = await first;
  for (let pageNumber = 1; ; pageNumber++) {
    const page = outcome.parse();
    const fresh: Item[] = [];
    for (const item of page.results) {
      if (!seen.has(item.id)) fresh.push(item);
      seen.add(item.id);
    }
    if (pageNumber > 1 && page.results.length > 0 && fresh.length === 0) {
      warn(
        `pagination stopped: the page at offset ${query.offset ?? 0} adds no new items ` +
          "(the server seems to ignore the offset)",
      );
      return;
    }
    yield { page, fresh };
    if (page.next === null || page.results.length === 0) return;
    const next = nextQuery(page.next, rules);
    if ("problem" in next) throw unfollowable(outcome, next.problem);
    const offset = next.query.offset!;
    const past = typeof page.count === "number" && offset >= page.count;
    if (offset <= (query.offset ?? 0) || past) return;
    query = { ...query, ...next.query };
    outcome = await fetchPage(query);
  }
}

/** The error of a page whose `next` link the walk cannot follow. */
function unfollowable({ response, info }: { response: Response; info: CallInfo }, problem: string) {
  const { status, headers } = response;
  return invalidAnswer(info, { status, headers }, problem, [{ path: "next", message: problem }]);
}
