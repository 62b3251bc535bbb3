// Auto-pagination over an injected page fetcher, so it can be tested without HTTP.
// `next` is data, not a URL to fetch: the iterator reads its `offset` and `limit` and asks
// the fetcher, which only ever talks to the configured origin with the configured token.
import { DeskError } from "./errors.js";

/** What the iterator needs of a page. */
export interface PageOf<T> {
  results: T[];
  next: string | null;
}

/** Which page to ask for. */
export interface PageQuery {
  offset?: number;
  limit?: number;
}

/** Reads `offset` and `limit` from a `next` link. */
export function nextQuery(next: string): PageQuery & { offset: number } {
  const params = new URL(next, "http://next.invalid").searchParams;
  const [offset, limit] = ["offset", "limit"].map((name) => {
    const value = params.get(name);
    return value && /^\d{1,15}$/.test(value) ? +value : undefined;
  });
  if (offset === undefined)
    throw new DeskError(`pagination: no valid offset in the next link ${JSON.stringify(next.slice(0, 200))}`);
  return limit === undefined ? { offset } : { offset, limit };
}

/** Yields every item across pages, starting at `start`. Stops on `next: null`, an empty
 *  page, or a next offset that does not advance. Memory stays bounded by one page: besides
 *  the page, it holds the IDs of the page before, which is where offset paging puts the
 *  items that shift while the walk goes on. So an item is never yielded twice unless a
 *  whole page or more of groups is inserted ahead of it between two requests. `first`,
 *  when given, is the first page already requested. */
export async function* paginate<T extends { id: number }>(
  fetchPage: (query: PageQuery) => Promise<PageOf<T>>,
  start: PageQuery,
  first?: Promise<PageOf<T>>,
): AsyncGenerator<T, void, undefined> {
  let query = start;
  let page = await (first ?? fetchPage(query));
  for (let before = new Set<number>(); ; ) {
    const ids = new Set<number>();
    for (const item of page.results) {
      const fresh = !before.has(item.id) && !ids.has(item.id);
      ids.add(item.id);
      if (fresh) yield item;
    }
    before = ids;
    if (page.next === null || page.results.length === 0) return;
    const next = nextQuery(page.next);
    if (next.offset <= (query.offset ?? 0)) return;
    query = { ...query, ...next };
    page = await fetchPage(query);
  }
}

/** One page when awaited, every item when iterated with `for await`. Nothing is requested
 *  until one of the two begins. */
export class PagePromise<Page extends PageOf<Item>, Item extends { id: number }>
  implements PromiseLike<Page>, AsyncIterable<Item>
{
  #first: Promise<Page> | undefined;
  readonly #fetchPage: (query: PageQuery) => Promise<Page>;
  readonly #start: PageQuery;

  constructor(fetchPage: (query: PageQuery) => Promise<Page>, start: PageQuery) {
    this.#fetchPage = fetchPage;
    this.#start = start;
  }

  then<A = Page, B = never>(
    onFulfilled?: ((page: Page) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return (this.#first ??= this.#fetchPage(this.#start)).then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<Page | B> {
    return this.then(undefined, onRejected);
  }

  [Symbol.asyncIterator](): AsyncIterator<Item> {
    return paginate<Item>(this.#fetchPage, this.#start, this.#first);
  }
}
