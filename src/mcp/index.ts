/// <reference types="node" preserve="true" />
// The `sendbird-desk-platform/mcp` entry: an MCP server for the groups of a Desk application, built
// on the client's public API. It needs the optional peer dependency `@modelcontextprotocol/sdk`;
// the package's main entry never loads this file. The client's own methods check the tools'
// arguments. Not exported: the schema derivation (internal, free to change). Node only: the
// reference above gives this entry Node's types, which the build leaves out for the
// platform-neutral main entry.
export { type Io, main } from "./cli.js";
export { type Command, type McpConfig, parseCommand, UsageError } from "./config.js";
export { type HttpOptions, type HttpServer, MCP_PATH, serveHttp } from "./http.js";
export { createLogger, LOG_LEVELS, type Logger, type LogLevel } from "./logger.js";
export { createDeskMcpServer, type DeskMcpServerOptions } from "./server.js";
export { createDeskTools, type DeskTool, MAX_PAGES, type ToolOutput } from "./tools.js";
