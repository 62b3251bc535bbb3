// Per-request cost: desk.groups.get vs bare openapi-fetch GET vs raw fetch + json(), against
// the same keep-alive server, sequential and at a fixed concurrency, interleaved by round.
import { performance } from "node:perf_hooks";
import createClient from "openapi-fetch";
import { headersFor } from "./spec.mjs";
import { rotate, summary } from "./stats.mjs";

const token = "bench-token";

/** The three ways to fetch one group; each resolves the group and checks its id. */
export function contenders(url, createDeskClient) {
  const headers = headersFor(token);
  const check = (group, id) => {
    if (group?.id !== id) throw new Error(`expected group ${id}, got ${JSON.stringify(group)?.slice(0, 80)}`);
  };
  const desk = createDeskClient({ baseUrl: url, apiToken: token });
  const bare = createClient({ baseUrl: url, headers });
  return {
    "desk.groups.get": async (id) => check(await desk.groups.get(id), id),
    "openapi-fetch GET": async (id) => {
      const { data, error } = await bare.GET("/groups/{group_id}", { params: { path: { group_id: id } } });
      if (error) throw new Error(`HTTP error ${JSON.stringify(error)}`);
      check(data, id);
    },
    "fetch + json()": async (id) => {
      const res = await fetch(`${url}/groups/${id}`, { headers });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      check(await res.json(), id);
    },
  };
}

/** Runs `n` calls of `fn` with `concurrency` in flight; resolves requests per second. */
export async function drive(fn, n, concurrency) {
  let next = 1;
  const worker = async () => {
    while (next <= n) await fn(next++);
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return n / ((performance.now() - start) / 1000);
}

/** Every mode x contender, `rounds` times, contender order rotated each round. */
export async function benchRequests({ url, createDeskClient, n, rounds, modes, log }) {
  const fns = contenders(url, createDeskClient);
  const names = Object.keys(fns);
  for (const name of names) for (const c of modes) await drive(fns[name], Math.min(2000, n), c);
  const samples = Object.fromEntries(modes.map((c) => [c, Object.fromEntries(names.map((k) => [k, []]))]));
  for (let round = 0; round < rounds; round++) {
    for (const c of modes) {
      for (const name of rotate(names, round)) {
        const rps = await drive(fns[name], n, c);
        samples[c][name].push(rps);
        log(`  round ${round + 1} c=${c} ${name}: ${Math.round(rps)} req/s`);
      }
    }
  }
  return Object.fromEntries(
    modes.map((c) => [c, Object.fromEntries(names.map((k) => [k, summary(samples[c][k])]))]),
  );
}
