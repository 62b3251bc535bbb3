// sendbird-desk-platform/testing: the package's Prism mock for a consumer's own test suite
// (Jest or Vitest global setup). Prism is an optional peer dependency, loaded only here: the
// main entry never loads it.
import { locatePackage, type PrismLogEntry, servePrism } from "./prism-server.mjs";

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
  /** Receives each line of Prism's log (one per request, answer and broken rule). */
  onLog?: (line: string) => void;
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

/**
 * Starts the Prism mock of the Desk API's Group endpoints (the spec this package ships) in
 * this process, and resolves once it answers. Rejects in one line when Prism is missing.
 */
export async function startDeskMock(options: DeskMockOptions = {}): Promise<DeskMock> {
  const installed = locatePackage(options.cwd);
  const spec = options.spec ?? installed.spec;
  if (!spec) {
    throw new Error(
      `startDeskMock: sendbird-desk-platform is not resolvable from ${installed.from}: pass { spec } explicitly`,
    );
  }
  const onLog = options.onLog;
  const server = await servePrism({
    document: spec,
    from: installed.packageDir ?? installed.from,
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    onLog: onLog ? (entry: PrismLogEntry) => onLog(entry.msg) : undefined,
  });
  return { baseUrl: server.url, port: server.port, stop: () => server.close() };
}
