#!/usr/bin/env node
// sendbird-desk-verify: is the spec still true of the real API? Prism runs as a validating
// proxy (`prism proxy`) between the client and the API; the client drives the read-only calls
// (and, only with --write, one add-and-remove), and every violation Prism reports on the real
// answers is printed per operation (where, which rule, the value's type only), then a summary.
// Exit 0: every answer matches the spec; 1: some answer breaks it; 2: the check could not run.
//
// What it prints lands in CI logs, so nothing the upstream sent is printed except status codes,
// the spec's own names and rules, JSON types, and property names that look like identifiers
// (IDENTIFIER below); an upstream that stops answering ends the check after one call.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createDeskClient, isDeskApiError, isDeskError, REDACTED } from "../dist/index.mjs";
import { PROXY_REFUSED_HEADER, startDeskProxy } from "../dist/testing.mjs";

const usage = `Usage: npx sendbird-desk-verify [--upstream URL] [--groups N] [--max-pages N] [--page-size N]
                            [--write --group G --agent A]

Checks the real API against the spec this package ships. Needs SENDBIRD_DESK_API_TOKEN, and
SENDBIRD_APP_ID unless --upstream is given. Read-only unless --write is given.

  --upstream URL   the API's base URL (default https://desk-api-{SENDBIRD_APP_ID}.sendbird.com/platform/v1)
  --groups N       view at most N groups, from the list (default 5)
  --max-pages N    walk at most N pages of the group list (default 10)
  --page-size N    groups per page, 1 to 500 (default 100)
  --timeout-ms N   time allowed for each answer (default 30000); an upstream that stops
                   answering ends the check within 3 x N ms plus 10 s, exit 2
  --write          also add agent A to group G and remove it again, restoring the starting
                   state; refused when A is already a member of G
  --group G, --agent A   the group and agent for --write
  --help           this text

Exit code 0 when every answer matches the spec, 1 when one breaks it, 2 when the check could
not run (bad flags, no token, the API unreachable, silent, redirecting or refusing the token).
It prints no value the API sent: statuses, the spec's names and rules, JSON types, and property
names only when they look like identifiers.`;

const defaults = { groups: 5, maxPages: 10, pageSize: 100, timeoutMs: 30_000 };
/** A property name printed as it is; any other is data as far as the check knows, and hidden. */
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/;
/** What stands for a hidden name or value. */
const HIDDEN = "<hidden>";
/** Time the client allows on top of the proxy's own deadline, so the proxy's 504 comes first. */
const CLIENT_MARGIN_MS = 2_000;
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
  const specStrings = stringsOf(openapi);
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
  const operations = operationsOf(openapi);
  return { path, specStrings, operations, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** The spec's operations, in its order: each one's id, method, and path as a pattern (a
 *  `{name}` stands for one path segment), so an answer is filed under the operation the spec
 *  says it answers, whatever operations the spec has. */
function operationsOf(openapi) {
  const segment = (part) =>
    /^\{[^{}]+\}$/.test(part) ? "[^/]+" : part.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&");
  return Object.entries(openapi.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, operation]) => typeof operation?.operationId === "string")
      .map(([method, operation]) => ({
        id: operation.operationId,
        method: method.toUpperCase(),
        pattern: new RegExp(`${path.split("/").map(segment).join("/")}$`),
      })),
  );
}

/** Every string and key of the spec: its own words, which the output may quote. */
function stringsOf(document) {
  const found = new Set();
  const stack = [document];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === "string") found.add(value);
    else if (value && typeof value === "object")
      for (const [key, inner] of Object.entries(value)) {
        found.add(key);
        stack.push(inner);
      }
  }
  return found;
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
        "timeout-ms": { type: "string" },
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
    timeoutMs: count(values["timeout-ms"], "--timeout-ms", defaults.timeoutMs, 1, 600_000),
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
 * Prism's violations, each with the type of the value it names (never the value itself). An
 * answer the proxy made itself (a redirect not followed, no answer, too large) is recorded as
 * refused, with the proxy's reason, and not checked against the spec.
 */
