#!/usr/bin/env node
// What masking one answer costs: the Redactor of a baseline revision (its `text`) against
// the working tree's (its `body`, what an answer's body goes through, where there is one), on a 500-group page body (the largest page the API gives), in paired interleaved
// rounds with an A/A control (the working tree's Redactor against itself), on whatever node
// runs this script. JSON.parse of the same body is measured alongside, for scale.
//
//   node bench/redact-cost.mjs [--baseline main] [--rounds 60] [--calls 200]
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { root } from "../scripts/lib/root.mjs";
import { pairedRounds } from "./pairing.mjs";
import { noiseBand, pairedRatios, ratioSummary, summary } from "./stats.cjs";

const { values } = parseArgs({
  options: {
    baseline: { type: "string", default: "main" },
    rounds: { type: "string", default: "60" },
    calls: { type: "string", default: "200" },
  },
});
const rounds = Number(values.rounds);
const calls = Number(values.calls);

/** Bundles src/core/redact.ts as it is at `rev` (undefined: the working tree). */
async function redactorAt(rev, dir) {
  let entry = join(root, "src/core/redact.ts");
  if (rev) {
    const tree = join(dir, rev.replace(/\W/g, "_"));
    mkdirSync(join(tree, "src/core"), { recursive: true });
    for (const file of ["redact.ts", "defaults.ts"]) {
      const text = execFileSync("git", ["-C", root, "show", `${rev}:src/core/${file}`], { encoding: "utf8" });
      writeFileSync(join(tree, "src/core", file), text);
    }
    entry = join(tree, "src/core/redact.ts");
  }
  const outfile = join(dir, `${rev ? "baseline" : "current"}.mjs`);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile,
    logLevel: "error",
  });
  return (await import(pathToFileURL(outfile).href)).Redactor;
}

/** A page of 500 groups as the benchmark's server sends it (bench/server.mjs); with
 *  `escaped`, each description holds a JSON \u escape, as a server that escapes non-ASCII
 *  writes it (so the whole pattern runs). */
function pageBody(escaped = false) {
  const origin = "http://127.0.0.1:4010";
  const results = Array.from({ length: 500 }, (_, i) => ({
    id: i + 1,
    name: `Team ${i + 1}`,
    key: `team-${i + 1}`,
    project: 13,
    createdAt: "2019-05-03T02:28:13.264936Z",
    createdBy: 27,
    description: escaped ? "Billing questions (caf\u00e9)" : "Billing questions",
  }));
  const link = (at) => `${origin}/groups?limit=500&offset=${at}`;
  const text = JSON.stringify({ count: 100000, previous: null, next: link(500), results });
  return escaped ? text.replaceAll("\u00e9", "\\u00e9") : text;
}

const dir = mkdtempSync(join(tmpdir(), "redact-cost-"));
try {
  const Baseline = await redactorAt(values.baseline, dir);
  const Current = await redactorAt(undefined, dir);
  const token = "3f9c0d5e8a7b6c4d2e1f0a9b8c7d6e5f4a3b2c1d"; // 40 hex digits, not in the body
  const body = pageBody();
  const escapedBody = pageBody(true);
  const baseline = new Baseline(token);
  const current = new Current(token);
  const control = new Current(token);
  // An answer's body goes through `body` where there is one.
  const mask = (redactor, text) => (redactor.body ? redactor.body(text) : redactor.text(text));
  let sink = 0;
  const block = (fn) => async () => {
    for (let i = 0; i < calls; i++) sink += fn().length;
  };
  const samples = await pairedRounds(
    {
      baseline: block(() => mask(baseline, body)),
      current: block(() => mask(current, body)),
      control: block(() => mask(control, body)),
      "JSON.parse": block(() => JSON.parse(body).results),
      "baseline, escaped": block(() => mask(baseline, escapedBody)),
      "current, escaped": block(() => mask(current, escapedBody)),
    },
    { rounds, divisor: calls },
  );
  const us = (name) => summary(samples[name].wall).median.toFixed(1);
  const band = noiseBand(pairedRatios(samples.control.wall, samples.current.wall));
  const ratio = ratioSummary(pairedRatios(samples.current.wall, samples.baseline.wall));
  console.log(
    `node ${process.version}; body ${Buffer.byteLength(body)} bytes; ${rounds} rounds x ${calls} calls`,
  );
  console.log(`baseline (${values.baseline}) text(): ${us("baseline")} us per body`);
  console.log(`current body(): ${us("current")} us per body`);
  console.log(`JSON.parse of the same body: ${us("JSON.parse")} us`);
  const escapedRatio = ratioSummary(
    pairedRatios(samples["current, escaped"].wall, samples["baseline, escaped"].wall),
  );
  console.log(
    `with \\u escapes in every description (${Buffer.byteLength(escapedBody)} bytes): baseline ` +
      `${us("baseline, escaped")} us, current ${us("current, escaped")} us, ratio ${escapedRatio.median.toFixed(2)}`,
  );
  console.log(
    `current / baseline: ${ratio.median.toFixed(2)} (min ${ratio.min.toFixed(2)}, max ${ratio.max.toFixed(2)})`,
  );
  console.log(`A/A noise band: +-${(band.halfWidth * 100).toFixed(1)} %`);
  if (sink === 0) console.log("(nothing measured)");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
