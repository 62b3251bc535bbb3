#!/usr/bin/env node
// Requests per second of the stateful mock against the static one (npm run mock against
// npm run mock -- --static), paired: each round sends one block of requests to every mock, in
// an order changed from round to round, and the figure is the median of the per-round ratios;
// two copies of the stateful mock give the A/A control, whose spread is the noise band. The
// mocks run in a child process on the same Node as this script (run it on Node 22:
// tools/runtimes/node_modules/node22/bin/node bench/mock.mjs). Writes its section of
// BENCHMARKS.md (between the mock-benchmark markers) and prints it.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { readCommandLine } from "../scripts/lib/command-line.mjs";
import { withSection } from "./sections.cjs";
import { root } from "../scripts/lib/root.mjs";
import { drive, pairedRounds } from "./pairing.mjs";
import { compare, noiseBand, pairedRatios, ratioSummary } from "./stats.cjs";

const usage = `Usage: node bench/mock.mjs [--rounds N] [--requests N] [--concurrency N] [--no-write]

Requests per second of the stateful mock against the static one, paired, with an A/A control.`;
const flags = readCommandLine("bench/mock", {
  usage,
  options: {
    rounds: { type: "string" },
    requests: { type: "string" },
    concurrency: { type: "string" },
    "no-write": { type: "boolean" },
  },
});
const rounds = Number(flags.rounds ?? 60);
const requests = Number(flags.requests ?? 300);
const concurrency = Number(flags.concurrency ?? 8);

/** The requests of one block, a tester's mix: view a group, list a page, add and remove an agent. */
const mix = [
  ["GET", "/groups/77"],
  ["GET", "/groups?limit=2&offset=2"],
  ["POST", "/groups/13/membership", '{"agentId":2}'],
  ["DELETE", "/groups/13/membership", '{"agentId":2}'],
];

const child = spawn(process.execPath, [join(root, "bench", "mock-servers.mjs")], {
  cwd: root,
  stdio: ["pipe", "pipe", "inherit"],
});
const urls = await new Promise((resolve, reject) => {
  let text = "";
  child.stdout.on("data", (chunk) => {
    text += chunk;
    if (text.includes("\n")) resolve(JSON.parse(text.split("\n")[0]));
  });
  child.once("exit", (code) => reject(new Error(`the mocks exited ${code}`)));
});

const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
/** One request, its body read; rejects on anything but a 200. */
function send(base, [method, path, body]) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: hostname,
        port,
        path,
        method,
        agent,
        headers: {
          SENDBIRDDESKAPITOKEN: "bench",
          "Content-Type": "application/json",
          // A DELETE's body is not chunked by default: its length says it has one.
          "Content-Length": Buffer.byteLength(body ?? ""),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`${method} ${path}: ${res.statusCode}`)),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const blocks = Object.fromEntries(
  Object.entries(urls).map(([name, url]) => [
    name,
    () => drive((i) => send(url, mix[i % mix.length]), requests, concurrency),
  ]),
);
const loadBefore = loadavg()[0];
const started = Date.now();
for (const block of Object.values(blocks)) await block(); // warm-up: connections, JIT
const samples = await pairedRounds(blocks, { rounds, divisor: requests, seed: 7 });
child.stdin.end();
agent.destroy();

const rps = (name) => 1e6 / ratioSummary(samples[name].wall).median;
const ratio = ratioSummary(pairedRatios(samples.static.wall, samples.stateful.wall)); // rps stateful / static
const aa = noiseBand(pairedRatios(samples["stateful (A/A copy)"].wall, samples.stateful.wall));
// Cost per request is the inverse of requests per second: stateful / static.
const reading = compare(1 / ratio.median, aa.halfWidth);
const verdict = reading === "no measurable difference" ? "not measurably different from" : `${reading} than`;
const command = ["tools/runtimes/node_modules/node22/bin/node bench/mock.mjs", ...process.argv.slice(2)]
  .filter((arg) => arg !== "--no-write")
  .join(" ");
const section = `## The stateful mock against the static one

Written by \`${command}\` (\`bench/mock.mjs\`); run it again rather than editing.
Each of ${rounds} paired rounds sends ${requests} requests (${concurrency} in flight, keep-alive) to each mock, a
tester's mix: view group 77, list a page of two, add agent 2 to group 13, remove it. The mocks run
in one child process, the load generator in another.

|  |  |
| --- | --- |
| date | ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC; ${Math.round((Date.now() - started) / 1000)} s |
| machine | ${cpus().length} × ${cpus()[0]?.model.trim()}; load average ${loadBefore.toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end |
| Node | ${process.version} |
| stateful | ${Math.round(rps("stateful"))} requests/s (median block) |
| static | ${Math.round(rps("static"))} requests/s (median block) |
| **stateful / static** | **${ratio.median.toFixed(3)}x** the static mock's requests per second (per-round ratios from ${ratio.min.toFixed(3)} to ${ratio.max.toFixed(3)}) |
| verdict | the stateful mock's cost per request is ${verdict} the static one's, against the band below |
| noise band (A/A) | ±${(aa.halfWidth * 100).toFixed(1)} % (stateful copy / stateful: ${aa.median.toFixed(3)}x) |
`;
console.log(section);
if (!flags["no-write"]) {
  const file = join(root, "BENCHMARKS.md");
  const text = readFileSync(file, "utf8");
  writeFileSync(file, withSection(text, "mock-benchmark", section));
}
