// An MCP client connected in-process (the SDK's in-memory transport) to the Desk MCP server, whose
// Desk client calls the Prism mock through an observed fetch. `prefer` picks Prism's answer for the
// next requests (`code=404`, `code=429`); `log` collects what the server logs.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { DeskClient, DeskClientOptions } from "../../src/index.js";
import { createDeskMcpServer, createDeskTools, createLogger, type DeskTool } from "../../src/mcp/index.js";
import { type Exchange, observedClient } from "../contract/observed.js";

/** A connected MCP client and what its server did. */
export interface Harness {
  client: Client;
  exchanges: Exchange[];
  /** Log lines the server wrote (level debug). */
  log: string[];
  /** Sets Prism's `Prefer` header for the requests that follow (undefined: the default answer). */
  prefer(value: string | undefined): void;
  close(): Promise<void>;
}

/** Options of `connect`. */
export interface HarnessOptions {
  allowWrites?: boolean;
  client?: Partial<DeskClientOptions>;
  /** Another Desk client instead of the mock's (a server the mock cannot play). */
  desk?: DeskClient;
  /** Tools beside the Desk tools. */
  extraTools?: DeskTool[];
  secrets?: string[];
}

/** Connects an MCP client to a Desk MCP server over the mock. */
export async function connect(options: HarnessOptions = {}): Promise<Harness> {
  let preferred: string | undefined;
  const { desk, exchanges } = observedClient({ maxRetries: 0, ...options.client }, (request) => {
    if (preferred) request.headers.set("Prefer", preferred);
  });
  const log: string[] = [];
  const server = createDeskMcpServer({
    tools: [...createDeskTools(options.desk ?? desk), ...(options.extraTools ?? [])],
    allowWrites: options.allowWrites,
    logger: createLogger("debug", { write: (line: string) => log.push(line) }),
    secrets: options.secrets,
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "desk-mcp-test", version: "1.0.0" });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return {
    client,
    exchanges,
    log,
    prefer: (value) => {
      preferred = value;
    },
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}
