// The Node that runs the tools needing Node 22 or later (the MCP conformance suite): the one
// running the tests when it is 22 or later, else one that `npm run setup:tools` installed
// (tools/runtimes, or tools/node22 on a machine without the runtime matrix).
import { existsSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..", "..");

/** Where a Node 22 or later may be installed, in the order they are preferred. */
const installed = [
  join(root, "tools", "runtimes", "node_modules", "node22", "bin", "node"),
  join(root, "tools", "runtimes", "node_modules", "node24", "bin", "node"),
  join(root, "tools", "node22", "node_modules", "node22", "bin", "node"),
];

/** The path of a Node 22 or later, or undefined when there is none (see setup:tools). */
export function modernNode(): string | undefined {
  if (Number(process.versions.node.split(".")[0]) >= 22) return process.execPath;
  return installed.find((path) => existsSync(path));
}
