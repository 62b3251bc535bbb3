// Per-request cost: `desk.groups.get` (each build) against the fetch clients a user would pick
// instead, and the floors, all fetching one ~1.2 kB group with members from the same keep-alive
// server, sequentially and with 32 calls in flight, in finely paired rounds.
import { createClient as createHeyApiClient } from "@hey-api/client-fetch";
import axios from "axios";
import ky from "ky";
import { ofetch } from "ofetch";
import createClient from "openapi-fetch";
import { request } from "undici";
import { drive, pairedRounds } from "./pairing.mjs";
import { BARE, BARE_TIMEOUT, DESK_OFF, deskOptions, FETCH, RETRIES, TIMEOUT_MS, TOKEN } from "./settings.mjs";
import { headersFor } from "./spec.mjs";

/** Throws unless `group` is the group `id` (every contender checks its answer the same way). */
function expectGroup(group, id) {
  if (group?.id !== id) throw new Error(`expected group ${id}, got ${JSON.stringify(group)?.slice(0, 80)}`);
}

/** name -> async (id) => fetches group `id` and checks it; the client builds first. */
export function contenders(url, builds) {
  const headers = headersFor(TOKEN);
  const desks = Object.fromEntries(
    Object.values(builds).map(({ label, createDeskClient }) => {
      const desk = createDeskClient(deskOptions(url));
      return [label, async (id) => expectGroup(await desk.groups.get(id), id)];
    }),
  );
  const unchecked = builds.current.createDeskClient({ ...deskOptions(url), validateResponses: "off" });
  const bare = createClient({ baseUrl: url, headers });
  const hey = createHeyApiClient({ baseUrl: url, headers });
  const of = ofetch.create({ baseURL: url, headers, retry: RETRIES, timeout: TIMEOUT_MS });
  const kyApi = ky.create({ prefixUrl: url, headers, retry: RETRIES, timeout: TIMEOUT_MS });
  const ax = axios.create({ baseURL: url, headers, timeout: TIMEOUT_MS });
  const typed = (result, id) => {
    if (result.error !== undefined) throw new Error(`HTTP error ${JSON.stringify(result.error)}`);
    expectGroup(result.data, id);
  };
  return {
    ...desks,
    [`${builds.current.label} ${DESK_OFF}`]: async (id) => expectGroup(await unchecked.groups.get(id), id),
    "undici.request": async (id) => {
      const { statusCode, body } = await request(`${url}/groups/${id}`, { headers });
      if (statusCode !== 200) throw new Error(`HTTP ${statusCode}`);
      expectGroup(await body.json(), id);
    },
    [FETCH]: async (id) => {
      const res = await fetch(`${url}/groups/${id}`, { headers });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      expectGroup(await res.json(), id);
    },
    [BARE]: async (id) =>
      typed(await bare.GET("/groups/{group_id}", { params: { path: { group_id: id } } }), id),
    [BARE_TIMEOUT]: async (id) => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
      try {
        const params = { path: { group_id: id } };
        typed(await bare.GET("/groups/{group_id}", { params, signal: controller.signal }), id);
      } finally {
        clearTimeout(timer);
      }
    },
    "@hey-api/client-fetch": async (id) =>
      typed(await hey.get({ url: "/groups/{group_id}", path: { group_id: id } }), id),
    ofetch: async (id) => expectGroup(await of(`/groups/${id}`), id),
    ky: async (id) => expectGroup(await kyApi.get(`groups/${id}`).json(), id),
    axios: async (id) => expectGroup((await ax.get(`/groups/${id}`)).data, id),
  };
}

/** The group ids cycle through this many, so no answer is the same twice in a row. */
const ID_SPAN = 100_000;

/** One mode: warm-up rounds (`warmup` calls per contender, in the same interleaved blocks, so that
 *  every contender's code meets the same history of the shared code beneath it), then `rounds`
 *  paired rounds of `calls`-call blocks with `concurrency` in flight; per contender, µs per call
 *  (wall and CPU) of every round. */
export async function benchMode(fns, { concurrency, calls, rounds, warmup }) {
  let next = 0;
  const ids = () => {
    next = (next + calls) % ID_SPAN;
    return next + 1;
  };
  const blocks = Object.fromEntries(
    Object.entries(fns).map(([name, fn]) => [name, () => drive(fn, calls, concurrency, ids())]),
  );
  await pairedRounds(blocks, { rounds: Math.ceil(warmup / calls) });
  return pairedRounds(blocks, { rounds, divisor: calls });
}
