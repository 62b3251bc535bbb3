// Reads a TCP port from a flag or an environment variable, with a one-line error when it is bad.

/** Returns the port given as `--name N` / `--name=N` in argv, else env[envName], else fallback. */
export function portOption({ argv = process.argv.slice(2), flag, envName, fallback }) {
  let raw;
  let source = envName;
  const at = flag ? argv.findIndex((a) => a === `--${flag}` || a.startsWith(`--${flag}=`)) : -1;
  if (at !== -1) {
    raw = argv[at].includes("=") ? argv[at].slice(argv[at].indexOf("=") + 1) : argv[at + 1];
    source = `--${flag}`;
  } else if (process.env[envName] !== undefined && process.env[envName] !== "") {
    raw = process.env[envName];
  } else {
    return fallback;
  }
  const port = Number(raw);
  if (!/^\d+$/.test(String(raw ?? "")) || port > 65535) {
    throw new UsageError(
      `${source} must be a port number from 0 to 65535 (0 = any free port), got ${JSON.stringify(raw ?? "")}`,
    );
  }
  return port;
}

/** An error whose message is the whole story: scripts print it on one line, without a stack. */
export class UsageError extends Error {
  name = "UsageError";
}
