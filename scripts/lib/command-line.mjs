// Reads a script's command line with node:util's parseArgs: `--help` prints the usage and
// exits, and an unknown flag or a flag without its value is refused in one line.
import { parseArgs } from "node:util";

/** An error whose message is the whole story: scripts print it on one line, without a stack. */
export class UsageError extends Error {
  name = "UsageError";
}

/**
 * Returns the flags' values (`options` as parseArgs takes them; `--help`/`-h` is added).
 * With `--help` the usage goes to stdout and the process exits 0.
 */
export function parseCommandLine({ usage, options = {}, argv = process.argv.slice(2) }) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { help: { type: "boolean", short: "h" }, ...options },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(`${describeParseError(error)} (--help shows the options)`);
  }
  if (parsed.values.help) {
    console.log(usage.trim());
    process.exit(0);
  }
  return parsed.values;
}

/**
 * `parseCommandLine` for a script that has nothing to clean up: a bad command line is one line
 * on stderr, `<name>: <what is wrong> (--help shows the options)`, and exit code 2.
 */
export function readCommandLine(name, spec) {
  try {
    return parseCommandLine(spec);
  } catch (error) {
    console.error(`${name}: ${error.message}`);
    process.exit(2);
  }
}

function describeParseError(error) {
  const option = /'(-[^']*)'/.exec(error.message)?.[1];
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${option}`;
  if (error.code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL")
    return `unexpected argument ${option ?? ""}`.trim();
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return error.message.split("\n")[0];
  return error.message;
}
