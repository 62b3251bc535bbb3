// Writes BENCHMARKS.md from one run's results: the machine, the command, one table per part,
// each target checked against its figure.
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { fmt, spread, table } from "./stats.mjs";

const kB = (bytes) => `${fmt(bytes / 1000, 2)} kB`;
const ratio = (value) => `${fmt(value, 3)}x`;
const verdict = (met) => (met ? "met" : "**missed**");

/** The machine the numbers come from. */
export function machine() {
  const cpu = cpus();
  return {
    cpu: `${cpu.length} × ${cpu[0]?.model?.trim() ?? "unknown CPU"}`,
    ramGB: totalmem() / 2 ** 30,
    node: process.version,
    date: new Date().toISOString().slice(0, 10),
  };
}

/** The markdown document for results `r` (see run.mjs for its shape). */
export function render(r) {
  const m = r.machine;
  const out = [];
  out.push(
    "# Benchmarks",
    "",
    "Written by `npm run bench` (build, then `node bench/run.mjs`); do not edit by hand, run it again.",
    "",
    `- Machine: ${m.cpu}, ${fmt(m.ramGB, 1)} GB RAM`,
    `- Node ${m.node}, ${m.date}`,
    "- Reproduce: `npm run bench` (about 2 minutes on 2 cores, the build included)",
    "- The client is imported from the built package (`sendbird-desk-platform`, resolved to `dist/` by self-reference).",
    "- The API stand-in (`bench/server.mjs`) is a keep-alive `node:http` server in a **child process**, so serving",
    "  does not compete with the measured client inside one event loop; on 2 cores each side gets its own core.",
    "- Contenders run side by side in one process, interleaved: each round runs every contender once, the",
    "  order rotated from round to round. Figures are medians with (min–max) over the rounds.",
    "",
  );

  const req = r.requests;
  out.push(`## 1. Per-request cost: \`desk.groups.get\` vs bare openapi-fetch vs raw fetch`, "");
  out.push(
    `${fmt(req.n * req.rounds)} requests per contender and mode, in ${req.rounds} rounds of ${fmt(req.n)}; requests/s (higher is better).`,
    `Ratios are per-request cost relative to the baseline (its requests/s over the client's): 1.00x = same cost.`,
    "",
  );
  const rows = [];
  for (const [mode, s] of Object.entries(req.results)) {
    const desk = s["desk.groups.get"].median;
    const bare = s["openapi-fetch GET"].median;
    const raw = s["fetch + json()"].median;
    const label = mode === "1" ? "sequential" : `concurrency ${mode}`;
    rows.push([
      label,
      spread(s["desk.groups.get"]),
      spread(s["openapi-fetch GET"]),
      spread(s["fetch + json()"]),
      ratio(raw / desk),
      ratio(bare / desk),
    ]);
  }
  out.push(
    table(
      [
        "mode",
        "desk.groups.get",
        "openapi-fetch GET",
        "fetch + json()",
        "cost vs raw fetch",
        "cost vs openapi-fetch",
      ],
      rows,
    ),
    "",
  );

  const pg = r.pagination.results;
  const walk = pg["desk.groups.list (for await)"];
  const loop = pg["raw fetch loop"];
  const gen = pg["raw fetch loop, as an async generator"];
  out.push(
    "## 2. Auto-pagination",
    "",
    `${fmt(r.pagination.total)} groups in pages of ${r.pagination.limit}, ${r.pagination.rounds} rounds. "Peak heap growth": peak \`heapUsed\` (sampled once per page) above the level`,
    'after a forced GC, garbage not yet collected included. "Live at the last page": one more, untimed walk that forces a GC',
    "on the last page's first item, i.e. what the walk really holds. The third row is not a target: the raw loop behind an",
    "async generator, to isolate what `for await` over single items costs.",
    "",
    table(
      ["walk", "time (ms)", "peak heap growth (MB)", "live at the last page (MB)"],
      [
        [
          "`for await (… of desk.groups.list({ limit: 500 }))`",
          spread(walk.ms),
          spread(walk.heapMB, 1),
          fmt(walk.liveMB, 1),
        ],
        ["hand-written raw-fetch loop", spread(loop.ms), spread(loop.heapMB, 1), fmt(loop.liveMB, 1)],
        [
          "raw-fetch loop as an async generator (`yield*`)",
          spread(gen.ms),
          spread(gen.heapMB, 1),
          fmt(gen.liveMB, 1),
        ],
      ],
    ),
    "",
    `Time ratio (client / raw loop, medians): ${ratio(walk.ms.median / loop.ms.median)}; raw async generator / raw loop: ${ratio(gen.ms.median / loop.ms.median)}.`,
    "",
  );

  const im = r.imports.results;
  out.push(
    "## 3. Import cost",
    "",
    `Each import in a fresh \`node\` process, ${r.imports.runs} runs each, interleaved. "import" is measured inside the process around \`await import()\`; "process" is spawn to exit.`,
    "",
    table(
      ["module", "import (ms)", "process (ms)"],
      Object.entries(im).map(([name, s]) => [`\`${name}\``, spread(s.importMs, 1), spread(s.processMs, 1)]),
    ),
    "",
  );

  const sz = r.size;
  out.push(
    "## 4. Bundle size",
    "",
    "`scripts/size.mjs` (`npm run size`): esbuild bundle `--minify` of the built ESM entry with its dependencies, gzip level 9.",
    "",
    table(
      ["bundle", "minified", "min+gz"],
      [
        ["client + openapi-fetch", kB(sz.client.minified), kB(sz.client.gzipped)],
        [
          "openapi-fetch alone (createClient, tree-shaken)",
          kB(sz.openapiFetch.minified),
          kB(sz.openapiFetch.gzipped),
        ],
        [
          "the client's own share",
          kB(sz.client.minified - sz.openapiFetch.minified),
          kB(sz.client.gzipped - sz.openapiFetch.gzipped),
        ],
      ],
    ),
    "",
  );

  const tc = r.toolchain;
  out.push(
    "## 5. Toolchain",
    "",
    `${tc.runs} runs each. \`npm run generate\` writes to a scratch directory (\`-- --out\`), so a benchmark never rewrites \`generated/\`. Prism: from starting it the way \`npm run mock\` does (scripts/lib/prism.mjs, \`--errors\`) to its first 200 on \`GET /groups\`.`,
    "",
    table(
      ["step", "time (ms)"],
      [
        ["`npm run generate`", spread(tc.results.generate)],
        ["`npm run lint:spec`", spread(tc.results.lint)],
        ["Prism mock start-up to first answer", spread(tc.results.prism)],
      ],
    ),
    "",
  );

  if (r.profile) out.push(...renderProfile(r.profile, r.profileN));
  if (r.ablation) out.push(...renderAblation(r.ablation));
  out.push(
    "## Targets",
    "",
    table(
      ["target", "figure", "verdict"],
      r.targets.map((t) => [t.name, t.figure, verdict(t.met)]),
    ),
    "",
  );
  if (r.analysis) out.push(r.analysis.trim(), "");
  return `${out.join("\n")}\n`;
}

