// BENCHMARKS.md from one run: what was run where, the targets judged against the A/A noise
// band, the band itself, then one section per part. Every word of it is written by the run.
import { METRICS } from "./figures.mjs";
import { LIVE_RUNS, PEAK_SAMPLE_EVERY } from "./pagination.mjs";
import { BARE, DESK_OFF, DESK_PAGES, FETCH, OPENAPI_LOOP, PEERS, RAW_LOOP } from "./settings.mjs";
import { summary } from "./stats.cjs";

/** A number with a fixed count of decimals and thousands separators. */
const fmt = (value, decimals = 0) =>
  value.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
/** "median (min–max)" of a summary. */
const spread = (s, decimals = 0) =>
  `${fmt(s.median, decimals)} (${fmt(s.min, decimals)}–${fmt(s.max, decimals)})`;
/** A band's half-width as a percentage. */
const pct = (halfWidth) => `±${fmt(halfWidth * 100, 1)} %`;
const kB = (bytes) => `${fmt(bytes / 1000, 2)} kB`;
const code = (text) => `\`${text}\``;

/** A markdown table from a header row and body rows. */
function table(header, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** The run's heading facts. */
function heading(r) {
  const { machine: m, run } = r;
  const dirty = run.dirty ? " with uncommitted changes" : "";
  const baseline = r.builds.baseline;
  return [
    "# Benchmarks",
    "",
    "Written by `npm run bench` (`bench/run.mjs`); every full run rewrites this file.",
    "Do not edit it: run it again.",
    "",
    table(
      ["", ""],
      [
        ["command", code(run.command)],
        ["date", `${run.date}; the run took ${fmt(run.seconds)} s (after the build of \`dist/\`)`],
        ["machine", `${m.cpus} × ${m.model}, ${fmt(m.ramGB, 1)} GB RAM, ${m.os}`],
        ["load", `load average ${fmt(m.loadStart, 2)} at the start, ${fmt(m.loadEnd, 2)} at the end`],
        ["Node", m.node],
        ["measured", `this checkout's \`dist/\`, built from commit ${code(run.commit)}${dirty}`],
        ...(baseline
          ? [
              [
                "baseline",
                `${code(baseline.ref)} (${code(baseline.commit.slice(0, 12))}), built in a scratch folder`,
              ],
            ]
          : []),
        ["noise band (A/A)", bandsLine(r)],
      ],
    ),
    "",
  ];
}

/** The bands of every part in one line. */
function bandsLine(r) {
  const both = (f) => `${pct(f.wall.band.halfWidth)} wall, ${pct(f.cpu.band.halfWidth)} CPU`;
  const parts = Object.entries(r.requests).map(([mode, f]) => `per request ${mode}: ${both(f)}`);
  parts.push(`pagination: ${both(r.pagination.timed)}`);
  return parts.join("; ");
}

/** The guards with their verdicts. */
function targetsSection(r) {
  const shown = (verdict) => (verdict === "met" ? "met" : `**${verdict}**`);
  const cells = (t) =>
    Object.keys(METRICS).flatMap((metric) => {
      const m = t.measures[metric];
      return [`${fmt(m.ratio, 3)}x`, pct(m.halfWidth), shown(m.verdict)];
    });
  return [
    "## Guards",
    "",
    "Guards against a real regression, not targets: measured on loopback, where a call costs a few",
    "hundred microseconds; against the real API a call costs 50 to 500 ms. Each ratio is the median of",
    "per-round paired ratios desk / the other, in wall time and in the client's CPU time, each judged",
    "against the A/A band of its own part and measure. A guard is **met** when the figure clears the",
    "limit by more than the band, **missed** when it is past the limit by more than the band, and",
    "**inside the noise band** otherwise: this run cannot tell.",
    "",
    table(
      ["guard", "wall", "band", "verdict", "client CPU", "band", "verdict"],
      r.targets.map((t) => [t.target, ...cells(t)]),
    ),
    "",
  ];
}

/** How the run measures. */
function methodSection(r) {
  const { plan } = r.run;
  return [
    "## Method",
    "",
    "- The API stand-in (`bench/server.mjs`) is a keep-alive `node:http` server in a **child",
    "  process**, so serving does not share the measured client's event loop. `GET /groups/{id}`",
    `  answers a group with five members, ${fmt(r.run.groupBytes)} bytes of JSON; \`GET /groups\` serves`,
    `  pages over ${fmt(plan.pagination.total)} groups.`,
    "- **Paired rounds.** Contenders run in rounds; in each round every contender runs one short block",
    "  (a few milliseconds), in an order rotated from round to round, so that over each cycle of as many",
    "  rounds as contenders each one runs once in every position. The order is also shuffled afresh each",
    "  cycle: with rotation alone a contender always runs right after the same other one and inherits its",
    "  garbage and connection state every time, which showed as a steady gap between two copies of",
    "  one build.",
    "  A ratio between two contenders is taken within each round, between blocks run moments apart, and",
    "  the figure is the **median of the per-round ratios** (taken on their logarithms, so that a / b and",
    "  b / a agree), with their min–max. Slow stretches of a shared machine hit both sides of a ratio.",
    "- **Two measures.** Wall time of each block, and the CPU time (user + system, all threads) of",
    "  the client's process during it (`process.cpuUsage()`); the server's CPU is not in it.",
    "- **The A/A control.** A second copy of the same build, copied to a scratch folder and imported",
    "  separately, runs as one more contender. Its ratio to the first copy shows what the benchmark reports",
    "  when nothing differs. The run is cut into 5 consecutive stretches; the **band** is the",
    "  farthest the A/A median strays from 1 (as a factor, either way), over the whole run or any",
    "  stretch. A ratio within the band of 1 is **no measurable difference**, never a win or a loss.",
    "  The band is the noise of the client's own code; a peer on another stack (axios on `node:http`)",
    "  can move more than that from one run to the next.",
    "- Every contender checks each answer (the group's id), sends the same token and content type, and is",
    "  configured like the client where it can be: the client's `maxRetries` and `timeoutMs` are given",
    "  to each peer that has them (below).",
    "",
  ];
}

/** The A/A bands of every timed part. */
function bandSection(r) {
  const rows = [];
  const add = (part, figures) => {
    for (const [metric, label] of Object.entries(METRICS)) {
      const { band } = figures[metric];
      rows.push([
        part,
        label,
        fmt(band.median, 3),
        `${fmt(band.segments.min, 3)}–${fmt(band.segments.max, 3)}`,
        pct(band.halfWidth),
      ]);
    }
  };
  for (const [mode, figures] of Object.entries(r.requests)) add(`per request, ${mode}`, figures);
  add("pagination", r.pagination.timed);
  return [
    "## Noise: the A/A control",
    "",
    `${code(r.builds.copy.label)} / ${code(r.builds.current.label)}: the same code, loaded twice.`,
    "",
    table(["part", "measure", "A/A median", "medians of the 5 stretches", "band"], rows),
    "",
  ];
}

/** One contender's ratio cells against `refs`. */
const ratioCells = (row, refs) => refs.map((ref) => (row.name === ref ? "1" : spread(row.ratios[ref], 2)));

/** A table of desk against each other contender: the ratio and how it reads against the band. */
function deskAgainst(columns) {
  const names = Object.keys(columns[0].figures.deskVs);
  return table(
    ["desk / …", ...columns.map((c) => c.label)],
    names.map((name) => [
      code(name),
      ...columns.map(({ figures }) => {
        const { ratio, reading } = figures.deskVs[name];
        return `${fmt(ratio.median, 3)} (${fmt(ratio.min, 2)}–${fmt(ratio.max, 2)}) ${reading}`;
      }),
    ]),
  );
}

/** Per-request cost, one table per mode, then desk against every contender. */
function requestsSection(r) {
  const { plan } = r.run;
  const refs = [FETCH, BARE];
  const out = [
    "## 1. Per request: `desk.groups.get` and the peers",
    "",
    "The contenders, each fetching one group and parsing it:",
    "",
    ...Object.values(r.builds).map((b) => `- ${code(b.label)}: \`desk.groups.get(id)\` from ${b.describe}`),
    `- ${code(`${r.builds.current.label} ${DESK_OFF}`)}: the same as \`${r.builds.current.label}\` with the answer's schema`,
    '  unchecked; desk against it is what checking each answer costs (desk\'s default is `"warn"`)',
    ...Object.entries(PEERS).map(([name, how]) => `- ${code(name)}: ${how}`),
    "",
  ];
  for (const [mode, figures] of Object.entries(r.requests)) {
    const p = plan.requests[mode];
    out.push(
      `### ${mode}`,
      "",
      `${fmt(p.rounds)} rounds; a block is ${p.calls} calls with ${p.concurrency} in flight, after`,
      `${fmt(p.warmup)} warm-up calls per contender. Microseconds per call, and ratios to raw fetch`,
      "and to bare openapi-fetch: median (min–max) over the rounds.",
      "",
      table(
        ["contender", "wall µs", "÷ fetch", "÷ openapi-fetch", "CPU µs", "÷ fetch", "÷ openapi-fetch"],
        [...figures.wall.rows]
          .sort((a, b) => a.ratios[FETCH].median - b.ratios[FETCH].median)
          .map((row) => {
            const cpu = figures.cpu.rows.find((c) => c.name === row.name);
            return [
              code(row.name),
              fmt(row.own.median),
              ...ratioCells(row, refs),
              fmt(cpu.own.median),
              ...ratioCells(cpu, refs),
            ];
          }),
      ),
      "",
    );
  }
  out.push(
    "### `desk.groups.get` against each contender",
    "",
    "Median of the per-round ratios desk / contender (min–max), read against the band of its mode",
    "and measure.",
    "",
    deskAgainst(
      Object.entries(r.requests).flatMap(([mode, figures]) =>
        Object.entries(METRICS).map(([metric, label]) => ({
          label: `${mode}, ${label}`,
          figures: figures[metric],
        })),
      ),
    ),
    "",
  );
  return out;
}

/** Auto-pagination: times, ratios and memory. */
function paginationSection(r) {
  const { plan } = r.run;
  const { timed, walkMs, memory } = r.pagination;
  const p = plan.pagination;
  const pages = p.total / p.limit;
  return [
    "## 2. Pagination",
    "",
    `Every one of ${fmt(p.total)} groups in pages of ${p.limit}, with the iterator of`,
    `\`desk.groups.list({ limit: ${p.limit} })\` (pulled with \`next()\`, as \`for await\` does) and with a`,
    "hand-written loop of `fetch` + `json()` over the same pages. The walks advance side by side: in",
    `each round every walker takes one page (${p.limit} groups, its request included), in the order of`,
    "the rounds above, so a ratio compares pages walked moments apart. Two more walks split desk's",
    `cost over the raw loop (not targets): \`${OPENAPI_LOOP}\`, the same loop on bare openapi-fetch`,
    `(what the layer underneath costs), and \`${r.builds.current.label} ${DESK_PAGES}\`, desk's page walk with each page's`,
    "items in a plain loop (the difference to `desk` is the per-item iterator). And",
    `\`${r.builds.current.label} ${DESK_OFF}\`, desk's walk with the pages' schema unchecked: desk against it is`,
    "what checking each page costs.",
    `${fmt(p.walks * pages)} paired rounds (${p.walks} × ${pages} pages) after a warm-up walk; each walk`,
    "checks that it sees every group once, in order, and that it ends after the last page.",
    "",
    "- **Live heap at the last page**: a separate, untimed walk forces a GC (node `--expose-gc`) at",
    "  the first item of the last page and takes `heapUsed` above the level after a GC before the walk:",
    `  what the walk holds. The largest of ${LIVE_RUNS} walks.`,
    "- **Peak heap**: another untimed walk samples `process.memoryUsage().heapUsed` every",
    `  ${PEAK_SAMPLE_EVERY} items and gives the highest sample above the same level. It includes garbage not`,
    "  yet collected, so it mostly shows the size of V8's young generation, which any loop fills; the",
    "  live heap is the figure that matters.",
    "",
    "Per page: µs, median (min–max) over the rounds, and the paired ratio to the raw loop; per walk:",
    "the sum of its pages, median (min–max) over the walks.",
    "",
    table(
      [
        "walk",
        "wall µs / page",
        "÷ raw loop",
        "CPU µs / page",
        "÷ raw loop",
        "wall ms / walk",
        "CPU ms / walk",
        "live heap (MB)",
        "peak heap (MB)",
      ],
      timed.wall.rows.map((row) => {
        const cpu = timed.cpu.rows.find((c) => c.name === row.name);
        return [
          code(row.name),
          spread(row.own),
          ...ratioCells(row, [RAW_LOOP]),
          spread(cpu.own),
          ...ratioCells(cpu, [RAW_LOOP]),
          spread(summary(walkMs[row.name].wall)),
          spread(summary(walkMs[row.name].cpu)),
          fmt(memory[row.name].liveMB, 2),
          fmt(memory[row.name].peakMB, 1),
        ];
      }),
    ),
    "",
    deskAgainst(Object.entries(METRICS).map(([metric, label]) => ({ label, figures: timed[metric] }))),
    "",
  ];
}

/** Import cost and bundle size: reported, not targets. */
function costSection(r) {
  const { imports, size } = r;
  const sizeRows = [
    ["client + openapi-fetch", size.client],
    ["openapi-fetch alone (`createClient`, tree-shaken)", size.openapiFetch],
    ...(size.baseline ? [[`${code(r.builds.baseline.label)} + openapi-fetch`, size.baseline]] : []),
  ];
  return [
    "## 3. Import cost",
    "",
    `Each module imported in a fresh \`node\` process, ${r.run.plan.importRuns} processes each, modules in`,
    'turn. "import" is timed inside the process around `await import()`; "process" is spawn to exit.',
    "Reported, not a target.",
    "",
    table(
      ["module", "import ms", "process ms"],
      Object.entries(imports).map(([name, s]) => [code(name), spread(s.importMs, 1), spread(s.processMs, 1)]),
    ),
    "",
    "## 4. Bundle size",
    "",
    "`scripts/size.mjs` (`npm run size`): the built ESM entry bundled with its dependencies by",
    "esbuild, minified, gzip level 9. Reported, not a target (a test guards it against bloat).",
    "",
    table(
      ["bundle", "minified", "min+gz"],
      sizeRows.map(([name, s]) => [name, kB(s.minified), kB(s.gzipped)]),
    ),
    "",
  ];
}

/** What checking formats would cost: reported, the reason formats are not checked. */
function formatsSection(r) {
  const f = r.formats;
  const ratio = (s) => `${fmt(s.median, 3)} (${fmt(s.min, 2)}–${fmt(s.max, 2)})`;
  return [
    "## 5. Checking answers: format checks",
    "",
    `A page of ${f.limit} groups (${kB(f.pageBytes)}), parsed with \`JSON.parse\`, then checked by the page's`,
    "validator as the client ships it (generated by `npm run generate`, no format checks), and by",
    'the same validator with ajv-formats\' `date-time` and `uri` checks added, in its "fast" (regular',
    'expressions) and "full" (dates read as dates) modes. In process, no request: the figures are the',
    `check's own cost. ${fmt(f.rounds)} paired rounds; µs per page, median (min–max), and paired ratios.`,
    `The A/A band (\`JSON.parse\` against itself): ${pct(f.band.halfWidth)}.`,
    "",
    table(
      ["contender", "µs / page", "÷ JSON.parse", "÷ check as shipped"],
      f.rows.map((row) => [code(row.name), spread(row.own, 1), ratio(row.toParse), ratio(row.toShipped)]),
    ),
    "",
  ];
}

/** The markdown document for a run's results. */
export function render(r) {
  return [
    ...heading(r),
    ...targetsSection(r),
    ...bandSection(r),
    ...methodSection(r),
    ...requestsSection(r),
    ...paginationSection(r),
    ...costSection(r),
    ...formatsSection(r),
  ].join("\n");
}
