#!/usr/bin/env node
// sendbird-desk-verify: is the spec still true of the real API? Prism runs as a validating
// proxy (`prism proxy`) between the client and the API; the client drives the read-only calls
// (and, only with --write, one add-and-remove), and every violation Prism reports on the real
// answers is printed per operation (where, which rule, the value's type only), then a summary.
// Exit 0: every answer matches the spec; 1: some answer breaks it; 2: the check could not run.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createDeskClient, isDeskApiError, REDACTED } from "../dist/index.mjs";
import { startDeskProxy } from "../dist/testing.mjs";

const usage = `Usage: npx sendbird-desk-verify [--upstream URL] [--groups N] [--max-pages N] [--page-size N]
                            [--write --group G --agent A]

Checks the real API against the spec this package ships. Needs SENDBIRD_DESK_API_TOKEN, and
SENDBIRD_APP_ID unless --upstream is given. Read-only unless --write is given.

  --upstream URL   the API's base URL (default https://desk-api-{SENDBIRD_APP_ID}.sendbird.com/platform/v1)
  --groups N       view at most N groups, from the list (default 5)
  --max-pages N    walk at most N pages of the group list (default 10)
  --page-size N    groups per page, 1 to 500 (default 100)
  --write          also add agent A to group G and remove it again, restoring the starting
                   state; refused when A is already a member of G
  --group G, --agent A   the group and agent for --write
  --help           this text

Exit code 0 when every answer matches the spec, 1 when one breaks it, 2 when the check could
not run (bad flags, no token, the API unreachable or refusing the token).`;

const defaults = { groups: 5, maxPages: 10, pageSize: 100 };
const packageDir = fileURLToPath(new URL("..", import.meta.url));

/**
 * A stricter copy of the shipped spec, for the check only: each object schema that does not
 * say otherwise refuses properties it does not describe (an `allOf` is merged into one object
 * first), so a field the API has added, or renamed, is reported. The spec itself stays
 * permissive for clients. Returns the copy's path and a function that removes it.
 */
