// `sendbird-desk-mcp`: reads the configuration, builds the client and the tools, and serves them
// on stdio or Streamable HTTP until stopped. Everything it says goes to stderr: on stdio, stdout
// carries the protocol and nothing else.
import type { Readable, Writable } from "node:stream";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { ErrorCode, type JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import {
  createDeskClient,
  type DeskClientOptions,
  isDeskError,
  VERSION as version,
} from "sendbird-desk-platform";
import { type McpConfig, parseCommand, USAGE, UsageError } from "./config.js";
import { serveHttp } from "./http.js";
import { createLogger, type Logger } from "./logger.js";
import { createDeskMcpServer } from "./server.js";
import { createDeskTools } from "./tools.js";

/** What the command reads and writes; the process's own by default. */
export interface Io {
  env: Record<string, string | undefined>;
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** Stops the server; by default SIGINT or SIGTERM. */
  signal: AbortSignal;
}

/** Exit code of a bad flag, environment variable or client option. */
export const EXIT_USAGE = 2;
/** Exit code when the HTTP port cannot be bound. */
export const EXIT_LISTEN = 1;
/** Exit code when stdin broke the protocol so the transport stopped (a line over its limit). */
export const EXIT_INPUT = 1;

function processSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return controller.signal;
}

const until = (signal: AbortSignal) =>
  new Promise<void>((resolve) =>
    signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve()),
  );

/** Runs the server described by `config` until `io.signal` aborts (or, on stdio, stdin ends). */
async function serve(config: McpConfig, io: Io, logger: Logger): Promise<void> {
  const options: DeskClientOptions = {
    ...config.client,
    userAgent: `sendbird-desk-mcp/${version}`,
    logLevel: config.logLevel,
    logger,
  };
  const desk = createDeskClient(options);
  const tools = createDeskTools(desk);
  const secrets = config.client.apiToken ? [config.client.apiToken] : [];
  const createServer = () => createDeskMcpServer({ tools, allowWrites: config.allowWrites, logger, secrets });
  const mode = config.allowWrites ? "writes enabled" : "read-only";

  if (config.transport === "http") {
    const http = await serveHttp({ createServer, host: config.host, port: config.port, logger });
    logger.info(`${version} serving ${desk.baseUrl} (${mode}) at ${http.url}`);
    await until(io.signal);
    await http.close();
    return;
  }
  const server = createServer();
  const closed = new Promise<void>((resolve) => {
    server.onclose = resolve;
  });
  io.stdin.once("end", () => void server.close());
  const transport = new StdioServerTransport(io.stdin, io.stdout);
  let failed = false;
  // A line that is not JSON, or not JSON-RPC, is answered (its ID is unknown) and logged; a line
  // over the transport's limit ends the transport: that is logged and the exit code says so.
  server.onerror = (error) => {
    const overflow = /exceeded maximum size/.test(error.message);
    failed ||= overflow;
    logger.error(
      `stdin: ${overflow ? `${error.message}: stopping` : `refused a line: ${error.message.split("\n")[0]}`}`,
    );
    if (overflow) return;
    const code = error instanceof SyntaxError ? ErrorCode.ParseError : ErrorCode.InvalidRequest;
    const message =
      code === ErrorCode.ParseError
        ? "Parse error: a line must be JSON"
        : "Invalid Request: a line must be a JSON-RPC message";
    void transport.send({ jsonrpc: "2.0", id: null, error: { code, message } } as unknown as JSONRPCMessage);
  };
  await server.connect(transport);
  logger.info(`${version} serving ${desk.baseUrl} (${mode}) on stdio`);
  await Promise.race([closed, until(io.signal)]);
  await server.close();
  if (failed) throw new InputError("a line on stdin was over the transport's limit");
}

/** Stdin could not be read as the protocol: exit code EXIT_INPUT. */
class InputError extends Error {}

/** Runs the command with `argv` (without node and the script); resolves to the exit code. */
export async function main(argv: string[], io: Partial<Io> = {}): Promise<number> {
  const { env = process.env, stdin = process.stdin, stdout = process.stdout, stderr = process.stderr } = io;
  try {
    const command = parseCommand(argv, env);
    if ("help" in command || "version" in command) {
      stdout.write("help" in command ? USAGE : `${version}\n`);
      return 0;
    }
    const logger = createLogger(command.run.logLevel, stderr);
    await serve(command.run, { env, stdin, stdout, stderr, signal: io.signal ?? processSignal() }, logger);
    return 0;
  } catch (error) {
    const { message, code } = error as Error & { code?: unknown };
    if (error instanceof UsageError || isDeskError(error)) {
      stderr.write(`sendbird-desk-mcp: ${message}\nRun sendbird-desk-mcp --help for the options.\n`);
      return EXIT_USAGE;
    }
    if (error instanceof InputError) return EXIT_INPUT;
    if (code === "EADDRINUSE" || code === "EACCES" || code === "EADDRNOTAVAIL") {
      stderr.write(`sendbird-desk-mcp: cannot listen: ${message}\n`);
      return EXIT_LISTEN;
    }
    throw error;
  }
}
