#!/usr/bin/env node
// npm start, the main job on a fresh clone: builds the docs when they are missing or older
// than what they are built from, then serves the Prism mock and the docs (Redoc at /, the
// client reference at /client/) until Ctrl-C, SIGTERM or the death of its parent. Both
// servers run in this one process, so no server outlives it.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseCommandLine, UsageError } from "./lib/command-line.mjs";
import { condensedLog, mockBanner } from "./lib/mock-console.mjs";
import { exposedWarning, isLoopback, mockAddress, portOption } from "./lib/ports.mjs";
import { startPrism } from "./lib/prism.mjs";
import { runUntilStopped } from "./lib/run-until-stopped.mjs";
import { mockMode, modeOptions, modeUsage } from "./lib/mock-mode.mjs";
import { mockUrl, root } from "./lib/spec-facts.mjs";
import { close, createStaticServer, listen } from "./lib/static-server.mjs";

const docsPage = join(root, "build", "docs", "index.html");
const docsScript = join(root, "scripts", "docs.mjs");
const defaultDocsPort = 8080;

const usage = `
Usage: npm start -- [--host H] [--port N] [--docs-port N]

Builds the docs when they are missing or older than their sources, then serves the Prism
mock and the docs until Ctrl-C or SIGTERM.

  --host H        interface for both servers (or HOST=H; default ${mockUrl.hostname})
  --port N        the mock's port (or PORT=N; default ${mockUrl.port}; 0 = any free port)
  --docs-port N   the docs' port (or DOCS_PORT=N; default ${defaultDocsPort})
${modeUsage(18)}
  --help          this text
`;

/** Builds the docs when they are missing or stale (scripts/docs.mjs decides, and waits for a
 *  build already under way). */
function ensureDocs() {
  const run = spawnSync(process.execPath, [docsScript, "--if-stale"], { cwd: root, stdio: "inherit" });
  if (run.status !== 0 || !existsSync(docsPage)) {
    throw new UsageError(`the docs build failed (node scripts/docs.mjs exited ${run.status ?? run.signal})`);
  }
}

/** Serves build/docs until stopped; a port in use is a one-line error. */
async function startDocsServer(host, port) {
  const server = createStaticServer(dirname(docsPage));
  try {
    const url = await listen(server, host, port);
    const exited = new Promise((done) => server.once("close", () => done({ code: 0 })));
    return { url, exited, stop: () => close(server) };
  } catch (error) {
    if (error.code === "EADDRINUSE") {
      throw new UsageError(`port ${port} on ${host} is already in use: choose another one (--docs-port N)`);
    }
    throw error;
  }
}

let prism;
try {
  const flags = parseCommandLine({
    usage,
    options: {
      host: { type: "string" },
      port: { type: "string" },
      "docs-port": { type: "string" },
      ...modeOptions,
    },
  });
  const { host, port } = mockAddress(flags);
  const { mode, seed } = mockMode(flags);
  const docsPort = portOption({
    value: flags["docs-port"],
    flag: "docs-port",
    envName: "DOCS_PORT",
    fallback: defaultDocsPort,
  });
  ensureDocs();
  console.log("Starting Prism...");
  prism = await startPrism({
    host,
    port,
    watch: port !== 0,
    mode,
    seed,
    onLog: condensedLog(console.log),
    onReload: () => console.log("(the spec changed: the mock now serves the new one)"),
  });
  const docs = await startDocsServer(host, docsPort);
  if (!isLoopback(host)) console.error(exposedWarning(host, "The mock and the docs server"));
  console.log(`\nDocs (Redoc, offline): ${docs.url}/`);
  console.log(`Client reference (TypeDoc): ${docs.url}/client/`);
  console.log(mockBanner(prism.url, mode).join("\n"));
  console.log(`\nRequests to the mock (Ctrl-C to stop both; this process: ${process.pid}):`);
  process.exitCode = await runUntilStopped([
    { name: "Prism", ...prism },
    { name: "the docs server", ...docs },
  ]);
} catch (error) {
  await prism?.stop();
  const oneLine = error instanceof UsageError || error.name === "MockSeedError";
  console.error(`start: ${oneLine ? error.message : error.stack}`);
  process.exitCode = 1;
}
