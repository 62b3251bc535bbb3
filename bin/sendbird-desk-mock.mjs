#!/usr/bin/env node
// sendbird-desk-mock: the Prism mock of the Desk API's Group endpoints, serving the spec this
// package ships, for a consumer's own tests and experiments. Prism (@stoplight/prism-cli) is
// an optional peer dependency: without it, this says in one line what to install.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startDeskMock } from "../dist/testing.mjs";
import { readSeedFile } from "../src/testing/mock-seed.mjs";

const usage = `Usage: npx sendbird-desk-mock [--host H] [--port N] [--seed FILE | --static]

Serves a mock of the Sendbird Desk Platform API (Group endpoints), checked by Prism against
the spec, until Ctrl-C, SIGTERM or the end of the process that started it.

  --host H     interface to bind (or HOST=H; default 127.0.0.1). Any other than loopback
               (0.0.0.0 in a container) exposes the mock: a warning says so.
  --port N     port (or PORT=N; default 4010; 0 = any free port)
  --seed FILE  start from your own data: JSON { "groups": [...], "agents": [...] } (groups as
               the spec's GroupWithMembers, agents as its Agent), checked against the spec
  --static     no state: every answer is the spec's example, whatever the IDs
  --help       this text

The mock keeps state: adding agent 2 to group 13, then viewing group 13, shows agent 2. It
starts from the spec's story (groups 13, 42, 77, 80, 91; agent 28 in group 77; agents 2 and
28 known). 'X-Mock-Session: NAME' gives a name its own state; POST /__mock/reset restores the
seed (of that session with the header, of all without) and GET /__mock/state shows it.
Any token is accepted (Prism checks only that the SENDBIRDDESKAPITOKEN header is there).
'Prefer: code=404' (or 400, 401, 403, 408, 429, 500, 502, 503, 504) picks a documented error,
'Prefer: example=FirstPage' a named example, for that request only and without touching the
state; a request that breaks the spec gets a 400 whose message names the rule.`;

const defaultPort = 4010;
/** How often the parent process is checked: a launcher killed outright sends no signal. */
const parentPollMs = 500;
/** The process that started this one, and its parent, read at once: a launcher may be killed
 *  as soon as it reads the ready line, before the watch below begins (on a loaded machine). */
const parent = process.ppid;
const grandparent = parentOf(parent);
/** This package's folder: its spec is served, and Prism is resolved from there (a peer). */
const packageDir = fileURLToPath(new URL("..", import.meta.url));

/** Reads the flags; prints the usage for --help; one line and exit 1 for anything wrong. */
function readOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        host: { type: "string" },
        port: { type: "string" },
        seed: { type: "string" },
        static: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
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
  if (values.static && values.seed !== undefined)
    fail("--seed gives the state a start; --static has no state: choose one");
  let seed;
  if (values.seed !== undefined) {
    try {
      seed = readSeedFile(values.seed);
    } catch (error) {
      fail(error.message);
    }
  }
  return { host, port: Number(rawPort), mode: values.static ? "static" : "stateful", seed };
}

function fail(message) {
  console.error(`sendbird-desk-mock: ${message}`);
  process.exit(1);
}

const { host, port, mode, seed } = readOptions();
let mock;
try {
  mock = await startDeskMock({ host, port, mode, seed, cwd: packageDir, onLog: (line) => console.log(line) });
} catch (error) {
  if (error.code === "EADDRINUSE")
    fail(`port ${port} on ${host} is already in use: choose another one (--port N)`);
  if (error.name === "PrismMissingError" || error.name === "MockSeedError") fail(error.message);
  fail(error.stack ?? String(error));
}
if (!/^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(host)) {
  console.error(`WARNING: the mock listens on ${host}, not on loopback: other machines can reach it.`);
}
console.log(`sendbird-desk-mock: ${mock.baseUrl} (${mode}; Ctrl-C to stop)`);
console.log(`  createDeskClient({ baseUrl: "${mock.baseUrl}", apiToken: "any-token" })`);

/** Stops the mock once, whatever asked first, and exits. */
let stopping = false;
async function stop(why) {
  if (stopping) return;
  stopping = true;
  clearInterval(parentWatch);
  console.error(`sendbird-desk-mock: ${why}: stopping`);
  await mock.stop();
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.once(signal, () => stop(signal));
// npx does not pass its own SIGTERM on, and a launcher killed with SIGKILL sends nothing. npx
// runs the bin through a shell (npx -> sh -c -> node), and that shell outlives npx: so the mock
// watches its parent and its parent's parent, and stops when either is gone (this process, or
// the shell, is then adopted by another one and its parent PID changes).
const parentWatch = setInterval(() => {
  if (process.ppid !== parent) stop(`the process that started it (${parent}) is gone`);
  else if (grandparent > 1 && !alive(grandparent))
    stop(`the process that started it (${grandparent}) is gone`);
}, parentPollMs);

/** The parent PID of `pid` (from /proc, else ps), or 0 when it cannot be read. */
function parentOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    try {
      return Number(execFileSync("ps", ["-o", "ppid=", "-p", String(pid)], { encoding: "utf8" }).trim()) || 0;
    } catch {
      return 0;
    }
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}
