// Auto-pagination. `next` is data, not a URL to fetch: the walk reads its `offset` and
// `limit`, checks them like a caller's input, and asks the page fetcher, which only ever
// talks to the configured origin with the configured token.
import * as spec from "../../generated/spec.js";
import { DeskError } from "../errors.js";
import { checkValue } from "./validate.js";

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

const queryRules = spec.operations.listGroups.parameters.query;
/** Any base will do: only the query of `next` is read. */
const NEXT_BASE = "http://next.invalid";

/** Reads `offset` and `limit` from a `next` link, checked against the spec's bounds. */
export function nextQuery(next: string): PageQuery {
  const params = new URL(next, NEXT_BASE).searchParams;
  const query: PageQuery = {};
  for (const name of ["offset", "limit"] as const) {
    const text = params.get(name);
    if (text === null) continue;
    const value = /^\d{1,16}$/.test(text) ? Number(text) : text;
    checkValue(`${name} in the next link`, value, queryRules[name]);
    query[name] = value as number;
  }
  if (query.offset === undefined) {
    throw new DeskError(`pagination: no valid offset in the next link ${JSON.stringify(next.slice(0, 200))}`);
  }
  return query;
}

/** The pages of a walk, one at a time, with the items each adds. Holds one page and the
 *  IDs of the page before: offset paging shifts items while a walk goes on (a group created
 *  ahead pushes the last item of a page onto the next), so an item seen on the page before
 *  is skipped. */
export class PageWalk<Page extends PageOf<Item>, Item extends { id: number }> {
  #query: PageQuery;
  #first: Promise<Page> | undefined;
  #before = new Set<number>();
  #done = false;
  readonly #fetchPage: (query: PageQuery) => Promise<Page>;
  readonly #warn: (message: string) => void;

  constructor(
    fetchPage: (query: PageQuery) => Promise<Page>,
    start: PageQuery,
    first: Promise<Page>,
    warn: (message: string) => void,
  ) {
    this.#fetchPage = fetchPage;
    this.#warn = warn;
    this.#query = start;
    this.#first = first;
  }

  /** The next page and the items it adds, or undefined after the last. */
  async next(): Promise<{ page: Page; fresh: Item[] } | undefined> {
    if (this.#done) return undefined;
    const first = this.#first;
    this.#first = undefined;
    const page = await (first ?? this.#fetchPage(this.#query));
    const ids = new Set<number>();
    const fresh: Item[] = [];
    for (const item of page.results) {
      if (!this.#before.has(item.id) && !ids.has(item.id)) fresh.push(item);
      ids.add(item.id);
    }
    // A page of items all seen before: the server is not moving through the list (a
    // static mock, or a server that ignores offset). Going on would request forever.
    if (!first && page.results.length > 0 && fresh.length === 0) {
      this.#done = true;
      this.#warn(
        `pagination stopped: the page at offset ${this.#query.offset ?? 0} adds no new items ` +
          "(the server seems to ignore the offset)",
      );
      return undefined;
    }
    this.#before = ids;
    this.#advance(page);
    return { page, fresh };
  }

  /** Moves to the page `next` names; ends the walk on `next: null`, an empty page, an
   *  offset that does not advance, or an offset past `count`. */
  #advance(page: Page): void {
    if (page.next === null || page.results.length === 0) {
      this.#done = true;
      return;
    }
    const next = nextQuery(page.next);
    const past = typeof page.count === "number" && next.offset! >= page.count;
    if (next.offset! <= (this.#query.offset ?? 0) || past) this.#done = true;
    else this.#query = { ...this.#query, ...next };
  }

  /** Ends the walk: nothing more is requested, and the page is released. */
  stop(): void {
    this.#done = true;
    this.#first = undefined;
    this.#before = new Set();
  }
}
