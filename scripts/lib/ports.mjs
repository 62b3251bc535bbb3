// Reads a host and TCP ports from flags or environment variables, with one-line errors.
import { UsageError } from "./command-line.mjs";
import { mockUrl } from "./spec-facts.mjs";

/** Returns the port given as a flag (already parsed) or in env[envName], else `fallback`. */
export function portOption({ value, flag, envName, fallback }) {
  let raw = value;
  let source = `--${flag}`;
  if (raw === undefined) {
    if (process.env[envName] === undefined || process.env[envName] === "") return fallback;
    raw = process.env[envName];
    source = envName;
  }
  const port = Number(raw);
  if (!/^\d+$/.test(String(raw)) || port > 65535) {
    throw new UsageError(
      `${source} must be a port number from 0 to 65535 (0 = any free port), got ${JSON.stringify(raw)}`,
    );
  }
  return port;
}

/** Returns the host given as `--host` (already parsed), else env HOST, else `fallback`. */
export function hostOption({ value, fallback }) {
  const host = value ?? (process.env.HOST || fallback);
  if (!/^[\w.:-]+$/.test(host)) {
    throw new UsageError(`--host must be a host name or an IP address, got ${JSON.stringify(host)}`);
  }
  return host;
}

/** Whether `host` reaches this machine only (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host) {
  return /^127\.\d+\.\d+\.\d+$/.test(host) || host === "::1" || host === "localhost";
}

/** The loud line printed when a server is bound to an interface other programs can reach. */
export function exposedWarning(host, what) {
  return (
    `WARNING: ${what} listens on ${host}, not on loopback: other machines on the network can reach it.` +
    " It is a mock with no access control; bind 127.0.0.1 unless a container or test rig needs it."
  );
}

/** Where the mock listens: `--host`/`HOST` and `--port`/`PORT`, else the spec's mock server. */
export function mockAddress(flags) {
  const host = hostOption({ value: flags.host, fallback: mockUrl.hostname });
  const port = portOption({
    value: flags.port,
    flag: "port",
    envName: "PORT",
    fallback: Number(mockUrl.port),
  });
  return { host, port };
}
