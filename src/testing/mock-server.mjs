// The Desk mock's HTTP server: Prism's own request pipeline (routing, security and request
// validation, its mocker, response validation), behind a front that answers what Prism's HTTP
// layer gets wrong for this API (a body that is not JSON, an unknown `Prefer` value) in the
// spec's own Error shape, and, in stateful mode, a store of sessions that the four Group
// operations act on, with the /__mock/ routes to reset and read it.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { namingBrokenRules } from "./broken-rules.mjs";
import { createStateRoutes } from "./mock-routes.mjs";
import { checkSeed, storySeed } from "./mock-seed.mjs";
import { createMockStore } from "./mock-store.mjs";
import { parseLog } from "./prism-log.mjs";
import { loadPrism } from "./prism-server.mjs";
import { specSchemas } from "./spec-schemas.mjs";

export { MockSeedError, readSeedFile } from "./mock-seed.mjs";

/** The request header that names a session of the stateful mock. */
export const sessionHeader = "x-mock-session";

/** How long stop() lets requests in flight finish before it closes their connections. */
export const stopGraceMs = 1_000;

const bodyLimit = 10 * 1024 * 1024;
const headerLimit = 8 * 1024 - 100;
const json = { "Content-type": "application/json" };
const errorSeverity = 0;

/**
 * Starts the mock of `document` (a file) on host:port (0 = a free port) and resolves to
 * `{ url, port, reset(session?), close() }` once it listens. `mode` is "stateful" (the default:
 * the Group operations act on a state seeded from `seed`, or from the spec's story) or
 * "static" (every answer is the spec's example, as `prism mock` gives). `onLog` receives
 * Prism's log entries. A bad seed rejects with a MockSeedError naming entry, field and rule.
 */
