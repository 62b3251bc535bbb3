// The MCP server: lists the tools it offers and runs their calls. The SDK's low-level Server is
// used (not McpServer) because the schemas are JSON Schema from the spec, not zod. Every failure
// of a call becomes a tool result with `isError: true` that the assistant can read and act on:
// nothing a call does can crash the server or leave state behind for the next call.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  ListToolsRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";
import {
  type DeskError,
  type DeskRateLimitError,
  isDeskError,
  VERSION as version,
} from "sendbird-desk-platform";
import { createArgumentsCheck } from "./arguments.js";
import type { Logger } from "./logger.js";
import { createMask } from "./mask.js";
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
export const ENABLE_WRITES = "--allow-writes (or env SENDBIRD_DESK_MCP_ALLOW_WRITES=1)";

const FIX_ARGUMENTS = "Fix the argument and call again.";

const silent: Logger = { error() {}, warn() {}, info() {}, debug() {} };

/** What an assistant can do about a failed call, by the client's error name. */
const hints: Record<string, (error: DeskError) => string> = {
  DeskNotFoundError: () => "Check the IDs: list_groups lists the groups, get_group a group's members.",
  DeskRateLimitError: (error) => {
    const ms = (error as DeskRateLimitError).retryAfterMs;
    const wait = ms === undefined ? "a while" : `${Math.ceil(ms / 1000)} s`;
    return `The API is limiting requests: wait ${wait} before calling again.`;
  },
  DeskAuthenticationError: () =>
    "The server's API token was refused: its operator must fix SENDBIRD_DESK_API_TOKEN.",
  DeskPermissionDeniedError: () => "The server's API token may not do this: ask its operator.",
  DeskValidationError: () => FIX_ARGUMENTS,
};

const WRITABLE = "list them, view one with its members, add and remove members";
const READ_ONLY = "list them and view one with its members (read-only: membership changes are disabled)";

/** Creates the server: tools/list and tools/call over `tools`, the write tools only when allowed. */
export function createDeskMcpServer(options: DeskMcpServerOptions): Server {
  const { allowWrites = false, logger = silent, secrets = [] } = options;
  const offered = options.tools.filter((tool) => allowWrites || tool.annotations.readOnlyHint === true);
  const withheld = new Set(options.tools.filter((tool) => !offered.includes(tool)).map((tool) => tool.name));
  const checks = new Map(offered.map((tool) => [tool.name, createArgumentsCheck(tool.inputSchema)]));
  const mask = createMask(secrets);
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

  server.setRequestHandler(CallToolRequestSchema, async ({ params }, { signal }) => {
    const tool = offered.find((candidate) => candidate.name === params.name);
    if (!tool) {
      const names = offered.map((t) => t.name).join(", ");
      const why = withheld.has(params.name)
        ? `${params.name} changes data and this server is read-only: start it with ${ENABLE_WRITES}`
        : `Unknown tool ${JSON.stringify(params.name)}: the tools are ${names}`;
      // A protocol error (the spec's answer to an unknown tool); not McpError, whose message would
      // repeat "MCP error -32602" once the client adds its own prefix.
      throw Object.assign(new Error(why), { code: ErrorCode.InvalidParams });
    }
    const problems = checks.get(tool.name)!(params.arguments);
    if (problems.length > 0) {
      logger.warn(`${tool.name}: refused arguments: ${problems.join("; ")}`);
      return failure(`Invalid arguments for ${tool.name}: ${problems.join("; ")}. ${FIX_ARGUMENTS}`);
    }
    logger.debug(`${tool.name} ${JSON.stringify(params.arguments ?? {})}`);
    try {
      const { data, notes = [] } = await tool.call(params.arguments ?? {}, signal);
      const structuredContent = mask(data);
      const lines = [JSON.stringify(structuredContent, null, 2), ...notes.map(mask)];
      return { content: lines.map((text) => ({ type: "text" as const, text })), structuredContent };
    } catch (error) {
      if (isDeskError(error)) {
        logger.warn(`${tool.name}: ${mask(error.message)}`);
        const hint = hints[error.name]?.(error);
        return failure(hint ? `${error.message} ${hint}` : error.message);
      }
      logger.error(`${tool.name}: unexpected ${mask(String((error as Error)?.stack ?? error))}`);
      return failure(`${tool.name} failed unexpectedly: ${(error as Error)?.message ?? String(error)}`);
    }
  });

  return server;
}
