// The command line and environment of `sendbird-desk-mcp`, settled into one configuration.
// Unknown flags and bad values are refused with the flag, the value and the rule.
import { parseArgs } from "node:util";
import { type DeskClientOptions, ENVIRONMENT, isLoopbackHost } from "sendbird-desk-platform";
import { LOG_LEVELS, type LogLevel } from "./logger.js";

/** What the server runs with. */
export interface McpConfig {
  /** "stdio" (the default, what desktop assistants launch) or "http" (Streamable HTTP). */
  transport: "stdio" | "http";
  /** The HTTP address, as a Host header names it (`127.0.0.1`, `[::1]`, `desk.internal`):
   *  loopback unless `allowNonLoopback`. */
  host: string;
  /** The HTTP port; 0 picks a free one. */
  port: number;
  allowNonLoopback: boolean;
  /** Offer the tools that change data. */
  allowWrites: boolean;
  /** The client's options: from the flags, the application ID and token from the environment. */
  client: Pick<DeskClientOptions, "baseUrl" | "applicationId" | "apiToken" | "timeoutMs" | "maxRetries">;
  logLevel: LogLevel;
}

/** The command: run with a configuration, or print the help or the version. */
export type Command = { run: McpConfig } | { help: true } | { version: true };

/** A bad flag or environment variable: the message names it, its value and the rule. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The environment variable that enables the write tools when set to 1. */
export const ALLOW_WRITES_ENV = "SENDBIRD_DESK_MCP_ALLOW_WRITES";
/** The client's environment variables (its own names), read here from the command's own
 *  environment (the client reads only the process's): the token, and the application when
 *  --base-url is absent. */
export const TOKEN_ENV = ENVIRONMENT.apiToken;
export const APP_ID_ENV = ENVIRONMENT.applicationId;
/** The HTTP port when `--port` is not given. */
export const DEFAULT_PORT = 3000;
/** The loopback names, as a Host header carries them: the default --host first. The HTTP
 *  transport accepts them in Host and Origin besides the bound host. */
export const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"];
/** Every interface, as the URL parser writes it (`0`, `::0` and `0:0:0:0:0:0:0:0` included). */
const ALL_INTERFACES = ["0.0.0.0", "[::]"];

/** A `--host` as the URL parser reads it (what a Host header will carry), or undefined when it
 *  is not a host: `0` is `0.0.0.0`, `::1` and `[::1]` are `[::1]`. */
function canonicalHost(host: string): string | undefined {
  if (/[/?#@\\\s]/.test(host)) return undefined; // a path, query, credentials: not a host
  const bracketed = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  try {
    const url = new URL(`http://${bracketed}/`);
    return url.port === "" && url.username === "" ? url.hostname : undefined;
  } catch {
    return undefined;
  }
}
const MAX_PORT = 65_535;

/** `--help` text. */
export const USAGE = `Usage: sendbird-desk-mcp [options]

An MCP server for the groups (teams) of a Sendbird Desk application.
Tools: list_groups, get_group; with writes enabled also add_group_member, remove_group_member.

Environment:
  ${APP_ID_ENV}            the application ID (or --base-url)
  ${TOKEN_ENV}    the Desk API token (required)
  ${ALLOW_WRITES_ENV}=1  same as --allow-writes

Options:
  --allow-writes             offer the tools that change membership (default: read-only)
  --base-url URL             call this base URL instead (https, or http on loopback: the mock)
  --timeout-ms N             time allowed for each attempt of a request (client default 30000)
  --max-retries N            retries after a failed attempt (client default 2)
  --log-level LEVEL          ${LOG_LEVELS.join(", ")} (default info); logs go to stderr
  --http                     serve Streamable HTTP instead of stdio, at http://HOST:PORT/mcp
  --port N                   the HTTP port (default ${DEFAULT_PORT}; 0 picks a free one)
  --host HOST                the HTTP address (default 127.0.0.1; loopback only unless allowed)
  --allow-non-loopback       allow a --host that is not loopback: one address or name, which
                             clients must use (there is no authentication)
  --version                  print the version
  -h, --help                 print this help
`;

const fail = (flag: string, value: unknown, rule: string): never => {
  throw new UsageError(`${flag}: ${JSON.stringify(value)} is not valid: ${rule}`);
};

const wholeNumber = (flag: string, text: string | undefined, max = Number.MAX_SAFE_INTEGER) => {
  if (text === undefined) return undefined;
  if (!/^\d{1,16}$/.test(text) || Number(text) > max) fail(flag, text, `must be a whole number up to ${max}`);
  return Number(text);
};

/** Parses `argv` (without node and the script) and `env` into a command; throws `UsageError`. */
export function parseCommand(argv: string[], env: Record<string, string | undefined>): Command {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        "allow-writes": { type: "boolean" },
        "base-url": { type: "string" },
        "timeout-ms": { type: "string" },
        "max-retries": { type: "string" },
        "log-level": { type: "string" },
        http: { type: "boolean" },
        port: { type: "string" },
        host: { type: "string" },
        "allow-non-loopback": { type: "boolean" },
        version: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return { help: true };
  if (values.version) return { version: true };
  const text = (flag: string) => values[flag] as string | undefined;

  const http = values.http === true;
  for (const flag of ["port", "host", "allow-non-loopback"])
    if (!http && values[flag] !== undefined) fail(`--${flag}`, values[flag], "applies only with --http");
  const given = text("host") ?? LOOPBACK_NAMES[0]!;
  const host =
    canonicalHost(given) ?? fail("--host", given, "must be a host name or an IP address, without a port");
  const allowNonLoopback = values["allow-non-loopback"] === true;
  if (!isLoopbackHost(host) && !allowNonLoopback)
    fail(
      "--host",
      given,
      "must be a loopback address (127.0.0.1, localhost, ::1) unless --allow-non-loopback",
    );
  // The Host check (DNS rebinding) accepts the bound name and loopback: all interfaces have no one name.
  if (ALL_INTERFACES.includes(host))
    fail("--host", given, "must name one address or host name, which the Host check then accepts");

  const logLevel = text("log-level") ?? "info";
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel))
    fail("--log-level", logLevel, `must be one of ${LOG_LEVELS.join(", ")}`);

  const allowWritesEnv = env[ALLOW_WRITES_ENV];
  if (![undefined, "", "0", "1"].includes(allowWritesEnv))
    fail(ALLOW_WRITES_ENV, allowWritesEnv, "must be 1 or 0");

  return {
    run: {
      transport: http ? "http" : "stdio",
      host,
      port: wholeNumber("--port", text("port"), MAX_PORT) ?? DEFAULT_PORT,
      allowNonLoopback,
      allowWrites: values["allow-writes"] === true || allowWritesEnv === "1",
      client: {
        baseUrl: text("base-url"),
        applicationId: env[APP_ID_ENV] || undefined,
        apiToken: env[TOKEN_ENV] || undefined,
        timeoutMs: wholeNumber("--timeout-ms", text("timeout-ms")),
        maxRetries: wholeNumber("--max-retries", text("max-retries")),
      },
      logLevel: logLevel as LogLevel,
    },
  };
}