export async function serveMock({
  document,
  from,
  host = "127.0.0.1",
  port = 0,
  mode = "stateful",
  seed,
  onLog = () => {},
}) {
  if (mode !== "stateful" && mode !== "static") {
    throw new TypeError(`mode must be "stateful" or "static", got ${JSON.stringify(mode)}`);
  }
  const prism = loadPrism(from);
  const logger = prism.createLogger("MOCK", { level: "info" }, { write: (line) => onLog(parseLog(line)) });
  const httpLogger = logger.child({ name: "HTTP SERVER" });
  const operations = await prism.getHttpOperationsFromSpec(document);
  const staticMocker = prism.mocker ? namingBrokenRules(prism.mocker) : undefined;
  let store;
  let mock = staticMocker;
  if (mode === "stateful") {
    if (!staticMocker) throw new Error('this version of Prism hides its mocker: use { mode: "static" }');
    const spec = prism.require("@stoplight/yaml").parse(readFileSync(document, "utf8"));
    const schemas = specSchemas(spec, prism.require);
    store = createMockStore(seed === undefined ? storySeed(spec) : checkSeed(seed, schemas));
    mock = statefulMocker(staticMocker, createStateRoutes(spec, schemas), store);
  }
  const config = {
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    upstreamProxy: undefined,
    mock: { dynamic: false },
    errors: true,
    isProxy: false,
  };
  const instance = prism.createInstance(config, { logger: httpLogger, ...(mock ? { mock } : {}) });
  let url;

  async function handle(req, res) {
    setCorsHeaders(req, res);
    if (req.method === "OPTIONS" && req.headers.origin && req.headers["access-control-request-method"]) {
      res.setHeader("Access-Control-Allow-Methods", req.headers["access-control-request-method"]);
      res.setHeader("Vary", "origin");
      return send(res, 204);
    }
    const { pathname, searchParams } = new URL(req.url ?? "/", "http://mock.invalid");
    const input = {
      method: (req.method ?? "GET").toLowerCase(),
      url: { path: pathname, query: queryOf(searchParams) },
      headers: req.headers,
      body: null,
    };
    const read = await readBody(req);
    httpLogger.info({ input }, "Request received");
    if (read.broken) return refuse(res, 400, read.broken);
    input.body = read.body;
    if (store && pathname.startsWith("/__mock/")) return control(req, res, pathname);
    const operation = operations.find((op) => op.method === input.method && matches(op.path, pathname));
    const preferences = req.headers.prefer
      ? readPrefer(req.headers.prefer, operation, "request.header.prefer")
      : readPrefer(preferInQuery(input.url.query), operation, "request.query");
    if (preferences.broken) return refuse(res, 400, preferences.broken);
    const requestConfig = {
      ...config,
      mock: { ...config.mock, ...preferences.values, origin: originOf(req, url) },
    };
    const outcome = await instance.request(input, operations, requestConfig)();
    if (outcome._tag === "Left") return problem(res, outcome.left, input);
    const { output, validations } = outcome.right;
    const violations = [
      ...validations.input.map(located("request")),
      ...validations.output.map(located("response")),
    ];
    if (violations.length > 0) res.setHeader("sl-violations", violationsHeader(violations));
    for (const v of violations) {
      const level = v.severity === "Error" ? "error" : v.severity === "Warning" ? "warn" : "info";
      httpLogger[level]({ name: "VALIDATOR" }, `Violation: ${v.location.join(".")} ${v.message}`);
    }
    if (validations.output.some((v) => v.severity === errorSeverity)) {
      const error = new Error("The mock's answer breaks the spec; sl-violations names the rules");
      const errors = violations.filter((v) => v.location[0] === "response" && v.severity === "Error");
      return problem(
        res,
        Object.assign(error, {
          status: 500,
          name: "https://stoplight.io/prism/errors#VIOLATIONS",
          additional: { validation: errors },
        }),
        input,
      );
    }
    send(res, output.statusCode, output.headers, output.body);
  }

  /** A 400 (or other status) in the spec's Error shape, logged like Prism's own violations. */
  function refuse(res, status, message) {
    httpLogger.info(`> Responding with "${status}"`);
    httpLogger.error({ name: "VALIDATOR" }, `Violation: ${message.replace(": ", " ")}`);
    send(res, status, json, { message, error: true });
  }

  function problem(res, error, input) {
    httpLogger.error({ input }, `Request terminated with error: ${error}`);
    const { headers, ...additional } = error.additional ?? {};
    const body = {
      type: error.name,
      title: error.message,
      status: error.status ?? 500,
      detail: error.detail ?? "",
      ...additional,
    };
    send(res, error.status ?? 500, { "Content-type": "application/problem+json", ...headers }, body);
  }

  /** POST /__mock/reset (204) and GET /__mock/state: outside the API, not in the spec. */
  function control(req, res, pathname) {
    const session = sessionOf(req.headers);
    const routes = {
      "/__mock/reset": ["POST", () => (store.reset(session), send(res, 204))],
      "/__mock/state": [
        "GET",
        () => send(res, 200, json, { session: session ?? null, ...store.session(session).snapshot() }),
      ],
    };
    const route = routes[pathname];
    if (!route)
      return refuse(res, 404, `${pathname}: no such mock route (there are /__mock/reset and /__mock/state)`);
    if (req.method !== route[0]) {
      res.setHeader("Allow", route[0]);
      return refuse(res, 405, `${req.method} ${pathname}: use ${route[0]}`);
    }
    route[1]();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      httpLogger.error(`Request terminated with error: ${error.stack ?? error}`);
      if (!res.headersSent)
        send(res, 500, json, { message: `The mock failed: ${error.message}`, error: true });
      else res.end();
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  url = `http://${shownHost}:${address.port}`;
  let closing;
  return {
    url,
    port: address.port,
    /** Restores the seed: of one session, or of every one (and the default) without a name. */
    reset: (session) => store?.reset(session),
    /** Stops listening; resolves once the port is closed (at most stopGraceMs later); idempotent. */
    close: () => (closing ??= closeWithin(server, stopGraceMs)),
  };
}

/**
 * Prism's mocker (already naming broken rules) with the state in front: a request that broke
 * the spec, or that asks for a `Prefer` code or example, is Prism's to answer, without touching
 * the state; every other request to a Group operation is answered from its session's state.
 */
function statefulMocker(staticMocker, routes, store) {
  return (options) => (logger) => {
    const { resource, input, config } = options;
    const broken = (input.validations ?? []).some((v) => v.severity === errorSeverity);
    if (broken || config.code !== undefined || config.exampleKey !== undefined || config.dynamic) {
      return staticMocker(options)(logger);
    }
    const { path, query } = input.data.url;
    const request = { path, query: query ?? {}, body: input.data.body, origin: config.origin };
    const answer = routes.answer(resource.iid, request, store.session(sessionOf(input.data.headers)));
    if (!answer) return staticMocker(options)(logger);
    logger.info(`> Responding with "${answer.statusCode}"`);
    return { _tag: "Right", right: answer };
  };
}

/** The session a request names (`X-Mock-Session`), undefined for the default one. */
function sessionOf(headers) {
  const name = [headers?.[sessionHeader]].flat()[0]?.trim();
  return name ? name : undefined;
}

/**
 * The mock settings ({ code, exampleKey, dynamic }) a `Prefer` header (or Prism's `__code`
 * query) asks for, or `broken`: a message naming, after `source`, a value the operation does
 * not document, with the values it does.
 */
function readPrefer(header, operation, source) {
  const values = {};
  if (!header) return { values };
  for (const part of String(header).split(/[,;]/)) {
    const [key, ...rest] = part.split("=");
    const name = key.trim().toLowerCase();
    const value = rest
      .join("=")
      .trim()
      .replace(/^"(.*)"$/, "$1");
    if (name === "code") values.code = value;
    else if (name === "example") values.exampleKey = value;
    else if (name === "dynamic") values.dynamic = value;
  }
  const where = operation ? `${operation.iid ?? `${operation.method.toUpperCase()} ${operation.path}`}` : "";
  if (values.dynamic !== undefined) {
    if (values.dynamic !== "true" && values.dynamic !== "false") {
      return { broken: `${source}: dynamic=${values.dynamic} is not true or false` };
    }
    values.dynamic = values.dynamic === "true";
  }
  if (!operation) return { values };
  const codes = operation.responses.map((response) => response.code);
  if (values.code !== undefined) {
    if (!codes.includes(values.code)) {
      return {
        broken: `${source}: code=${values.code} is not a status ${where} documents (use one of ${codes.join(", ")})`,
      };
    }
    values.code = Number(values.code);
  }
  if (values.exampleKey !== undefined) {
    const status =
      values.code === undefined ? codes.filter((c) => /^2/.test(c)).sort()[0] : String(values.code);
    const response = operation.responses.find((r) => r.code === status);
    const keys = (response?.contents ?? []).flatMap((content) => (content.examples ?? []).map((e) => e.key));
    if (!keys.includes(values.exampleKey)) {
      return {
        broken: `${source}: example=${values.exampleKey} is not an example of ${where}'s ${status} answer (use one of ${keys.join(", ") || "none"})`,
      };
    }
  }
  return { values };
}

/** Prism's other way to ask, without a `Prefer` header: `?__code=404&__example=Name`. */
function preferInQuery(query) {
  const parts = ["code", "example", "dynamic"]
    .filter((name) => typeof query[`__${name}`] === "string")
    .map((name) => `${name}=${query[`__${name}`]}`);
  return parts.length > 0 ? parts.join(", ") : undefined;
}

/** Whether a path matches an operation's path template (`/groups/{group_id}`). */
function matches(template, path) {
  const pattern = template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${pattern.join("[^/]+")}$`).test(path);
}

/** The request's body: null without one, parsed when it says it is JSON, else its text. */
function readBody(req) {
  if (
    req.headers["content-length"] === "0" ||
    (!req.headers["transfer-encoding"] && !req.headers["content-length"])
  ) {
    req.resume();
    return Promise.resolve({ body: null });
  }
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size <= bodyLimit) chunks.push(chunk);
    });
    req.on("error", reject);
    req.on("end", () => {
      if (size > bodyLimit)
        return resolve({ broken: `request.body: larger than the mock's ${bodyLimit} bytes` });
      const text = Buffer.concat(chunks).toString("utf8");
      const type = String(req.headers["content-type"] ?? "")
        .split(";")[0]
        .trim()
        .toLowerCase();
      if (!/^application\/(.+\+)?json$/.test(type)) return resolve({ body: text });
      try {
        resolve({ body: JSON.parse(text) });
      } catch (error) {
        resolve({
          broken: `request.body: Request body must be JSON (the content type says ${type}): ${error.message}`,
        });
      }
    });
  });
}

