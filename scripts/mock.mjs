#!/usr/bin/env node
// npm run mock: Prism serves generated/openapi.json (request validation on, --errors) until
// Ctrl-C. Usage: node scripts/mock.mjs [--port N] [--verbose]   (or PORT=N; 0 = any free port)
// The default host and port are the spec's mock server (spec.mockServer.url).
import { condensedLog, mockBanner } from "./lib/mock-console.mjs";
import { portOption, UsageError } from "./lib/ports.mjs";
import { startPrism } from "./lib/prism.mjs";
import { runUntilStopped } from "./lib/run-until-stopped.mjs";
import { mockUrl } from "./lib/spec-facts.mjs";

try {
  const port = portOption({ flag: "port", envName: "PORT", fallback: Number(mockUrl.port) });
  const verbose = process.argv.includes("--verbose");
  console.log("Starting Prism...");
  // On a fixed port Prism may reload the spec when `npm run generate` rewrites it.
  const prism = await startPrism({
    host: mockUrl.hostname,
    port,
    watch: port !== 0,
    onLine: condensedLog(console.log, { verbose }),
  });
  console.log(mockBanner(prism.url).join("\n"));
  console.log("\nRequests (Ctrl-C to stop):");
  process.exitCode = await runUntilStopped([{ name: "Prism", ...prism }]);
} catch (error) {
  console.error(`mock: ${error instanceof UsageError ? error.message : error.stack}`);
  process.exitCode = 1;
}
