// sendbird-desk-platform/testing: the package's Prism mock for a consumer's own test suite
// (Jest or Vitest global setup). Prism is an optional peer dependency, loaded only here: the
// main entry never loads it.
import type { Agent, GroupWithMembers } from "../types.js";
import { serveMock } from "./mock-server.mjs";
import { condenseLogEntry, locatePackage, type PrismLogEntry, serveProxy } from "./prism-server.mjs";
import { REFUSED_HEADER, startUpstreamGuard } from "./upstream-guard.mjs";

/** Options of startDeskMock; all are optional. */
export interface DeskMockOptions {
  /** Port to listen on; `0` (the default) picks a free one. */
  port?: number;
  /** Interface to bind; loopback (`127.0.0.1`) by default. */
  host?: string;
  /** The OpenAPI document to serve; by default the one this package ships. */
  spec?: string;
  /** Where to resolve this package and Prism from; the current directory by default. */
  cwd?: string;
  /** Receives Prism's log, condensed: each request, the status answered, every broken rule. */
  onLog?: (line: string) => void;
  /**
   * `"stateful"` (the default): the Group operations act on a state of groups, members and
   * agents, seeded from the spec's story or from `seed`. `"static"`: every answer is the
   * spec's example, whatever the IDs (what `prism mock` does).
   */
  mode?: "stateful" | "static";
  /**
   * The stateful mock's data instead of the spec's story: `groups` as the spec's
   * `GroupWithMembers`, `agents` the agents that may be added. Checked against the spec's
   * schemas first: a bad seed rejects with a `MockSeedError` naming entry, field and rule.
   */
  seed?: DeskMockSeed;
}

/** The data a stateful mock starts from (see `DeskMockOptions.seed`). */
export interface DeskMockSeed {
  /** The groups, each with its members (the spec's `GroupWithMembers`). */
  groups?: GroupWithMembers[];
  /** The agents that may be added to a group (the spec's `Agent`); members are known too. */
  agents?: Agent[];
}

/** A running mock: point the client at `baseUrl`; `stop()` closes it. */
export interface DeskMock {
  /** The mock's base URL, e.g. `http://127.0.0.1:43817` (no path: Prism serves `/groups` at its root). */
  baseUrl: string;
  /** The port it listens on. */
  port: number;
  /** Stops the mock; resolves once its port is closed. */
  stop(): Promise<void>;
}

/** The mock startDeskMock runs: a DeskMock whose state can be reset, and stopped more than once. */
export interface DeskMockServer extends DeskMock {
  /**
   * Restores the seed of one session (`X-Mock-Session: <name>`), or of every session and the
   * default state when no name is given. Does nothing in static mode.
   */
  reset(session?: string): void;
  /**
   * Stops the mock; resolves once its port is closed. Idle connections close at once, and
   * requests in flight get one second before theirs are closed. A second call resolves too.
   */
  stop(): Promise<void>;
}

/**
 * Starts the Prism mock of the Desk API's Group endpoints (the spec this package ships) in
 * this process, and resolves once it answers. Rejects in one line when Prism is missing.
 */
export async function startDeskMock(options: DeskMockOptions = {}): Promise<DeskMockServer> {
  const { spec, from } = documentAndPrism("startDeskMock", options);
  const { onLog } = options;
  const server = await serveMock({
    document: spec,
    from,
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    mode: options.mode ?? "stateful",
    seed: options.seed,
    onLog: (entry: PrismLogEntry) => {
      const line = onLog && condenseLogEntry(entry);
      if (line !== undefined) onLog?.(line);
    },
  });
  return {
    baseUrl: server.url,
    port: server.port,
    reset: (session) => server.reset(session),
    stop: () => server.close(),
  };
}

/** Options of startDeskProxy. */
export interface DeskProxyOptions {
  /** The API to check, e.g. `https://desk-api-{application_id}.sendbird.com/platform/v1`. */
  upstream: string;
  /** Port to listen on; `0` (the default) picks a free one. */
  port?: number;
  /** The OpenAPI document to check against; by default the one this package ships. */
  spec?: string;
  /** Where to resolve this package and Prism from; the current directory by default. */
  cwd?: string;
  /** Time allowed for each upstream answer, body included; then the caller gets a 504
   *  (default 30000, the client's own default). */
  timeoutMs?: number;
  /** The largest upstream body read; a larger one is cut off and the caller gets a 502
   *  (default 16 MiB, the client's own `maxResponseBytes` default). */
  maxResponseBytes?: number;
}

/** The header of an answer the proxy made itself instead of passing the upstream's on: a
 *  redirect (never followed: the caller gets its status), no answer in time (504), an answer
 *  over the size cap or no connection (502). Its value says which, with a redirect's host;
 *  the body says nothing the upstream sent. */
export const PROXY_REFUSED_HEADER = REFUSED_HEADER;

/** What `startDeskProxy` waits for by default. */
export const PROXY_DEFAULTS = Object.freeze({ timeoutMs: 30_000, maxResponseBytes: 16 * 1024 * 1024 });

/**
 * Starts Prism as a validating proxy (what `prism proxy` does) on loopback, in front of
 * `upstream`: each request is forwarded there, and each answer comes back unchanged, with
 * Prism's `sl-violations` header (JSON) when it breaks the spec. Requests go to the upstream's
 * origin only: a redirect is never followed, and an answer that is late or too large is cut
 * off (see `PROXY_REFUSED_HEADER`). `stop()` aborts what is in flight and resolves once both
 * ports are closed: at once, or within 5 s (Node's keep-alive timeout) when a caller's
 * connection was busy; calling it again resolves too.
 */
export async function startDeskProxy(options: DeskProxyOptions): Promise<DeskMock> {
  const { spec, from } = documentAndPrism("startDeskProxy", options);
  const { timeoutMs = PROXY_DEFAULTS.timeoutMs, maxResponseBytes = PROXY_DEFAULTS.maxResponseBytes } =
    options;
  const guard = await startUpstreamGuard({ upstream: options.upstream, timeoutMs, maxResponseBytes });
  const server = await serveProxy({
    document: spec,
    from,
    port: options.port ?? 0,
    upstream: guard.url,
  }).catch(async (error: unknown) => {
    await guard.close();
    throw error;
  });
  // The hop first: Prism's forwards in flight then fail at once, so its own close need not wait.
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= guard.close().then(() => server.close()));
  return { baseUrl: server.url, port: server.port, stop };
}

/** The spec to serve and the folder Prism resolves from (this package's, so Prism is its peer). */
function documentAndPrism(caller: string, options: { spec?: string; cwd?: string }) {
  const installed = locatePackage(options.cwd);
  const spec = options.spec ?? installed.spec;
  if (!spec) {
    throw new Error(
      `${caller}: sendbird-desk-platform is not resolvable from ${installed.from}: pass { spec } explicitly`,
    );
  }
  return { spec, from: installed.packageDir ?? installed.from };
}
