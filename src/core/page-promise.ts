// What `list()` returns: the first page when awaited, every item with `for await`, every
// page with `.pages()`. Nothing is requested until one of them begins, and the first page
// is requested once however many begin.
import { DeskPromise, type Outcome } from "./desk-promise.js";
import { type PageOf, type PageQuery, PageWalk } from "./pagination.js";

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/** The items of a walk, handed out from a buffered page as already-settled promises (an
 *  async generator would cost a few hundred nanoseconds more per item). */
class ItemIterator<Item extends { id: number }> implements AsyncIterator<Item, undefined> {
  #buffer: Item[] = [];
  #at = 0;
  #refill: Promise<IteratorResult<Item, undefined>> | undefined;
  readonly #walk: PageWalk<PageOf<Item>, Item>;

  constructor(walk: PageWalk<PageOf<Item>, Item>) {
    this.#walk = walk;
  }

  next(): Promise<IteratorResult<Item, undefined>> {
    if (this.#refill) return this.#refill.then(() => this.next()); // one page request at a time
    if (this.#at < this.#buffer.length)
      return Promise.resolve({ done: false, value: this.#buffer[this.#at++]! });
    this.#refill = this.#nextPage().finally(() => {
      this.#refill = undefined;
    });
    return this.#refill;
  }

  async #nextPage(): Promise<IteratorResult<Item, undefined>> {
    for (;;) {
      const step = await this.#walk.next();
      if (!step) return this.#release();
      if (step.fresh.length === 0) continue;
      this.#buffer = step.fresh;
      this.#at = 1;
      return { done: false, value: step.fresh[0]! };
    }
  }

  /** Called by `break`: nothing more is requested, and the page is released. */
  return(): Promise<IteratorResult<Item, undefined>> {
    return Promise.resolve(this.#release());
  }

  #release(): IteratorReturnResult<undefined> {
    this.#walk.stop();
    this.#buffer = [];
    this.#at = 0;
    return DONE;
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}

/** A `DeskPromise` of the first page that also walks every page. */
export class PagePromise<Page extends PageOf<Item>, Item extends { id: number }>
  extends DeskPromise<Page>
  implements AsyncIterable<Item>
{
  readonly #fetchPage: (query: PageQuery) => Promise<Page>;
  readonly #start: PageQuery;
  readonly #warn: (message: string) => void;

  /** `run` is the first page's call; `fetchPage` asks for any page and checks it; `warn`
   *  hears why a walk stopped early. */
  constructor(
    run: () => Promise<Outcome<Page>>,
    fetchPage: (query: PageQuery) => Promise<Page>,
    start: PageQuery,
    warn: (message: string) => void,
  ) {
    super(run, true);
    this.#fetchPage = fetchPage;
    this.#start = start;
    this.#warn = warn;
  }

  #walk(): PageWalk<Page, Item> {
    const first = this.value();
    return new PageWalk<Page, Item>(this.#fetchPage, this.#start, first, this.#warn);
  }

  /** Every item across pages, each once (see the README on offset paging). */
  [Symbol.asyncIterator](): AsyncIterator<Item, undefined> {
    return new ItemIterator<Item>(this.#walk() as unknown as PageWalk<PageOf<Item>, Item>);
  }

  /** Every page as the server sent it, under the same rules as the items. */
  async *pages(): AsyncGenerator<Page, void, undefined> {
    const walk = this.#walk();
    try {
      for (let step = await walk.next(); step; step = await walk.next()) yield step.page;
    } finally {
      walk.stop();
    }
  }
}
