// Starts bench/server.mjs in a child process and resolves once it prints its URL.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** Spawns the stand-in server with `total` groups; resolves { url, groupBytes, stop }. */
export function startChildServer(total = 100_000) {
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL("./server.mjs", import.meta.url)), String(total)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`bench server exited early (code ${code})`)));
    createInterface({ input: child.stdout }).once("line", (line) => {
      const { url, groupBytes } = JSON.parse(line);
      resolve({
        url,
        groupBytes,
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners("exit");
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
  });
}
