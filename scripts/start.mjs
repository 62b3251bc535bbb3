#!/usr/bin/env node
// npm start, the main job on a fresh clone: builds the docs when they are missing or older
// than the bundled spec or src/, then serves the Prism mock and the docs (the Redoc page at /,
// the client reference at /client/) until Ctrl-C.
// Environment (all optional): PORT (mock; default: the spec's mock server), DOCS_PORT
// (docs; default 8080). 0 picks any free port.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { condensedLog, mockBanner } from "./lib/mock-console.mjs";
import { portOption, UsageError } from "./lib/ports.mjs";
import { startPrism } from "./lib/prism.mjs";
import { runUntilStopped } from "./lib/run-until-stopped.mjs";
import { mockUrl, root, specFile } from "./lib/spec-facts.mjs";
import { close, createStaticServer, listen } from "./lib/static-server.mjs";

const docsPage = join(root, "build", "docs", "index.html");
const clientPage = join(root, "build", "docs", "client", "index.html");
const docsScript = join(root, "scripts", "docs.mjs");
const defaultDocsPort = 8080;

/** Runs scripts/docs.mjs unless both pages (Redoc's and the client reference) are at least
 *  as new as the spec and every file of src/. */
function ensureDocs() {
  const sources = [
    specFile,
    ...readdirSync(join(root, "src"), { recursive: true }).map((f) => join(root, "src", f)),
  ];
  const newest = Math.max(...sources.map((file) => statSync(file).mtimeMs));
  if ([docsPage, clientPage].every((page) => existsSync(page) && statSync(page).mtimeMs >= newest)) return;
  console.log("Building the docs (node scripts/docs.mjs)...");
  const run = spawnSync(process.execPath, [docsScript], { cwd: root, stdio: "inherit" });
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
      throw new UsageError(`port ${port} on ${host} is already in use: choose another one (DOCS_PORT=...)`);
    }
    throw error;
  }
}

let prism;
try {
  const port = portOption({ envName: "PORT", fallback: Number(mockUrl.port) });
  const docsPort = portOption({ envName: "DOCS_PORT", fallback: defaultDocsPort });
  ensureDocs();
  console.log("Starting Prism...");
  prism = await startPrism({
    host: mockUrl.hostname,
    port,
    watch: port !== 0,
    onLine: condensedLog(console.log),
  });
  const docs = await startDocsServer(mockUrl.hostname, docsPort);
  console.log(`\nDocs (Redoc, offline): ${docs.url}/`);
  console.log(`Client reference (TypeDoc): ${docs.url}/client/`);
  console.log(mockBanner(prism.url).join("\n"));
  console.log("\nRequests to the mock (Ctrl-C to stop both):");
  process.exitCode = await runUntilStopped([
    { name: "Prism", ...prism },
    { name: "the docs server", ...docs },
  ]);
} catch (error) {
  await prism?.stop();
  console.error(`start: ${error instanceof UsageError ? error.message : error.stack}`);
  process.exitCode = 1;
}
