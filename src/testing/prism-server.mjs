// Prism, run in this process through its own libraries (the ones `prism mock` and `prism proxy`
// use), so a mock or a proxy is one server that lives and dies with its caller. Prism is found
// in the project that runs it: it is an optional peer dependency of the package.
import { createRequire } from "node:module";
import { join } from "node:path";

/** This package's name, by which a project that installed it finds its files. */
export const packageName = "sendbird-desk-platform";

/** Prism's CLI package, the optional peer dependency (its range is in package.json). */
export const prismPackage = "@stoplight/prism-cli";

/** Thrown when Prism is not installed: its message is the one line to run. */
export class PrismMissingError extends Error {
  name = "PrismMissingError";
  constructor() {
    super(
      `Prism is not installed: run \`npm install --save-dev ${prismPackage}@^5.14.2\` (an optional peer dependency)`,
    );
  }
}

/**
 * Loads Prism's server, spec loader, logger and mocker from the `@stoplight/prism-cli` that
 * resolves from `from` (a directory), the way the CLI itself loads them.
 */
export function loadPrism(from) {
  let cli;
  try {
    cli = createRequire(join(from, "noop.js")).resolve(`${prismPackage}/package.json`);
  } catch {
    throw new PrismMissingError();
  }
  const fromCli = createRequire(cli);
  const server = fromCli.resolve("@stoplight/prism-http-server");
  const fromServer = createRequire(server);
  return {
    createServer: fromServer("@stoplight/prism-http-server").createServer,
    getHttpOperationsFromSpec: fromServer("@stoplight/prism-http").getHttpOperationsFromSpec,
    createLogger: fromServer("@stoplight/prism-core").createLogger,
    mocker: internalMocker(fromServer),
  };
}

/** Prism's mocker, which it does not export (5.x keeps it in dist/mocker); undefined if moved. */
function internalMocker(load) {
  try {
    return load("@stoplight/prism-http/dist/mocker").default;
  } catch {
    return undefined; // Prism then uses its own: the 400's message stays the example's text
  }
}

/**
 * Finds this package as installed where `from` (default: the current directory) resolves it by
 * name, as its users import it: { from, spec, packageDir }, spec and packageDir undefined when
 * it is not there. Prism is then resolved from packageDir, as a peer of the package.
 */
export function locatePackage(from = process.cwd()) {
  try {
    const spec = createRequire(join(from, "noop.js")).resolve(`${packageName}/generated/openapi.json`);
    return { from, spec, packageDir: join(spec, "..", "..") };
  } catch {
    return { from, spec: undefined, packageDir: undefined };
  }
}

/**
 * Starts Prism on host:port (0 = a free port) and resolves to { url, port, close } once it
 * listens. Without `upstream` it mocks `document` (request validation on, and an answer that
 * breaks the spec becomes Prism's error, like `prism mock --errors`); with `upstream` it is
 * `prism proxy`: requests go to the upstream, and every answer comes back with Prism's
 * `sl-violations` header when it breaks the spec. `onLog` receives Prism's log entries
 * ({ level, name, msg, input }).
 */
export async function servePrism({
  document,
  from,
  host = "127.0.0.1",
  port = 0,
  upstream,
  onLog = () => {},
}) {
  const prism = loadPrism(from);
  const logger = prism.createLogger("MOCK", { level: "info" }, { write: (line) => onLog(parseLog(line)) });
  const operations = await prism.getHttpOperationsFromSpec(document);
  const shared = {
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    upstreamProxy: undefined,
    mock: { dynamic: false },
  };
  const config = upstream
    ? { ...shared, errors: false, isProxy: true, upstream: new URL(upstream) }
    : { ...shared, errors: true, isProxy: false };
  const server = prism.createServer(operations, {
    cors: true,
    config,
    components: {
      logger: logger.child({ name: "HTTP SERVER" }),
      ...(prism.mocker ? { mock: namingBrokenRules(prism.mocker) } : {}),
    },
  });
  const address = await server.listen(port, host).catch((reason) => {
    throw typeof reason === "string" ? Object.assign(new Error(reason), { code: errorCode(reason) }) : reason;
  });
  const url = address.replace(/\/$/, "");
  return { url, port: Number(new URL(url).port), close: () => server.close() };
}

/**
 * Prism's mocker, with one change: when a request breaks the spec and Prism answers the spec's
 * 400, the body's `message` names each broken rule, as Prism's validator reported it
 * (`request.query.limit: Request query parameter limit must be >= 1`), instead of the example's text.
 */
function namingBrokenRules(mocker) {
  return (options) => (logger) => {
    const result = mocker(options)(logger);
    const broken = (options.input.validations ?? []).filter((v) => v.severity === errorSeverity);
    const response = result.right;
    if (
      result._tag === "Right" &&
      response.statusCode === 400 &&
      broken.length > 0 &&
      isObject(response.body)
    ) {
      response.body = { ...response.body, message: broken.map(describeViolation).join("; ") };
    }
    return result;
  };
}

/** Prism's (and @stoplight/types') DiagnosticSeverity.Error. */
const errorSeverity = 0;

/** One violation as `where: rule`, e.g. `request.body: Request body must have required property 'agentId'`. */
function describeViolation(violation) {
  return `${["request", ...(violation.path ?? [])].join(".")}: ${violation.message}`;
}

function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function errorCode(message) {
  return /EADDRINUSE|EADDRNOTAVAIL|EACCES/.exec(message)?.[0];
}

const responding = /^> Responding with "(\d+)"/;
const violation = /^Violation: (\S+) (.*)$/;
const terminated = /^Request terminated with error: (.*)$/;
const errorLevel = 50;

/**
 * One of Prism's log entries as the line worth showing, or undefined: the request
 * (`GET /groups?limit=0`), the status answered (`  -> 400`) and each broken rule
 * (`  ✖ request.query.limit: ...`). `verbose` shows every entry as `[component] message`.
 * Request headers, which carry the token, are never shown.
 */
export function condenseLogEntry(entry, { verbose = false } = {}) {
  if (entry.input && entry.msg === "Request received") return describeRequest(entry.input);
  if (verbose) return `    [${entry.name ?? "PRISM"}] ${entry.msg}`;
  const status = responding.exec(entry.msg);
  if (status) return `  -> ${status[1]}`;
  const broken = violation.exec(entry.msg);
  if (broken) return `  ✖ ${broken[1]}: ${broken[2]}`;
  const failure = terminated.exec(entry.msg);
  if (failure && entry.level >= errorLevel) return `  ✖ ${failure[1]}`;
  return undefined;
}

function describeRequest(input) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(input.url.query ?? {})) {
    for (const one of [value].flat()) query.append(name, one);
  }
  const search = String(query);
  return `${input.method.toUpperCase()} ${input.url.path}${search ? `?${search}` : ""}`;
}

const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

function parseLog(line) {
  try {
    const entry = JSON.parse(line);
    return { ...entry, msg: String(entry.msg ?? "").replace(ansi, "") };
  } catch {
    return { level: 30, msg: String(line).trim() };
  }
}
