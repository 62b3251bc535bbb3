// Where a request's time goes: each contender runs sequentially in its own process under
// --cpu-prof, and the profile's self time is summed per layer (client bundle, openapi-fetch,
// undici, other Node internals, GC, idle = waiting for the server) and per function.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const target = fileURLToPath(new URL("./profile-target.mjs", import.meta.url));
const NAMES = ["desk.groups.get", "openapi-fetch GET", "fetch + json()"];

/** The layer a profile node belongs to. */
function layer({ url, functionName }) {
  if (functionName === "(idle)") return "idle (waiting for the server)";
  if (functionName === "(garbage collector)") return "garbage collector";
  if (url.includes("openapi-fetch")) return "openapi-fetch";
  if (url.includes("/dist/index.mjs")) return "client (dist/index.mjs)";
  if (url.includes("internal/deps/undici")) return "undici (fetch)";
  if (url.startsWith("node:")) return "other Node internals";
  if (url.includes("/bench/")) return "bench harness";
  return "V8 / native (program, builtins)";
}

const isLibrary = (l) => l.startsWith("client") || l === "openapi-fetch";

/** Microseconds per layer (self time), and per library function: the time of every sample
 *  whose innermost client or openapi-fetch frame is that function, i.e. the function's own
 *  work plus the Node/V8 work it calls synchronously (Request, Headers, JSON.parse...). */
function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const layers = {};
  const functions = {};
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const l = layer(byId.get(id).callFrame);
    layers[l] = (layers[l] ?? 0) + dt;
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const { callFrame } = byId.get(at);
      const owner = layer(callFrame);
      if (!isLibrary(owner)) continue;
      const fn = `${owner === "openapi-fetch" ? "openapi-fetch" : "client"} ${callFrame.functionName || "(anonymous)"}:${callFrame.lineNumber + 1}`;
      functions[fn] = (functions[fn] ?? 0) + dt;
      break;
    }
  });
  return { layers, functions };
}

/** Profiles each contender over `n` sequential requests; per-request microseconds per layer. */
export async function profileRequests({ root, url, n }) {
  const out = {};
  for (const name of NAMES) {
    const dir = mkdtempSync(join(tmpdir(), "desk-bench-prof-"));
    try {
      const run = spawnSync(
        process.execPath,
        ["--cpu-prof", "--cpu-prof-dir", dir, target, name, url, String(n)],
        {
          cwd: root,
          encoding: "utf8",
        },
      );
      if (run.status !== 0) throw new Error(`profiling ${name} failed: ${run.stderr}`);
      const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
      const { layers, functions } = selfTimes(JSON.parse(readFileSync(join(dir, file), "utf8")));
      // The profile also covers start-up and the 1,000-request warm-up: divide by all requests.
      const total = n + 1000;
      const per = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v / total]));
      out[name] = { rps: Number(run.stdout.trim()), layers: per(layers), functions: per(functions) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}