/** Prism's query shape: one string per name, an array when a name repeats. */
function queryOf(searchParams) {
  const query = {};
  for (const key of new Set(searchParams.keys())) {
    const values = searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0] : values;
  }
  return query;
}

/** The origin the client used (its Host header), so `next` links lead back to this mock. */
function originOf(req, url) {
  const host = req.headers.host;
  return host && /^[\w.-]+(:\d+)?$|^\[[\d:a-f.]+\](:\d+)?$/i.test(host) ? `http://${host}` : url;
}

function located(prefix) {
  return (detail) => ({
    location: [prefix, ...(detail.path ?? [])],
    severity: ["Error", "Warning", "Information", "Hint"][detail.severity] ?? detail.severity,
    code: detail.code,
    message: detail.message,
  });
}

/** Prism's sl-violations header: the violations as JSON, cut (and said to be) past 8 kB. */
function violationsHeader(violations) {
  const value = JSON.stringify(violations);
  return value.length > headerLimit ? `Too many violations! ${value.slice(0, headerLimit)}` : value;
}

function setCorsHeaders(req, res) {
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin || "*");
  res.setHeader("Access-Control-Allow-Headers", req.headers["access-control-request-headers"] || "*");
  res.setHeader("Access-Control-Allow-Credentials", "true");
  res.setHeader("Access-Control-Expose-Headers", req.headers["access-control-expose-headers"] || "*");
}

function send(res, status, headers = {}, body) {
  const payload =
    body === undefined || body === null ? "" : typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { ...headers, "Content-Length": Buffer.byteLength(payload) });
  res.end(payload);
}

/** Closes the server: idle connections at once, busy ones after `graceMs`. */
function closeWithin(server, graceMs) {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
