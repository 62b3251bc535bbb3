#!/usr/bin/env node
// npm run example: the client's public API, end to end, against a Prism mock this script
// starts on a free port and stops before it exits. The package is imported by its own
// name, so this is the built dist/ that users get (npm run example builds it first).
import { createDeskClient, DeskNotFoundError } from "sendbird-desk-platform";
import { startPrism } from "./lib/prism.mjs";

const prism = await startPrism({ port: 0 });
try {
  console.log(`Prism mock on ${prism.url}\n`);
  const desk = createDeskClient({ baseUrl: prism.url, apiToken: "any-token" });

  const page = await desk.groups.list({ limit: 5, offset: 10 });
  console.log(
    `list one page:    ${page.count} groups in all; this page: ${page.results.map((g) => `#${g.id} ${g.name}`).join(", ")}`,
  );

  const names = [];
  for await (const group of desk.groups.list({ limit: 500 })) names.push(group.name);
  console.log(`iterate all:      ${names.length} group(s): ${names.join(", ")}`);

  const group = await desk.groups.get(77);
  console.log(`view group 77:    "${group.name}" with ${group.members.length} member(s)`);

  const added = await desk.groups.addMember(77, 28);
  console.log(`add agent 28:     "${added.name}" now has ${added.members.length} member(s)`);

  const removed = await desk.groups.removeMember(77, 28);
  console.log(`remove agent 28:  "${removed.name}" now has ${removed.members.length} member(s)`);

  // Prism answers the documented 404 when asked to with `Prefer: code=404`; an injected
  // fetch adds that header, as it could add any header of your own.
  const askFor404 = createDeskClient({
    baseUrl: prism.url,
    apiToken: "any-token",
    fetch: (request) => {
      request.headers.set("Prefer", "code=404");
      return fetch(request);
    },
  });
  try {
    await askFor404.groups.get(999);
    throw new Error("expected a DeskNotFoundError");
  } catch (error) {
    if (!(error instanceof DeskNotFoundError)) throw error;
    console.log(`handled error:    ${error.name} (status ${error.status}): ${error.message}`);
  }
} finally {
  await prism.stop();
  console.log("\nPrism stopped.");
}
