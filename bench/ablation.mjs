// What each step of the client's transport costs on its own: raw fetch + json(), then the
// same with one step added at a time (a per-attempt abort signal and timer, an extra Request
// object, buffering the body into a fresh Response read back as text), then all of them.
// Sequential, interleaved rounds; the cost is microseconds per request over the bare call.
import { drive } from "./requests.mjs";
import { headersFor } from "./spec.mjs";
import { rotate, summary } from "./stats.mjs";

/** The variants, each fetching group `id` and returning it parsed. */
function variants(url) {
  const headers = headersFor("bench-token");
  const check = (group, id) => {
    if (group?.id !== id) throw new Error(`expected group ${id}`);
  };
  const withSignal = async (send) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30_000);
    try {
      return await send(controller.signal);
    } finally {
      clearTimeout(timer);
    }
  };
  const rewrap = async (res) => {
    const bytes = await res.arrayBuffer();
    const copy = new Response(bytes, {
      status: res.status,
      statusText: res.statusText,
      headers: res.headers,
    });
    return JSON.parse(await copy.text());
  };
  return {
    "fetch + json() (baseline)": async (id) =>
      check(await (await fetch(`${url}/groups/${id}`, { headers })).json(), id),
    "+ abort signal and timer per attempt": async (id) =>
      check(
        await withSignal(async (signal) => (await fetch(`${url}/groups/${id}`, { headers, signal })).json()),
        id,
      ),
    "+ one more Request object": async (id) =>
      check(
        await (await fetch(new Request(`${url}/groups/${id}`, { headers: new Headers(headers) }))).json(),
        id,
      ),
    "+ body buffered into a new Response, read as text, JSON.parse": async (id) =>
      check(await rewrap(await fetch(`${url}/groups/${id}`, { headers })), id),
    "all three (about what the transport does)": async (id) =>
      check(
        await withSignal(async (signal) =>
          rewrap(
            await fetch(
              new Request(`${url}/groups/${id}`, {
                headers: new Headers(headers),
                signal,
                redirect: "manual",
              }),
            ),
          ),
        ),
        id,
      ),
  };
}

/** µs per request for each variant, and its extra over the baseline (medians of rounds). */
export async function benchAblation({ url, n, rounds, log }) {
  const fns = variants(url);
  const names = Object.keys(fns);
  for (const name of names) await drive(fns[name], Math.min(1000, n), 1);
  const samples = Object.fromEntries(names.map((k) => [k, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of rotate(names, round)) samples[name].push(1e6 / (await drive(fns[name], n, 1)));
  }
  log(`  ${names.map((k) => `${k}: ${Math.round(summary(samples[k]).median)} µs`).join("; ")}`);
  return Object.fromEntries(names.map((k) => [k, summary(samples[k])]));
}
