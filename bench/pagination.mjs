// Auto-pagination: every group of the stand-in (100,000 in a full run, pages of 500) walked
// with each build's `desk.groups.list({ limit })` iterator and with a hand-written raw-fetch
// loop. Time: the walks advance side by side, one page per walker per paired round (see
// pairing.mjs), so that every ratio compares pages walked moments apart. Memory, in separate
// untimed walks: the live heap at the last page (a forced GC there: what the walk holds) and
// the peak heap sampled densely (garbage included).
//
// A walker that read ahead would do part of its work during the others' pages; neither does:
// the client holds one page at a time, and the raw loop fetches a page when it needs it.
import createClient from "openapi-fetch";
import { pairedRounds } from "./pairing.mjs";
import { DESK_OFF, DESK_PAGES, deskOptions, OPENAPI_LOOP, RAW_LOOP, TOKEN } from "./settings.mjs";
import { headersFor } from "./spec.mjs";

/** The peak-heap walk samples `heapUsed` every this many items. */
export const PEAK_SAMPLE_EVERY = 25;
/** The live heap is measured this many times per walker; the report gives the largest. */
export const LIVE_RUNS = 3;

const MB = 2 ** 20;

/** name -> (seen) => a walk over every group in steps: `page()` hands the next page's groups to
 *  `seen`, one page's worth, in order; `end()` checks that nothing is left. */
export function walkers(url, builds, limit) {
  const headers = headersFor(TOKEN);
  // Each build, and this checkout's with the answers' schema unchecked.
  const { current } = builds;
  const plain = Object.values(builds).map(({ label, createDeskClient }) => [label, createDeskClient, {}]);
  const unchecked = [`${current.label} ${DESK_OFF}`, current.createDeskClient, { validateResponses: "off" }];
  const desks = [...plain, unchecked].map(([label, createDeskClient, extra]) => {
    const desk = createDeskClient({ ...deskOptions(url), ...extra });
    // The iterator protocol `for await (const group of desk.groups.list(...))` runs on.
    return [
      label,
      (seen) => {
        const items = desk.groups.list({ limit })[Symbol.asyncIterator]();
        return {
          async page() {
            for (let i = 0; i < limit; i++) {
              const { done, value } = await items.next();
              if (done) throw new Error(`the walk ended ${limit - i} groups early`);
              seen(value);
            }
          },
          async end() {
            if (!(await items.next()).done) throw new Error("the walk went on past the last page");
          },
        };
      },
    ];
  });
  // desk's walk without the per-item iterator: this checkout's build, page by page.
  const pagesDesk = current.createDeskClient(deskOptions(url));
  const deskPages = (seen) => {
    const pages = pagesDesk.groups.list({ limit }).pages();
    let last = false;
    return {
      async page() {
        const { done, value } = await pages.next();
        if (done) throw new Error("the walk ended early");
        for (const group of value.results) seen(group);
        last = value.next === null;
      },
      async end() {
        if (!last || !(await pages.next()).done) throw new Error("the walk went on past the last page");
      },
    };
  };
  const bare = createClient({ baseUrl: url, headers });
  const openapiLoop = offsetLoop(async (offset) => {
    const { data, error } = await bare.GET("/groups", { params: { query: { limit, offset } } });
    if (error !== undefined) throw new Error(`HTTP error ${JSON.stringify(error)}`);
    return data;
  });
  const rawLoop = offsetLoop(async (offset) => {
    const res = await fetch(`${url}/groups?limit=${limit}&offset=${offset}`, { headers });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.json();
  });
  return Object.fromEntries([
    ...desks,
    [`${current.label} ${DESK_PAGES}`, deskPages],
    [OPENAPI_LOOP, openapiLoop],
    [RAW_LOOP, rawLoop],
  ]);
}

/** A hand-written walk: `fetchPage(offset)` resolves to a page, whose groups go to `seen`; the
 *  offset moves on by the page's length, and the walk is over when `next` is null. */
