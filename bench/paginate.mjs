// Auto-pagination: iterating every group with the client's async iterator vs a hand-written
// raw-fetch loop over the same pages. Heap is sampled once per page (same cost on both sides)
// after a forced GC; the figure is the peak heapUsed above that baseline, garbage included.
// A separate untimed walk forces a GC on the last page to show what the walk itself holds.
import { performance } from "node:perf_hooks";
import { headersFor } from "./spec.mjs";
import { rotate, summary } from "./stats.mjs";

const token = "bench-token";
const headers = headersFor(token);

/** The two iterations; each calls `seen(group)` for every group in order. */
export function walkers(url, createDeskClient, limit) {
  const desk = createDeskClient({ baseUrl: url, apiToken: token });
  return {
    "desk.groups.list (for await)": async (seen) => {
      for await (const group of desk.groups.list({ limit })) seen(group);
    },
    "raw fetch loop": async (seen) => {
      for (let offset = 0; ;) {
        const page = await rawPage(url, limit, offset);
        for (const group of page.results) seen(group);
        if (!page.next || page.results.length === 0) return;
        offset += page.results.length;
      }
    },
    // Not a target: the same raw loop behind an async generator, to show what `for await`
    // over single items costs by itself.
    "raw fetch loop, as an async generator": async (seen) => {
      for await (const group of rawItems(url, limit)) seen(group);
    },
  };
}

async function rawPage(url, limit, offset) {
  const res = await fetch(`${url}/groups?limit=${limit}&offset=${offset}`, { headers });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}

async function* rawItems(url, limit) {
  for (let offset = 0; ;) {
    const page = await rawPage(url, limit, offset);
    yield* page.results;
    if (!page.next || page.results.length === 0) return;
    offset += page.results.length;
  }
}

/** Live heap held while on the last page: one untimed walk, GC forced at the last page's first item. */
async function liveAtLastPage(walk, total, limit) {
  globalThis.gc();
  const base = process.memoryUsage().heapUsed;
  let live = 0;
  let at = 0;
  await walk(() => {
    if (++at === total - limit + 1) {
      globalThis.gc();
      live = process.memoryUsage().heapUsed - base;
    }
  });
  return live / 2 ** 20;
}

/** Runs one walk; resolves its time and peak heap growth, and checks it saw 1..total in order. */
async function measure(walk, total, limit) {
  globalThis.gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  let expected = 1;
  const start = performance.now();
  await walk((group) => {
    if (group.id !== expected) throw new Error(`expected group ${expected}, got ${group.id}`);
    if (expected++ % limit === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  });
  const ms = performance.now() - start;
  if (expected !== total + 1) throw new Error(`saw ${expected - 1} groups, expected ${total}`);
  return { ms, heapMB: (peak - base) / 2 ** 20 };
}

/** Both walks, `rounds` times, order rotated each round. */
export async function benchPagination({ url, createDeskClient, total, limit, rounds, log }) {
  if (typeof globalThis.gc !== "function") throw new Error("run with node --expose-gc");
  const walks = walkers(url, createDeskClient, limit);
  const names = Object.keys(walks);
  for (const name of names) await measure(walks[name], total, limit);
  const samples = Object.fromEntries(names.map((k) => [k, { ms: [], heapMB: [] }]));
  for (let round = 0; round < rounds; round++) {
    for (const name of rotate(names, round)) {
      const { ms, heapMB } = await measure(walks[name], total, limit);
      samples[name].ms.push(ms);
      samples[name].heapMB.push(heapMB);
      log(`  round ${round + 1} ${name}: ${Math.round(ms)} ms, heap +${heapMB.toFixed(1)} MB`);
    }
  }
  const live = {};
  for (const name of names) live[name] = await liveAtLastPage(walks[name], total, limit);
  return Object.fromEntries(
    names.map((k) => [
      k,
      { ms: summary(samples[k].ms), heapMB: summary(samples[k].heapMB), liveMB: live[k] },
    ]),
  );
}