function recordingFetch(answers, { specStrings, operations }) {
  const operationOf = (request) => {
    const path = new URL(request.url).pathname;
    const found = operations.find((o) => o.method === request.method && o.pattern.test(path));
    return found?.id ?? "(not in the spec)";
  };
  return async (request) => {
    const response = await fetch(request);
    const refused = response.headers.get(PROXY_REFUSED_HEADER);
    if (refused !== null) {
      answers.push({ operation: operationOf(request), status: response.status, refused, violations: [] });
      return response;
    }
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
      violations: violations.map((v) => {
        const location = Array.isArray(v.location) ? v.location.map(String) : [];
        const code = String(v.code ?? "");
        return {
          where: shownPath(location),
          rule: IDENTIFIER.test(code) ? code : HIDDEN,
          message: shownMessage({ ...v, location, code }, specStrings),
          type: typeAt(location, body),
        };
      }),
    });
    return response;
  };
}

/** A violation's location as printed: array indexes as `[]`, names only when identifiers. */
function shownPath(location) {
  return location
    .map((key) => (/^\d+$/.test(key) ? "[]" : IDENTIFIER.test(key) ? key : HIDDEN))
    .join(".")
    .replace(/\.\[\]/g, "[]");
}

/**
 * What a violation says, without what the upstream sent. Prism's message is "Response body
 * property <path> <rule>[; found '<name>']": the path is dropped (it is printed, checked, as
 * `where`), and every quoted word is kept only when it is an identifier or the spec's own text.
 */
function shownMessage(violation, specStrings) {
  const code = IDENTIFIER.test(violation.code) ? violation.code : HIDDEN;
  if (typeof violation.message !== "string") return code;
  const [, place, ...path] = violation.location;
  const prefix = new RegExp(`^Response ${place} (property |parameter )?`);
  let rest = violation.message.replace(prefix, "");
  const joined = path.join(".");
  if (joined && rest.startsWith(`${joined} `)) rest = rest.slice(joined.length + 1);
  else if (path.length > 0 || !prefix.test(violation.message)) return code;
  return rest.replace(/'([^']*)'|"([^"]*)"/g, (quoted, single, double) => {
    const word = single ?? double;
    return IDENTIFIER.test(word) || specStrings.has(word) ? quoted : `'${HIDDEN}'`;
  });
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

/**
 * A failed call in words of the check's own: the error's class and status, or the proxy's
 * reason for refusing the answer. Never the error's message, which quotes the body.
 */
function describeFailure(error, refused) {
  if (refused) return `the proxy refused the answer (status ${refused.status}): ${refused.refused}`;
  if (isDeskApiError(error)) return `${error.name} (status ${error.status})`;
  if (isDeskError(error)) return error.name;
  return "an unexpected error";
}

/** True when the failure ends the check: the upstream gave no answer, or one the proxy refused
 *  (a redirect, too late, too large), which every later call would meet again. */
function endsTheCheck(error, refused) {
  return Boolean(refused) || error?.name === "DeskTimeoutError" || error?.name === "DeskConnectionError";
}

/**
 * Runs the calls; a call that fails is recorded and the others still run, unless the token is
 * refused, the upstream gives no answer or the proxy refuses its answer: then the check stops
 * (exit 2), so a silent or redirecting upstream costs one call's attempts, not every call's.
 */
