// The MCP server: lists the tools it offers and runs their calls. The SDK's low-level Server is
// used (not McpServer) because the schemas are JSON Schema from the spec, not zod. Every failure
// of a call becomes a tool result with `isError: true` that the assistant can read and act on:
// nothing a call does can crash the server or leave state behind for the next call.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  type CallToolResult,
  ErrorCode,
  type JSONRPCRequest,
  ListToolsRequestSchema,
  McpError,
} from "@modelcontextprotocol/sdk/types.js";
import {
  type DeskError,
  type DeskRateLimitError,
  DeskValidationError,
  isDeskError,
  type Logger,
  Redactor,
  VERSION as version,
} from "sendbird-desk-platform";
import { ALLOW_WRITES_ENV, APP_ID_ENV, TOKEN_ENV } from "./config.js";
import { argumentOf } from "./schema.js";
import type { DeskTool } from "./tools.js";

/** Options of `createDeskMcpServer`. */
export interface DeskMcpServerOptions {
  /** The tools it may offer (`createDeskTools(desk)`, perhaps with tools of your own). */
  tools: DeskTool[];
  /** Offer the tools that change data (those not annotated read-only). Default false. */
  allowWrites?: boolean;
  /** Where to log calls and failures (never stdout on stdio). Default: no log. */
  logger?: Logger;
  /** Strings masked in every result, e.g. the API token (the client already masks it in its errors). */
  secrets?: string[];
}

/** How to enable the write tools, said when one is called on a read-only server. */
export const ENABLE_WRITES = `--allow-writes (or env ${ALLOW_WRITES_ENV}=1)`;

const FIX_ARGUMENTS = "Fix the argument and call again.";

const silent: Logger = { error() {}, warn() {}, info() {}, debug() {} };

const CHECK_BASE_URL = `The server could not reach the Desk API: its operator should check --base-url (or ${APP_ID_ENV}) and the network.`;

/** What an assistant can do about a failed call, by the client's error name. */
const hints: Record<string, (error: DeskError) => string> = {
  DeskNotFoundError: () => "Check the IDs: list_groups lists the groups, get_group a group's members.",
  DeskRateLimitError: (error) => {
    const ms = (error as DeskRateLimitError).retryAfterMs;
    const wait = ms === undefined ? "a while" : `${Math.ceil(ms / 1000)} s`;
    return `The API is limiting requests: wait ${wait} before calling again.`;
  },
  DeskAuthenticationError: () => `The server's API token was refused: its operator must fix ${TOKEN_ENV}.`,
  DeskPermissionDeniedError: () => "The server's API token may not do this: ask its operator.",
  DeskConnectionError: () => CHECK_BASE_URL,
  DeskTimeoutError: () => "The Desk API did not answer in time: call again later.",
};

/** `text` as a sentence: ending in a full stop unless it ends in punctuation already. */
const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

const WRITABLE = "list them, view one with its members, add and remove members";
const READ_ONLY = "list them and view one with its members (read-only: membership changes are disabled)";

