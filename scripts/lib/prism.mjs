// Runs Prism (the mock of generated/openapi.json) as one child process: start it, wait until
// it answers HTTP, stop it. Shared by scripts/mock.mjs, start.mjs, example.mjs and the Jest
// contract suite's global setup, so there is one way to spawn and reap it.
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UsageError } from "./ports.mjs";
import { root, specFile } from "./spec-facts.mjs";

const prismCli = join(root, "node_modules", "@stoplight", "prism-cli", "dist", "index.js");
const listening = /Prism is listening on (http:\/\/\S+)/;
const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g"); // colour codes

/**
 * Starts Prism on host:port (port 0 = a free port) with request validation and `--errors`,
 * and resolves once it accepts connections. `onLine` receives every log line Prism prints after it
 * is up (its output is always drained: Prism writes to a pipe synchronously and would block).
 * Resolves to { url, port, pid, exited, stop }; `exited` settles when the process ends.
 * Prism reloads its document when the file changes, and on port 0 it would come back on
 * another port: unless `watch` is set, it serves a private copy taken at start.
 */
export function startPrism({
  host = "127.0.0.1",
  port = 0,
  watch = false,
  onLine = () => {},
  startTimeoutMs = 60_000,
} = {}) {
  const copyDir = watch ? undefined : mkdtempSync(join(tmpdir(), "desk-prism-"));
  const document = copyDir ? join(copyDir, "openapi.json") : specFile;
  if (copyDir) copyFileSync(specFile, document);
  // Prism never needs the real token: keep it out of the child's environment.
  const { SENDBIRD_DESK_API_TOKEN: _token, ...env } = process.env;
  const child = spawn(
    process.execPath,
    [prismCli, "mock", document, "--host", host, "--port", String(port), "--errors", "--multiprocess=false"],
    { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  const cleanUp = () => copyDir && rmSync(copyDir, { recursive: true, force: true });
  const killOnExit = () => {
    child.kill("SIGKILL");
    cleanUp();
  };
  process.once("exit", killOnExit);
  const exited = new Promise((done) =>
    child.once("exit", (code, signal) => {
      process.removeListener("exit", killOnExit);
      cleanUp();
      done({ code, signal });
    }),
  );

  const recent = [];
  let lineSink = (line) => recent.push(line) > 40 && recent.shift();
  for (const stream of [child.stdout, child.stderr]) readLines(stream, (line) => lineSink(line));

  const stop = () => stopChild(child, exited);
  let settled = false;
  return new Promise((resolveStart, rejectStart) => {
    const fail = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stop().then(() => rejectStart(error));
    };
    const timer = setTimeout(
      () => fail(new Error(`Prism did not start within ${startTimeoutMs} ms:\n${recent.join("\n")}`)),
      startTimeoutMs,
    );
    exited.then(({ code, signal }) => {
      if (settled) return;
      if (recent.some((line) => line.includes("EADDRINUSE"))) {
        fail(new UsageError(`port ${port} on ${host} is already in use: choose another port (PORT=N)`));
      } else {
        fail(
          new Error(`Prism exited (${signal ?? `code ${code}`}) before it was ready:\n${recent.join("\n")}`),
        );
      }
    });
    const collect = lineSink;
    lineSink = (line) => {
      collect(line);
      const match = listening.exec(line);
      if (!match) return;
      lineSink = (next) => {
        collect(next);
        onLine(next);
      };
      const url = match[1];
      waitUntilAnswers(url).then(
        () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolveStart({ url, port: Number(new URL(url).port), pid: child.pid, exited, stop });
        },
        (error) => fail(error),
      );
    };
  });
}

/** Sends SIGTERM, then SIGKILL if the process is still there after `graceMs`; resolves on exit. */
function stopChild(child, exited, graceMs = 5_000) {
  if (child.exitCode !== null || child.signalCode !== null) return exited.then(() => undefined);
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  return exited.then(() => clearTimeout(timer));
}

/** Calls onLine for each line of a stream, without ANSI colours. */
function readLines(stream, onLine) {
  let buffered = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk) => {
    const lines = (buffered + chunk).split("\n");
    buffered = lines.pop();
    for (const line of lines) onLine(line.replace(ansi, "").trimEnd());
  });
  stream.on("end", () => buffered && onLine(buffered.replace(ansi, "").trimEnd()));
}

/** Resolves once `url` accepts a TCP connection (a probe over HTTP would show in Prism's log). */
async function waitUntilAnswers(url, attempts = 50) {
  const { hostname, port } = new URL(url);
  for (let attempt = 1; ; attempt++) {
    try {
      await new Promise((ok, ko) => {
        const socket = connect({ host: hostname, port: Number(port) }, () => socket.end(ok));
        socket.on("error", ko);
      });
      return;
    } catch (error) {
      if (attempt >= attempts)
        throw new Error(`Prism at ${url} does not answer: ${error.message}`, { cause: error });
      await new Promise((wait) => setTimeout(wait, 100));
    }
  }
}
