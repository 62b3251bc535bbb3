// The repository's way to run the Desk mock (Prism, mocking generated/openapi.json) for
// scripts/mock.mjs, start.mjs, example.mjs and the contract suite's global setup: it runs in
// this process (src/testing/mock-server.mjs, the same code the package's startDeskMock uses),
// so it ends with the script whatever ends the script.
import { unwatchFile, watchFile } from "node:fs";
import { serveMock } from "../../src/testing/mock-server.mjs";
import { UsageError } from "./command-line.mjs";
import { root, specFile } from "./spec-facts.mjs";

const specPollMs = 1_000;

/**
 * Starts Prism on host:port (port 0 = a free port) and resolves to { url, port, exited, stop }
 * once it listens. `onLog` receives Prism's log entries. `mode` ("stateful", the default, or
 * "static") and `seed` are serveMock's. With `watch` (a fixed port), the mock serves the new
 * spec (from a fresh state) when `npm run generate` rewrites it; `onReload` is told each time.
 */
export async function startPrism({
  host = "127.0.0.1",
  port = 0,
  watch = false,
  onLog,
  onReload = () => {},
  mode = "stateful",
  seed,
} = {}) {
  const serve = (at) =>
    serveMock({ document: specFile, from: root, host, port: at, mode, seed, onLog }).catch((error) => {
      if (error.code === "EADDRINUSE") {
        throw new UsageError(
          `port ${at} on ${host} is already in use: choose another one (--port N or PORT=N)`,
        );
      }
      if (error.code === "EADDRNOTAVAIL") throw new UsageError(`${host} is not an address of this machine`);
      throw error;
    });
  let server = await serve(port);
  let failed;
  const exited = new Promise((resolve) => {
    failed = resolve;
  });
  if (watch) {
    let reloading = Promise.resolve();
    watchFile(specFile, { interval: specPollMs }, (now, before) => {
      if (now.mtimeMs === before.mtimeMs) return;
      reloading = reloading.then(async () => {
        await server.close();
        server = await serve(server.port).catch((error) => {
          failed({ code: 1, error });
          return server;
        });
        onReload();
      });
    });
  }
  const stop = async () => {
    if (watch) unwatchFile(specFile);
    await server.close().catch(() => {}); // already closed when a reload failed
  };
  return { url: server.url, port: server.port, exited, stop };
}
