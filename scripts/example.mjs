#!/usr/bin/env node
// npm run example: the client's public API, end to end, against a Prism mock this script
// starts on a free port and stops before it exits. The package is imported by its own
// name, so this is the built dist/ that users get (npm run example builds it first).
import { createDeskClient, DeskNotFoundError, DeskServerError } from "sendbird-desk-platform";
import { parseCommandLine } from "./lib/command-line.mjs";
import { startPrism } from "./lib/prism.mjs";

try {
  parseCommandLine({
    usage: `
Usage: npm run example

Builds the package, then runs the client's calls (list, iterate, view, add, remove, a handled
404 and a retried 503) against a Prism mock it starts on a free port and stops.`,
  });
} catch (error) {
  console.error(`example: ${error.message}`);
  process.exit(1);
}

const prism = await startPrism({ port: 0 });
/** Log lines of the client, indented under the example's own. */
const logger = {
  error: (line) => console.log(`    ${line}`),
  warn: (line) => console.log(`    ${line}`),
  info: (line) => console.log(`    ${line}`),
  debug: (line) => console.log(`    ${line}`),
};
const groups = (list) => list.map((g) => `#${g.id} ${g.name}`).join(", ");
const members = (group) => group.members.map((m) => `${m.displayName} (#${m.id})`).join(", ") || "none";

try {
  console.log(`Prism mock on ${prism.url}`);
  console.log("It keeps state, seeded from the spec's story: what a call changes, the next one sees.\n");
  // logLevel "info": each retry is a line (method, URL, attempt, reason, wait and its source).
  const desk = createDeskClient({ baseUrl: prism.url, apiToken: "any-token", logLevel: "info", logger });

  const page = await desk.groups.list();
  console.log(`list one page:    ${page.count} groups in all; this page: ${groups(page.results)}`);

  const names = [];
  for await (const group of desk.groups.list()) names.push(group.name);
  console.log(`iterate all:      ${names.length} group(s): ${names.join(", ")}`);

  const group = await desk.groups.get(77);
  console.log(`view group 77:    "${group.name}", members: ${members(group)}`);

  const added = await desk.groups.addMember(77, 2);
  console.log(`add agent 2:      "${added.name}", members: ${members(added)}`);

  const removed = await desk.groups.removeMember(77, 2);
  console.log(`remove agent 2:   "${removed.name}", members: ${members(removed)}`);

  // Prism answers a named example, or a documented error, when a `Prefer` header asks for
  // it; a per-request header adds it, as it could add any header of your own.
  const prefer = (value) => ({ headers: { Prefer: value } });
  const middle = await desk.groups.list({ limit: 2, offset: 2 }, prefer("example=MiddlePage"));
  console.log(`named example:    MiddlePage (limit 2, offset 2): ${groups(middle.results)}`);

  try {
    await desk.groups.get(999); // a group the mock's state does not have
    throw new Error("expected a DeskNotFoundError");
  } catch (error) {
    if (!(error instanceof DeskNotFoundError)) throw error;
    console.log(`handled 404:      ${error.name}: ${error.message}`);
  }

  try {
    await desk.groups.get(77, { ...prefer("code=503"), maxRetries: 1 });
    throw new Error("expected a DeskServerError");
  } catch (error) {
    if (!(error instanceof DeskServerError)) throw error;
    console.log(`retried 503:      ${error.name} after ${error.attempts} attempts: ${error.message}`);
  }
} finally {
  await prism.stop();
  console.log("\nPrism stopped.");
}
