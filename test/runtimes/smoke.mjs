// The smoke test of the packed package on one runtime (Node, Bun or Deno): run from a scratch
// project where the tarball is installed, against smoke-server.mjs on loopback (its URL in
// SMOKE_URL). It makes the four calls, catches an error class, rides out a retry and ends a
// call by timeout, printing one line per check; any failed check exits non-zero.
import process from "node:process";
import { createDeskClient, DeskNotFoundError, DeskTimeoutError, isDeskError } from "sendbird-desk-platform";

const baseUrl = process.env.SMOKE_URL;
const apiToken = "smoke-token";

/** Throws with `message` unless `condition` holds. */
function check(condition, message) {
  if (!condition) throw new Error(`smoke: ${message}`);
}

const desk = createDeskClient({ baseUrl, apiToken, maxRetries: 1 });

const page = await desk.groups.list({ limit: 2 });
check(page.count === 3 && page.results.length === 2, `list: one page of 2 of 3, got ${JSON.stringify(page)}`);
const ids = [];
for await (const group of desk.groups.list({ limit: 2 })) ids.push(group.id);
check(ids.join() === "1,2,3", `list: every group across pages, got ${ids}`);
console.log("ok list: one page, and every group across two pages");

const group = await desk.groups.get(41);
check(group.id === 41 && group.members.length === 1, `get: group 41, got ${JSON.stringify(group)}`);
console.log("ok get");

const added = await desk.groups.addMember(41, 28);
check(added.members[0]?.id === 28, `addMember: agent 28 among the members, got ${JSON.stringify(added)}`);
console.log("ok addMember");

const removed = await desk.groups.removeMember(41, 28);
check(removed.members.length === 0, `removeMember: no member left, got ${JSON.stringify(removed)}`);
console.log("ok removeMember");

const failure = await desk.groups.get(404).catch((error) => error);
check(failure instanceof DeskNotFoundError && isDeskError(failure), `404: DeskNotFoundError, got ${failure}`);
check(
  failure.status === 404 && failure.message.includes("Not found."),
  `404: status and message, got ${failure}`,
);
console.log("ok error class: DeskNotFoundError");

const retried = await desk.groups.get(503);
check(retried.id === 503, `retry: group 503 after a 503, got ${JSON.stringify(retried)}`);
console.log("ok retry: 503, then 200");

const impatient = createDeskClient({ baseUrl, apiToken, timeoutMs: 200, maxRetries: 0 });
const timeout = await impatient.groups.get(999).catch((error) => error);
check(timeout instanceof DeskTimeoutError, `timeout: DeskTimeoutError, got ${timeout}`);
console.log("ok timeout: DeskTimeoutError");