async function drive(desk, options, answers, failures, print) {
  const attempt = async (what, call) => {
    const from = answers.length;
    try {
      return await call();
    } catch (error) {
      const refused = answers.slice(from).findLast((answer) => answer.refused);
      const why = describeFailure(error, refused);
      failures.push(`${what}: ${why}`);
      if (isDeskApiError(error) && [401, 403].includes(error.status))
        throw new CannotRun(`the API refused the token: ${why}`);
      if (endsTheCheck(error, refused)) throw new CannotRun(`${what}: ${why}; the check stops here`);
      return undefined;
    }
  };

  const first = await attempt("the first page", () => desk.groups.list({ limit: options.pageSize }));
  print(`  list, first page: ${first ? `${first.results.length} of ${first.count} groups` : "failed"}`);

  const ids = [];
  let pages = 0;
  await attempt("the walk over every page", async () => {
    // The client's own walk, stopped after --max-pages pages: it asks for a page only when the
    // loop does, so the bound on requests is exact.
    for await (const page of desk.groups.list({ limit: options.pageSize }).pages()) {
      pages++;
      ids.push(...page.results.map((group) => group.id).filter(Number.isSafeInteger));
      if (pages >= options.maxPages) break;
    }
  });
  print(`  list, walk: ${ids.length} groups over ${pages} page(s) (at most ${options.maxPages})`);

  const viewed = ids.slice(0, options.groups);
  for (const [index, id] of viewed.entries())
    await attempt(`view of listed group ${index + 1}`, () => desk.groups.get(id));
  print(`  view: ${viewed.length} group(s)`);

  if (options.write) await changeMembership(desk, options, print);
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
  // In the order the answers came: the operations the check called, each once.
  for (const operation of new Set(answers.map((a) => a.operation))) {
    const mine = answers.filter((a) => a.operation === operation);
    if (mine.length === 0) continue;
    const seen = new Map();
    for (const v of mine.flatMap((a) => a.violations)) {
      const key = `${v.where.replace(/\.\d+(?=\.|$)/g, "[]")} | ${v.rule} | ${v.message.replace(/\d+/g, "#")}`;
      const known = seen.get(key);
      if (known) known.times++;
      else seen.set(key, { ...v, where: v.where.replace(/\.\d+(?=\.|$)/g, "[]"), times: 1 });
    }
    const checked = mine.filter((a) => !a.refused);
    const refused = mine.filter((a) => a.refused);
    const statuses = (answers) => [...new Set(answers.map((a) => a.status))].join(", ");
    const mark = seen.size === 0 && refused.length === 0 ? "✔" : "✖";
    print(
      `${mark} ${operation}: ${checked.length} answer(s)` +
        (checked.length > 0 ? ` (status ${statuses(checked)})` : "") +
        `, ${seen.size} violation(s)` +
        (refused.length > 0 ? `, ${refused.length} refused by the proxy (status ${statuses(refused)})` : ""),
    );
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
  const proxy = await startDeskProxy({
    upstream: options.upstream,
    spec: spec.path,
    cwd: packageDir,
    timeoutMs: options.timeoutMs,
  }).catch((error) => {
    spec.remove();
    throw error;
  });
  try {
    const answers = [];
    const failures = [];
    const desk = createDeskClient({
      baseUrl: proxy.baseUrl,
      apiToken: options.token,
      fetch: recordingFetch(answers, spec),
      timeoutMs: options.timeoutMs + CLIENT_MARGIN_MS,
      // The client's warnings quote the answer's body: the check says what it found itself.
      logLevel: "off",
    });
    print(
      `Checking ${options.upstream} against the spec, through Prism (proxy)${options.write ? "" : ", read-only"}:`,
    );
    let stopped;
    try {
      await drive(desk, options, answers, failures, print);
    } catch (error) {
      if (!(error instanceof CannotRun)) throw error;
      stopped = error;
    }
    print("");
    const broken = report(answers, print);
    for (const failure of failures) print(`! ${failure}`);
    const checked = answers.filter((answer) => !answer.refused).length;
    print(
      `\nSummary: ${checked} answer(s) checked, ${broken} broke the spec` +
        (failures.length > 0 ? `, ${failures.length} call(s) failed.` : "."),
    );
    if (stopped) throw stopped;
    if (broken > 0) return 1;
    return failures.length > 0 ? 2 : 0;
  } finally {
    await proxy.stop();
    spec.remove();
  }
}

/** The one line for an error that ended the check: never a message that may quote the API. */
function describeEnd(error) {
  if (error instanceof CannotRun || error?.name === "PrismMissingError") return error.message;
  if (isDeskError(error)) return `a call failed: ${describeFailure(error)}`;
  const frames = String(error?.stack ?? "")
    .split("\n")
    .slice(1)
    .join("\n");
  return `unexpected ${error?.name ?? "error"} (its message is not shown: it may quote the API)\n${frames}`;
}

try {
  process.exitCode = await main();
} catch (error) {
  const token = process.env.SENDBIRD_DESK_API_TOKEN;
  const message = describeEnd(error);
  console.error(`sendbird-desk-verify: ${token ? masked(message, token) : message}`);
  process.exitCode = 2;
}
// Everything is closed by now; should anything still hold the event loop, leave anyway.
setTimeout(() => process.exit(), 1_000).unref();