function offsetLoop(fetchPage) {
  return (seen) => {
    let offset = 0;
    let next = "";
    return {
      async page() {
        const page = await fetchPage(offset);
        for (const group of page.results) seen(group);
        offset += page.results.length;
        next = page.next;
      },
      async end() {
        if (next !== null) throw new Error("the walk went on past the last page");
      },
    };
  };
}

/** A `seen` callback that checks a walk hands out groups 1..total in order, and its end check. */
function inOrder(total) {
  let expected = 1;
  return {
    seen(group) {
      if (group.id !== expected) throw new Error(`expected group ${expected}, got ${group.id}`);
      expected++;
    },
    done() {
      if (expected !== total + 1) throw new Error(`saw ${expected - 1} groups, expected ${total}`);
    },
  };
}

/** One whole walk, untimed, calling `seen(group)` on every group. */
async function walkAll(walker, pages, seen) {
  const walk = walker(seen);
  for (let p = 0; p < pages; p++) await walk.page();
  await walk.end();
}

/** Heap held at the last page: GC forced at its first item, minus the heap after a GC before. */
async function liveAtLastPage(walker, total, limit) {
  globalThis.gc();
  const base = process.memoryUsage().heapUsed;
  let live = Number.NaN;
  let at = 0;
  await walkAll(walker, total / limit, () => {
    if (++at === total - limit + 1) {
      globalThis.gc();
      live = process.memoryUsage().heapUsed - base;
    }
  });
  return live / MB;
}

/** Peak heapUsed during a walk, sampled every PEAK_SAMPLE_EVERY items, above the post-GC start. */
async function peakHeap(walker, total, limit) {
  globalThis.gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  let at = 0;
  await walkAll(walker, total / limit, () => {
    if (++at % PEAK_SAMPLE_EVERY === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  });
  return (peak - base) / MB;
}

/** Per walker: `times` (wall and CPU µs of each page, over `walks` walks side by side, after one
 *  warm-up walk), `walkMs` (wall and CPU ms of each whole walk: the sum of its pages) and `memory`
 *  (live heap at the last page, the largest of LIVE_RUNS walks, and peak heap, both in MB).
 *  `total` is a multiple of `limit`. */
export async function benchPagination({ url, builds, total, limit, walks }) {
  if (typeof globalThis.gc !== "function") throw new Error("run with node --expose-gc");
  if (total % limit !== 0) throw new Error(`${total} groups do not fill pages of ${limit}`);
  const pages = total / limit;
  const all = walkers(url, builds, limit);
  const names = Object.keys(all);
  const times = Object.fromEntries(names.map((name) => [name, { wall: [], cpu: [] }]));
  const walkMs = Object.fromEntries(names.map((name) => [name, { wall: [], cpu: [] }]));
  const sumMs = (values) => values.reduce((a, b) => a + b, 0) / 1000;
  for (let w = 0; w <= walks; w++) {
    globalThis.gc();
    const checks = names.map(() => inOrder(total));
    const steps = names.map((name, i) => all[name](checks[i].seen));
    const blocks = Object.fromEntries(names.map((name, i) => [name, () => steps[i].page()]));
    const walk = await pairedRounds(blocks, { rounds: pages, seed: 1 + w * pages });
    for (const [i, step] of steps.entries()) {
      await step.end();
      checks[i].done();
    }
    if (w === 0) continue; // the warm-up walk
    for (const name of names) {
      for (const metric of ["wall", "cpu"]) {
        times[name][metric].push(...walk[name][metric]);
        walkMs[name][metric].push(sumMs(walk[name][metric]));
      }
    }
  }
  const memory = {};
  for (const [name, walker] of Object.entries(all)) {
    const live = [];
    for (let run = 0; run < LIVE_RUNS; run++) live.push(await liveAtLastPage(walker, total, limit));
    memory[name] = { liveMB: Math.max(...live), peakMB: await peakHeap(walker, total, limit) };
  }
  return { times, walkMs, memory };
}
