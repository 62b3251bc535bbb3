#!/usr/bin/env node
// sendbird-desk-mock: the Prism mock of the Desk API's Group endpoints, serving the spec this
// package ships, for a consumer's own tests and experiments. Prism (@stoplight/prism-cli) is
// an optional peer dependency: without it, this says in one line what to install.
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startDeskMock } from "../dist/testing.mjs";

const usage = `Usage: npx sendbird-desk-mock [--host H] [--port N]

Serves a Prism mock of the Sendbird Desk Platform API (Group endpoints) until Ctrl-C or SIGTERM.

  --host H   interface to bind (or HOST=H; default 127.0.0.1). Any other than loopback
             (0.0.0.0 in a container) exposes the mock: a warning says so.
  --port N   port (or PORT=N; default 4010; 0 = any free port)
  --help     this text

Any token is accepted (Prism checks only that the SENDBIRDDESKAPITOKEN header is there).
'Prefer: code=404' (or 400, 401, 403, 408, 429, 500, 502, 503, 504) picks a documented error,
'Prefer: example=FirstPage' a named example; a request that breaks the spec gets a 400 whose
message names the rule.`;

const defaultPort = 4010;
/** This package's folder: its spec is served, and Prism is resolved from there (a peer). */
const packageDir = fileURLToPath(new URL("..", import.meta.url));

/** Reads the flags; prints the usage for --help; one line and exit 1 for anything wrong. */
function readOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: { host: { type: "string" }, port: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(`${error.message.split(".")[0]} (--help shows the options)`);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const host = values.host ?? (process.env.HOST || "127.0.0.1");
  const rawPort = values.port ?? (process.env.PORT || String(defaultPort));
  if (!/^\d+$/.test(rawPort) || Number(rawPort) > 65535) {
    fail(`the port must be a number from 0 to 65535 (0 = any free port), got ${JSON.stringify(rawPort)}`);
  }
  return { host, port: Number(rawPort) };
}

function fail(message) {
  console.error(`sendbird-desk-mock: ${message}`);
  process.exit(1);
}

const { host, port } = readOptions();
let mock;
try {
  mock = await startDeskMock({ host, port, cwd: packageDir, onLog: (line) => console.log(line) });
} catch (error) {
  if (error.code === "EADDRINUSE")
    fail(`port ${port} on ${host} is already in use: choose another one (--port N)`);
  fail(error.name === "PrismMissingError" ? error.message : (error.stack ?? String(error)));
}
if (!/^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(host)) {
  console.error(`WARNING: the mock listens on ${host}, not on loopback: other machines can reach it.`);
}
console.log(`sendbird-desk-mock: ${mock.baseUrl} (Ctrl-C to stop)`);
console.log(`  createDeskClient({ baseUrl: "${mock.baseUrl}", apiToken: "any-token" })`);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.once(signal, async () => {
    await mock.stop();
    process.exit(0);
  });
}