/** The ablation table: microseconds per request for raw fetch with one transport step added. */
function renderAblation({ n, rounds, results }) {
  const base = Object.values(results)[0].median;
  return [
    "## What each transport step costs (ablation)",
    "",
    `Raw \`fetch\` with one of the client transport's steps added at a time, sequential, ${rounds} interleaved rounds of ${fmt(n)};`,
    "µs per request (median, min–max) and the extra over the baseline.",
    "",
    table(
      ["variant", "µs / request", "extra"],
      Object.entries(results).map(([k, s]) => [
        k,
        spread(s, 1),
        `${s.median - base >= 0 ? "+" : ""}${fmt(s.median - base, 1)}`,
      ]),
    ),
    "",
  ];
}

/** The profile tables: microseconds per request per layer, and the client's heaviest functions. */
function renderProfile(profile, n) {
  const names = Object.keys(profile);
  const layers = [...new Set(names.flatMap((k) => Object.keys(profile[k].layers)))].sort(
    (a, b) => (profile[names[0]].layers[b] ?? 0) - (profile[names[0]].layers[a] ?? 0),
  );
  const busy = (k) =>
    Object.entries(profile[k].layers).reduce((sum, [l, v]) => (l.startsWith("idle") ? sum : sum + v), 0);
  const us = (v) => fmt(v ?? 0, 1);
  const rows = layers.map((l) => [l, ...names.map((k) => us(profile[k].layers[l]))]);
  rows.push(["**busy total (all but idle)**", ...names.map((k) => `**${us(busy(k))}**`)]);
  const desk = profile[names[0]].functions;
  const top = Object.entries(desk)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12);
  return [
    "## Where the time goes (CPU profile)",
    "",
    `Each contender alone in a fresh process under \`--cpu-prof\`, ${fmt(n)} sequential requests (after 1,000 warm-up, counted in the`,
    "average), against the same server. Microseconds of CPU per request by layer (self time); one profiled run, so",
    "read differences of a few µs as noise.",
    "",
    table(["layer (µs / request)", ...names.map((k) => `\`${k}\``)], rows),
    "",
    `The heaviest library functions under \`${names[0]}\` (µs / request: the function's own work plus the Node/V8 work`,
    "it calls synchronously, e.g. `new Request`, `Headers`, `JSON.parse`; openapi-fetch frames are the dependency's):",
    "",
    table(
      ["function (bundle line)", "µs / request"],
      top.map(([f, v]) => [`\`${f}\``, us(v)]),
    ),
    "",
  ];
}

/** The targets the issue set, checked against results `r`. */
export function targets(r) {
  const list = [];
  for (const [mode, s] of Object.entries(r.requests.results)) {
    const label = mode === "1" ? "sequential" : `concurrency ${mode}`;
    const desk = s["desk.groups.get"].median;
    const vsRaw = s["fetch + json()"].median / desk;
    const vsBare = s["openapi-fetch GET"].median / desk;
    list.push({
      name: `per-request cost within 1.10x of raw fetch (${label})`,
      figure: ratio(vsRaw),
      met: vsRaw <= 1.1,
    });
    list.push({
      name: `per-request cost within 1.03x of bare openapi-fetch (${label})`,
      figure: ratio(vsBare),
      met: vsBare <= 1.03,
    });
  }
  const pg = r.pagination.results;
  const walk = pg["desk.groups.list (for await)"];
  const pr = walk.ms.median / pg["raw fetch loop"].ms.median;
  list.push({ name: "pagination within 1.05x of the raw loop", figure: ratio(pr), met: pr <= 1.05 });
  list.push({
    name: "pagination peak heap growth under 20 MB",
    figure: `${fmt(walk.heapMB.max, 1)} MB (max over rounds)`,
    met: walk.heapMB.max < 20,
  });
  const gz = r.size.client.gzipped;
  list.push({
    name: "bundle (client + openapi-fetch, min+gz) at or under 6 kB",
    figure: kB(gz),
    met: gz <= 6000,
  });
  return list;
}

/** Writes the document to `path`. */
export function writeReport(path, r) {
  writeFileSync(path, render(r));
}
