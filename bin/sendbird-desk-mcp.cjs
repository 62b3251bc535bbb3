#!/usr/bin/env node
// The `sendbird-desk-mcp` command. The MCP SDK is an optional peer dependency of the package:
// look for it before loading the server, and say in one line what to install when it is missing.
"use strict";

const sdk = "@modelcontextprotocol/sdk";
try {
  require.resolve(`${sdk}/server/index.js`);
} catch {
  const range = require("../package.json").peerDependencies[sdk];
  process.stderr.write(`sendbird-desk-mcp needs the MCP SDK: npm install ${sdk}@"${range}"\n`);
  process.exit(1);
}
require("../dist/mcp.cjs")
  .main(process.argv.slice(2))
  .then((code) => process.exit(code));
