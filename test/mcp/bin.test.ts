// The built `sendbird-desk-mcp` bin, spawned the way a desktop assistant launches it: an MCP
// client initialises over its stdio, lists the tools and calls get_group against the mock.
// Runs after `npm run build` (npm test does that first).
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { version } from "../../package.json";
import { createDeskClient } from "../../src/index.js";
import { createDeskTools } from "../../src/mcp/index.js";
import { mockToken, mockUrl } from "../contract/mock.js";

const bin = join(__dirname, "..", "..", "bin", "sendbird-desk-mcp.cjs");

it("initialises over stdio, lists its tools and calls get_group", async () => {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin, "--base-url", mockUrl(), "--log-level", "debug"],
    env: { PATH: process.env.PATH ?? "", SENDBIRD_DESK_API_TOKEN: mockToken },
    stderr: "pipe",
  });
  let log = "";
  transport.stderr!.on("data", (chunk) => {
    log += chunk;
  });
  const client = new Client({ name: "desk-mcp-bin-test", version: "1.0.0" });
  // A line on stdout that is not JSON-RPC (a stray log) would surface here.
  const protocolErrors: unknown[] = [];
  client.onerror = (error) => protocolErrors.push(error);
  await client.connect(transport);
  try {
    expect(client.getServerVersion()).toEqual({ name: "sendbird-desk-mcp", title: "Sendbird Desk", version });
    const { tools } = await client.listTools();
    // The catalogue is the one place an operation becomes a tool: the list comes from it.
    const desk = createDeskClient({ baseUrl: mockUrl(), apiToken: mockToken });
    const readOnly = createDeskTools(desk).filter((t) => t.annotations.readOnlyHint === true);
    expect(tools.map((t) => t.name)).toEqual(readOnly.map((t) => t.name));
    const result = await client.callTool({ name: "get_group", arguments: { group_id: 77 } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ id: 77, members: expect.any(Array) });
  } finally {
    await client.close();
  }
  expect(protocolErrors).toEqual([]);
  expect(log).toContain(`sendbird-desk-mcp info: ${version} serving ${mockUrl()} (read-only) on stdio`);
  expect(log).toContain('sendbird-desk-mcp debug: get_group {"group_id":77}');
  expect(log).not.toContain(mockToken);
});