/** Creates the server: tools/list and tools/call over `tools`, the write tools only when allowed. */
export function createDeskMcpServer(options: DeskMcpServerOptions): Server {
  const { allowWrites = false, logger = silent, secrets = [] } = options;
  const offered = options.tools.filter((tool) => allowWrites || tool.annotations.readOnlyHint === true);
  const withheld = new Set(options.tools.filter((tool) => !offered.includes(tool)).map((tool) => tool.name));
  // The client's own masker: the same forms of a secret (JSON-escaped, URL-encoded, lower-cased).
  const redactors = secrets.filter((secret) => secret.length > 0).map((secret) => new Redactor(secret));
  const mask = <T>(value: T): T => redactors.reduce<unknown>((out, r) => r.deep(out), value) as T;
  const failure = (text: string): CallToolResult => ({
    isError: true,
    content: [{ type: "text", text: mask(text) }],
  });

  const server = new Server(
    { name: "sendbird-desk-mcp", title: "Sendbird Desk", version },
    {
      capabilities: { tools: {} },
      instructions:
        "Tools for the groups (teams) of agents of one Sendbird Desk application: " +
        `${allowWrites ? WRITABLE : READ_ONLY}. Group and agent IDs are numbers.`,
    },
  );

  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: offered.map(({ name, title, description, inputSchema, outputSchema, annotations }) => ({
      name,
      title,
      description,
      inputSchema,
      outputSchema,
      annotations: { title, ...annotations },
    })),
  }));

  /** Runs a tool with its arguments; every failure is a result the assistant can read. */
  async function run(tool: DeskTool, args: Record<string, unknown>, signal: AbortSignal) {
    const names = Object.keys(tool.inputSchema.properties);
    const unknown = Object.keys(args).filter((name) => !names.includes(name));
    const missing = tool.inputSchema.required.filter((name) => args[name] === undefined);
    const problems = [
      ...unknown.map(
        (name) => `${name} is not an argument (the arguments are ${names.join(", ") || "none"})`,
      ),
      ...missing.map((name) => `${name} is required`),
    ];
    try {
      if (problems.length > 0) throw new DeskValidationError("arguments", args, problems.join("; "));
      logger.debug(`${tool.name} ${JSON.stringify(args)}`);
      const { data, notes = [] } = await tool.call(args, signal);
      const structuredContent = mask(data);
      const lines = [JSON.stringify(structuredContent, null, 2), ...notes.map(mask)];
      return { content: lines.map((text) => ({ type: "text" as const, text })), structuredContent };
    } catch (error) {
      if (error instanceof DeskValidationError) {
        // The client's own check, its message with the argument's name instead of the option's.
        const problem =
          error.field === "arguments"
            ? error.rule
            : error.message.replace(`${error.field}:`, `${argumentOf(tool.inputSchema, error.field)}:`);
        logger.warn(`${tool.name}: refused arguments: ${mask(problem)}`);
        return failure(`Invalid arguments for ${tool.name}: ${sentence(problem)} ${FIX_ARGUMENTS}`);
      }
      if (isDeskError(error)) {
        logger.warn(`${tool.name}: ${mask(error.message)}`);
        const hint = hints[error.name]?.(error);
        return failure(hint ? `${sentence(error.message)} ${hint}` : error.message);
      }
      logger.error(`${tool.name}: unexpected ${mask(String((error as Error)?.stack ?? error))}`);
      return failure(`${tool.name} failed unexpectedly: ${(error as Error)?.message ?? String(error)}`);
    }
  }

  // tools/call is read here rather than through the SDK's schema, which answers arguments that
  // are not an object (null, say) with a protocol error instead of a result the assistant reads.
  server.fallbackRequestHandler = async (request: JSONRPCRequest, { signal }) => {
    if (request.method !== "tools/call") throw new McpError(ErrorCode.MethodNotFound, "Method not found");
    const params = (request.params ?? {}) as { name?: unknown; arguments?: unknown };
    const tool = offered.find((candidate) => candidate.name === params.name);
    if (!tool) {
      const names = offered.map((t) => t.name).join(", ");
      const name = String(params.name);
      const why = withheld.has(name)
        ? `${name} changes data and this server is read-only: start it with ${ENABLE_WRITES}`
        : `Unknown tool ${JSON.stringify(params.name ?? null)}: the tools are ${names}`;
      // A protocol error (the spec's answer to an unknown tool); not McpError, whose message would
      // repeat "MCP error -32602" once the client adds its own prefix.
      throw Object.assign(new Error(why), { code: ErrorCode.InvalidParams });
    }
    const args = params.arguments === undefined ? {} : params.arguments;
    if (args === null || typeof args !== "object" || Array.isArray(args))
      return failure(
        `Invalid arguments for ${tool.name}: arguments must be an object of named arguments (got ${JSON.stringify(args)}). ${FIX_ARGUMENTS}`,
      );
    return run(tool, args as Record<string, unknown>, signal);
  };

  return server;
}
