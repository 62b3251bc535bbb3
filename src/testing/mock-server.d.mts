// Types of mock-server.mjs (plain JavaScript, so the repository's scripts load it as is).
import type { PrismLogEntry } from "./prism-server.mjs";

/** The request header that names a session of the stateful mock. */
export declare const sessionHeader: string;

/** How long stop() lets requests in flight finish before it closes their connections. */
export declare const stopGraceMs: number;

/** A running mock server. */
export interface MockServer {
  url: string;
  port: number;
  /** Restores the seed: of one session, or of every one (and the default) without a name. */
  reset(session?: string): void;
  /** Stops listening; resolves once the port is closed; idempotent. */
  close(): Promise<void>;
}

/** Starts the Desk mock (stateful by default) of `document`. */
export declare function serveMock(options: {
  document: string;
  from: string;
  host?: string;
  port?: number;
  mode?: "stateful" | "static";
  seed?: unknown;
  onLog?: (entry: PrismLogEntry) => void;
}): Promise<MockServer>;

/** Thrown for a seed that breaks the spec: its message names the entry, the field and the rule. */
export declare class MockSeedError extends Error {}

/** Reads a seed file as JSON; a MockSeedError in one line when it cannot. */
export declare function readSeedFile(file: string): unknown;