function strictSpec() {
  const openapi = JSON.parse(readFileSync(join(packageDir, "generated", "openapi.json"), "utf8"));
  const schemas = openapi.components.schemas;
  const resolve = (schema) => (schema.$ref ? schemas[schema.$ref.split("/").pop()] : schema);
  for (const [name, schema] of Object.entries(schemas)) {
    if (schema.allOf) {
      const parts = schema.allOf.map(resolve);
      schemas[name] = {
        description: schema.description,
        type: "object",
        required: [...new Set(parts.flatMap((p) => p.required ?? []))],
        properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
      };
    }
  }
  for (const schema of Object.values(schemas)) {
    if (schema.type === "object" && schema.additionalProperties === undefined)
      schema.additionalProperties = false;
  }
  const folder = mkdtempSync(join(tmpdir(), "desk-verify-"));
  const path = join(folder, "openapi.json");
  writeFileSync(path, JSON.stringify(openapi));
  return { path, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** A reason the check cannot run: printed in one line, exit code 2. */
class CannotRun extends Error {}

/** Reads flags and environment; throws CannotRun with the reason. */
function readOptions(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        upstream: { type: "string" },
        groups: { type: "string" },
        "max-pages": { type: "string" },
        "page-size": { type: "string" },
        write: { type: "boolean" },
        group: { type: "string" },
        agent: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new CannotRun(`${error.message.split(".")[0]} (--help shows the options)`);
  }
  if (values.help) return { help: true };
  const token = process.env.SENDBIRD_DESK_API_TOKEN;
  if (!token) throw new CannotRun("SENDBIRD_DESK_API_TOKEN is not set: the check needs a Desk API token");
  const appId = process.env.SENDBIRD_APP_ID;
  if (!values.upstream && !appId) throw new CannotRun("give --upstream URL, or set SENDBIRD_APP_ID");
  const upstream = values.upstream ?? `https://desk-api-${appId}.sendbird.com/platform/v1`;
  if (!/^https?:\/\//.test(upstream))
    throw new CannotRun(`--upstream must be an http(s) URL, got ${upstream}`);
  const options = {
    token,
    upstream,
    groups: count(values.groups, "--groups", defaults.groups, 0),
    maxPages: count(values["max-pages"], "--max-pages", defaults.maxPages, 1),
    pageSize: count(values["page-size"], "--page-size", defaults.pageSize, 1, 500),
    write: values.write === true,
  };
  if (options.write) {
    options.group = count(values.group, "--group", undefined, 1);
    options.agent = count(values.agent, "--agent", undefined, 1);
    if (options.group === undefined || options.agent === undefined) {
      throw new CannotRun("--write needs --group G and --agent A");
    }
  } else if (values.group || values.agent) {
    throw new CannotRun("--group and --agent are only for --write");
  }
  return options;
}

/** A whole number from a flag, within [min, max], else `fallback` when absent. */
function count(raw, flag, fallback, min, max = Number.MAX_SAFE_INTEGER) {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new CannotRun(`${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/**
 * A fetch that records, for every answer through the proxy, the operation it belongs to and
 * Prism's violations, each with the type of the value it names (never the value itself).
 */
function recordingFetch(answers) {
  return async (request) => {
    const response = await fetch(request);
    const text = await response.clone().text();
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const violations = JSON.parse(response.headers.get("sl-violations") ?? "[]").filter(
      (v) => v.severity === "Error",
    );
    answers.push({
      operation: operationOf(request),
      status: response.status,
      violations: violations.map((v) => ({
        where: v.location.join("."),
        rule: v.code,
        message: v.message,
        type: typeAt(v.location, body),
      })),
    });
    return response;
  };
}

/** The spec's operation for a request, by method and path. */
function operationOf(request) {
  const path = new URL(request.url).pathname;
  if (/\/groups$/.test(path)) return "listGroups";
  if (/\/groups\/[^/]+$/.test(path)) return "getGroup";
  return request.method === "POST" ? "addGroupMember" : "removeGroupMember";
}

/** The JSON type of the value at a violation's location ("absent" when it is not there). */
function typeAt(location, body) {
  if (location[0] !== "response" || location[1] !== "body") return "header";
  let value = body;
  for (const key of location.slice(2)) {
    if (value === null || typeof value !== "object" || !(key in value)) return "absent";
    value = value[key];
  }
  if (value === null) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}

/** The line with every occurrence of the token replaced (a server may echo it back). */
function masked(line, token) {
  return line.split(token).join(REDACTED);
}

/** Runs the calls; a call that fails is recorded and the others still run. */
async function drive(desk, options, print) {
  const failures = [];
  const attempt = async (what, call) => {
    try {
      return await call();
    } catch (error) {
      failures.push(`${what}: ${error.message}`);
      if (isDeskApiError(error) && [401, 403].includes(error.status)) throw new CannotRun(error.message);
      return undefined;
    }
  };

  const first = await attempt("the first page", () => desk.groups.list({ limit: options.pageSize }));
  print(`  list, first page: ${first ? `${first.results.length} of ${first.count} groups` : "failed"}`);

  const ids = [];
  let pages = 0;
  await attempt("the walk over every page", async () => {
    // Page by page (not the client's iterator), so that the bound on requests is exact.
    let offset = 0;
    while (pages < options.maxPages) {
      const page = await desk.groups.list({ limit: options.pageSize, offset });
      pages++;
      ids.push(...page.results.map((group) => group.id));
      if (page.next === null || page.results.length === 0) break;
      offset = nextOffset(page.next, offset + page.results.length);
    }
  });
  print(`  list, walk: ${ids.length} groups over ${pages} page(s) (at most ${options.maxPages})`);

  for (const id of ids.slice(0, options.groups)) await attempt(`view group ${id}`, () => desk.groups.get(id));
  print(`  view: ${Math.min(ids.length, options.groups)} group(s)`);

  if (options.write) await changeMembership(desk, options, print);
  return failures;
}

/** The offset a `next` link names (absolute or not), else `fallback`. */
function nextOffset(next, fallback) {
  const named = Number(new URL(next, "http://next.invalid").searchParams.get("offset"));
  return Number.isSafeInteger(named) && named > 0 ? named : fallback;
}

/** Adds the agent to the group and removes it again; refuses when it is already a member. */
async function changeMembership(desk, { group, agent }, print) {
  const before = await desk.groups.get(group);
  const members = (g) => g.members.map((m) => String(m.id)).sort();
  if (members(before).includes(String(agent))) {
    throw new CannotRun(`agent ${agent} is already a member of group ${group}: --write refuses to touch it`);
  }
  await desk.groups.addMember(group, agent);
  await desk.groups.removeMember(group, agent);
  const after = await desk.groups.get(group);
  const restored = members(after).join() === members(before).join();
  print(
    `  membership: added agent ${agent} to group ${group}, removed it; ${restored ? "restored" : "NOT restored"}`,
  );
  if (!restored)
    throw new CannotRun(`group ${group}'s members differ from the start: check it on the Dashboard`);
}

/** Prints each operation's violations (same place and rule counted once), returns their number. */
function report(answers, print) {
  let broken = 0;
  for (const operation of ["listGroups", "getGroup", "addGroupMember", "removeGroupMember"]) {
    const mine = answers.filter((a) => a.operation === operation);
    if (mine.length === 0) continue;
    const seen = new Map();
    for (const v of mine.flatMap((a) => a.violations)) {
      const key = `${v.where.replace(/\.\d+(?=\.|$)/g, "[]")} | ${v.rule} | ${v.message.replace(/\d+/g, "#")}`;
      const known = seen.get(key);
      if (known) known.times++;
      else seen.set(key, { ...v, where: v.where.replace(/\.\d+(?=\.|$)/g, "[]"), times: 1 });
    }
    const statuses = [...new Set(mine.map((a) => a.status))].join(", ");
    const mark = seen.size === 0 ? "✔" : "✖";
    print(`${mark} ${operation}: ${mine.length} answer(s) (status ${statuses}), ${seen.size} violation(s)`);
    for (const v of seen.values()) {
      const times = v.times > 1 ? ` (${v.times} times)` : "";
      print(`    ${v.where} [${v.type}] ${v.rule}: ${v.message}${times}`);
    }
    broken += mine.filter((a) => a.violations.length > 0).length;
  }
  return broken;
}

async function main() {
  const options = readOptions(process.argv.slice(2));
  if (options.help) {
    console.log(usage);
    return 0;
  }
  const print = (line) => console.log(masked(line, options.token));
  const spec = strictSpec();
  const proxy = await startDeskProxy({ upstream: options.upstream, spec: spec.path, cwd: packageDir }).catch(
    (error) => {
      spec.remove();
      throw error;
    },
  );
  try {
    const answers = [];
    const desk = createDeskClient({
      baseUrl: proxy.baseUrl,
      apiToken: options.token,
      fetch: recordingFetch(answers),
    });
    print(
      `Checking ${options.upstream} against the spec, through Prism (proxy)${options.write ? "" : ", read-only"}:`,
    );
    const failures = await drive(desk, options, print);
    print("");
    const broken = report(answers, print);
    for (const failure of failures) print(`! ${failure}`);
    print(
      `\nSummary: ${answers.length} answer(s) checked, ${broken} broke the spec` +
        (failures.length > 0 ? `, ${failures.length} call(s) failed.` : "."),
    );
    if (broken > 0) return 1;
    return failures.length > 0 ? 2 : 0;
  } finally {
    await proxy.stop();
    spec.remove();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  const message =
    error instanceof CannotRun || error.name === "PrismMissingError" ? error.message : error.stack;
  const token = process.env.SENDBIRD_DESK_API_TOKEN;
  console.error(`sendbird-desk-verify: ${token ? masked(message, token) : message}`);
  process.exitCode = 2;
}
