// Streamable HTTP on loopback. Stateless: each POST gets a fresh MCP server and transport, since a
// tools-only server never speaks first and a session would only hold memory. DNS rebinding is
// refused by the SDK's Host check (createMcpExpressApp), and a browser page of another origin by an
// Origin check: the port is reachable from every page the user opens, and it carries the token's powers.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createMcpExpressApp } from "@modelcontextprotocol/sdk/server/express.js";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { ErrorCode } from "@modelcontextprotocol/sdk/types.js";
import { LOOPBACK_NAMES } from "./config.js";
import type { Logger } from "./logger.js";

/** The path the MCP endpoint is served at. */
export const MCP_PATH = "/mcp";

/** Options of `serveHttp`. */
export interface HttpOptions {
  /** Creates the MCP server that answers one request. */
  createServer: () => Server;
  /** The address to bind, as a Host header names it (`127.0.0.1`, `[::1]`, a name): it and the
   *  loopback names are accepted in Host and Origin, and whatever `allowedHosts` adds. */
  host: string;
  /** The port; 0 picks a free one. */
  port: number;
  /** Host names accepted besides the loopback ones (for a non-loopback `host`). */
  allowedHosts?: string[];
  logger: Logger;
}

/** A running HTTP transport. */
export interface HttpServer {
  /** The endpoint, e.g. `http://127.0.0.1:3000/mcp`. */
  url: string;
  /** Stops listening and ends open connections. */
  close(): Promise<void>;
}

type Request = IncomingMessage & { body?: unknown };
type Next = (error?: unknown) => void;

/** Answers with a JSON-RPC error that has no request ID (the request was not read or not valid). */
function reject(res: ServerResponse, status: number, code: number, message: string, headers = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }));
}

const hostnameOf = (origin: string) => {
  try {
    return new URL(origin).hostname;
  } catch {
    return undefined;
  }
};

/** Serves MCP over Streamable HTTP at `http://host:port/mcp` until `close()`. */
export async function serveHttp(options: HttpOptions): Promise<HttpServer> {
  const { createServer, host, port, logger } = options;
  const allowed = [...new Set([...LOOPBACK_NAMES, host, ...(options.allowedHosts ?? [])])];
  const app = createMcpExpressApp({ host, allowedHosts: allowed });
  app.disable("x-powered-by");

  app.use((req: Request, res: ServerResponse, next: Next) => {
    const origin = req.headers.origin;
    if (origin === undefined || allowed.includes(hostnameOf(origin) ?? "")) return next();
    logger.warn(`refused a request from origin ${origin}`);
    reject(res, 403, ErrorCode.InvalidRequest, `Origin not allowed: ${origin}`);
  });

  app.post(MCP_PATH, async (req: Request, res: ServerResponse) => {
    const server = createServer();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res, req.body);
    } catch (error) {
      logger.error(`HTTP request failed: ${(error as Error)?.message ?? error}`);
      if (!res.headersSent) reject(res, 500, ErrorCode.InternalError, "Internal server error");
    }
  });

  // Stateless: no stream to open (GET) and no session to end (DELETE).
  app.all(MCP_PATH, (_req: Request, res: ServerResponse) =>
    reject(res, 405, ErrorCode.ConnectionClosed, "Method not allowed: this server answers POST only", {
      allow: "POST",
    }),
  );

  // A body too large or not JSON: a JSON-RPC error rather than express's HTML page.
  app.use((error: unknown, _req: Request, res: ServerResponse, _next: Next) => {
    logger.warn(`refused a request: ${(error as Error)?.message ?? error}`);
    const { type, limit } = error as { type?: unknown; limit?: unknown };
    if (type === "entity.too.large")
      return reject(
        res,
        413,
        ErrorCode.InvalidRequest,
        `Request too large: the body may be at most ${limit} bytes`,
      );
    reject(res, 400, ErrorCode.ParseError, "Parse error: the body must be JSON");
  });

  const http = createHttpServer(app);
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    // A Host header brackets an IPv6 address; listen() takes it bare.
    http.listen(port, host.replace(/^\[(.*)\]$/, "$1"), () => {
      http.off("error", reject);
      resolve();
    });
  });
  const { address, port: bound } = http.address() as AddressInfo;
  const url = `http://${address.includes(":") ? `[${address}]` : address}:${bound}${MCP_PATH}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}
