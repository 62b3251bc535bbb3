#!/usr/bin/env node
// npm run mock: the Desk mock of generated/openapi.json (stateful unless --static; Prism
// validates each request and answer, as with --errors) until Ctrl-C or SIGTERM. See the usage below; the default host and port are the spec's mock server.
import { parseCommandLine, UsageError } from "./lib/command-line.mjs";
import { condensedLog, mockBanner } from "./lib/mock-console.mjs";
import { exposedWarning, isLoopback, mockAddress } from "./lib/ports.mjs";
import { startPrism } from "./lib/prism.mjs";
import { runUntilStopped } from "./lib/run-until-stopped.mjs";
import { mockMode, modeOptions, modeUsage } from "./lib/mock-mode.mjs";
import { mockUrl } from "./lib/spec-facts.mjs";

const usage = `
Usage: npm run mock -- [--host H] [--port N] [--seed FILE | --static] [--verbose]

Serves the mock of generated/openapi.json, checked by Prism, until Ctrl-C or SIGTERM. It keeps
state (groups, members, agents), seeded from the spec's story unless --seed or --static.

  --host H    interface to bind (or HOST=H; default ${mockUrl.hostname}). Any other than
              loopback (0.0.0.0 for a container) exposes the mock: a warning says so.
  --port N    port (or PORT=N; default ${mockUrl.port}; 0 = any free port)
  --verbose   every line of Prism's log (request headers, which carry the token, are not shown)
${modeUsage(14)}
  --help      this text
`;

try {
  const flags = parseCommandLine({
    usage,
    options: {
      host: { type: "string" },
      port: { type: "string" },
      verbose: { type: "boolean" },
      ...modeOptions,
    },
  });
  const { host, port } = mockAddress(flags);
  const { mode, seed } = mockMode(flags);
  console.log("Starting Prism...");
  // On a fixed port Prism serves the new spec when `npm run generate` rewrites it.
  const prism = await startPrism({
    host,
    port,
    watch: port !== 0,
    mode,
    seed,
    onLog: condensedLog(console.log, { verbose: flags.verbose }),
    onReload: () => console.log("(the spec changed: the mock now serves the new one)"),
  });
  if (!isLoopback(host)) console.error(exposedWarning(host, "The mock"));
  console.log(mockBanner(prism.url, mode).join("\n"));
  console.log("\nRequests (Ctrl-C to stop):");
  process.exitCode = await runUntilStopped([{ name: "Prism", ...prism }]);
} catch (error) {
  const oneLine = error instanceof UsageError || error.name === "MockSeedError";
  console.error(`mock: ${oneLine ? error.message : error.stack}`);
  process.exitCode = 1;
}
