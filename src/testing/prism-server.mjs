// Prism, run in this process through its own libraries (the ones `prism mock` and `prism proxy`
// use), so a mock (mock-server.mjs) or a proxy (here) is one server that lives and dies with
// its caller. Prism is found in the project that runs it: it is an optional peer dependency
// of the package.
import { createRequire } from "node:module";
import { join } from "node:path";
import { namingBrokenRules } from "./broken-rules.mjs";
import { parseLog } from "./prism-log.mjs";

export { condenseLogEntry } from "./prism-log.mjs";

/** This package's name, by which a project that installed it finds its files. */
export const packageName = "sendbird-desk-platform";

/** Prism's CLI package, the optional peer dependency (its range is in package.json). */
export const prismPackage = "@stoplight/prism-cli";

/** Thrown when Prism is not installed: its message is the one line to run. */
export class PrismMissingError extends Error {
  name = "PrismMissingError";
  constructor() {
    super(
      `Prism is not installed: run \`npm install --save-dev ${prismPackage}@^5.14.2\`` +
        " (an optional peer dependency)",
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
    createInstance: fromServer("@stoplight/prism-http").createInstance,
    /** require() from Prism's HTTP package: its own dependencies (Ajv, its YAML parser). */
    require: createRequire(fromServer.resolve("@stoplight/prism-http")),
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
 * Starts Prism as `prism proxy` on host:port (0 = a free port) in front of `upstream`, and
 * resolves to { url, port, close } once it listens: requests go to the upstream, and every
 * answer comes back with Prism's `sl-violations` header when it breaks the spec. `onLog`
 * receives Prism's log entries ({ level, name, msg, input }). The mock is mock-server.mjs's.
 */
export async function serveProxy({
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
  const config = {
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    upstreamProxy: undefined,
    mock: { dynamic: false },
    errors: false,
    isProxy: true,
    upstream: new URL(upstream),
  };
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

function errorCode(message) {
  return /EADDRINUSE|EADDRNOTAVAIL|EACCES/.exec(message)?.[0];
}
