// What `list()` returns: the first page when awaited, every item with `for await`, every
// page with `.pages()`. Nothing is requested until one of them begins (making an iterator
// is not beginning: its first `next()` is), and the first page is requested once however
// many begin.
import type { Outcome } from "./call.js";
import { DeskPromise } from "./desk-promise.js";
import { type PageOf, type PageQuery, type PageRules, type PageStep, walkPages } from "./pagination.js";

/** How a listing asks for its pages. */
export interface PageSource<Page> {
  /** Asks for the page at `query`, with the listing's options. */
  fetchPage(query: PageQuery): Promise<Outcome<Page>>;
  /** Where the walk starts: the caller's own `offset` and `limit`. */
  start: PageQuery;
  /** The operation's rules for `offset` and `limit`, for reading `next` links. */
  rules: PageRules;
  /** Hears why a walk stopped early. */
  warn(message: string): void;
}

/** A `DeskPromise` of the first page that also walks every page. */
export class PagePromise<Page extends PageOf<Item>, Item extends { id: number }>
  extends DeskPromise<Page>
  implements AsyncIterable<Item>
{
  readonly #source: PageSource<Page>;

  constructor(source: PageSource<Page>) {
    super(() => source.fetchPage(source.start), true);
    this.#source = source;
  }

  /** Awaiting the listing (or then, catch, finally) requests its first page. */
  override then<A = Page, B = never>(
    onFulfilled?: ((value: Page) => A | PromiseLike<A>) | null,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as Promise.then types it
    onRejected?: ((reason: any) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.outcome();
    return super.then(onFulfilled, onRejected);
  }

  /** Every item across pages, each once (see docs/guides/pagination.md on offset paging). */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const step of this.#walk()) for (const item of step.fresh) yield item;
  }

  /** Every page as the server sent it, under the same rules as the items. */
  async *pages(): AsyncGenerator<Page, void, undefined> {
    for await (const step of this.#walk()) yield step.page;
  }

  /** The walk's steps; it begins at the first `next()`. */
  async *#walk(): AsyncGenerator<PageStep<Page, Item>, void, undefined> {
    this.consumedElsewhere();
    const { fetchPage, start, rules, warn } = this.#source;
    yield* walkPages<Page, Item>(this.outcome(), fetchPage, start, rules, warn);
  }
}
