// Auto-pagination: every group of the stand-in (100,000 in a full run, pages of 500) walked
// with each build's `for await (… of desk.groups.list({ limit }))` and with a hand-written
// raw-fetch loop. Time: whole walks in paired rounds (see pairing.mjs), a forced GC before each
// (untimed). Memory, in separate untimed walks: the live heap at the last page (forced GC
// there: what the walk holds) and the peak heap sampled densely (garbage included).

import { pairedRounds } from "./pairing.mjs";
import { RAW_LOOP, RETRIES, TIMEOUT_MS, TOKEN } from "./settings.mjs";
import { headersFor } from "./spec.mjs";

/** The peak-heap walk samples `heapUsed` every this many items. */
export const PEAK_SAMPLE_EVERY = 25;
/** The live heap is measured this many times per walker; the report gives the largest. */
export const LIVE_RUNS = 3;

const MB = 2 ** 20;

/** name -> async (seen) => walks every group, calling `seen(group)` on each in order. */
export function walkers(url, builds, limit) {
  const headers = headersFor(TOKEN);
  const settings = { baseUrl: url, apiToken: TOKEN, maxRetries: RETRIES, timeoutMs: TIMEOUT_MS };
  const desks = Object.values(builds).map(({ label, createDeskClient }) => {
    const desk = createDeskClient(settings);
    return [
      label,
      async (seen) => {
        for await (const group of desk.groups.list({ limit })) seen(group);
      },
    ];
  });
  const rawLoop = async (seen) => {
    for (let offset = 0; ; ) {
      const res = await fetch(`${url}/groups?limit=${limit}&offset=${offset}`, { headers });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const page = await res.json();
      for (const group of page.results) seen(group);
      if (!page.next || page.results.length === 0) return;
      offset += page.results.length;
    }
  };
  return Object.fromEntries([...desks, [RAW_LOOP, rawLoop]]);
}

/** A `seen` callback that checks the walk yields groups 1..total in order, and its end check. */
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

/** Heap held at the last page: GC forced at its first item, minus the heap after a GC before. */
async function liveAtLastPage(walk, total, limit) {
  globalThis.gc();
  const base = process.memoryUsage().heapUsed;
  let live = Number.NaN;
  let at = 0;
  await walk(() => {
    if (++at === total - limit + 1) {
      globalThis.gc();
      live = process.memoryUsage().heapUsed - base;
    }
  });
  return live / MB;
}

/** Peak heapUsed during a walk, sampled every PEAK_SAMPLE_EVERY items, above the post-GC start. */
async function peakHeap(walk) {
  globalThis.gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  let at = 0;
  await walk(() => {
    if (++at % PEAK_SAMPLE_EVERY === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  });
  return (peak - base) / MB;
}

/** Per walker: `times` (wall and CPU ms of every round) and `memory` (live heap at the last
 *  page, the largest of LIVE_RUNS walks, and peak heap, both in MB). */
export async function benchPagination({ url, builds, total, limit, rounds }) {
  if (typeof globalThis.gc !== "function") throw new Error("run with node --expose-gc");
  const walks = walkers(url, builds, limit);
  const blocks = Object.fromEntries(
    Object.entries(walks).map(([name, walk]) => [
      name,
      async () => {
        const check = inOrder(total);
        await walk(check.seen);
        check.done();
      },
    ]),
  );
  for (const block of Object.values(blocks)) await block(); // warm-up, one walk each
  const times = await pairedRounds(blocks, { rounds, prepare: () => globalThis.gc(), divisor: 1000 });
  const memory = {};
  for (const [name, walk] of Object.entries(walks)) {
    const live = [];
    for (let run = 0; run < LIVE_RUNS; run++) live.push(await liveAtLastPage(walk, total, limit));
    memory[name] = { liveMB: Math.max(...live), peakMB: await peakHeap(walk) };
  }
  return { times, memory };
}
