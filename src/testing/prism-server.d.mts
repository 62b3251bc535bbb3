// Types of prism-server.mjs (plain JavaScript, so the repository's scripts load it as is).

/** One entry of Prism's log. */
export interface PrismLogEntry {
  level: number;
  name?: string;
  msg: string;
  input?: { method: string; url: { path: string; query?: Record<string, string | string[]> } };
}

/** A running Prism server. */
export interface PrismServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** This package's npm name. */
export declare const packageName: string;

/** The npm name of Prism's CLI package, the optional peer dependency. */
export declare const prismPackage: string;

/** Thrown when Prism is not installed: its message is the one line to run. */
export declare class PrismMissingError extends Error {}

/** Finds the installed package (its bundled spec and folder) from a directory (default: the current one). */
export declare function locatePackage(from?: string): {
  from: string;
  spec: string | undefined;
  packageDir: string | undefined;
};

/** Starts Prism as a validating proxy of `document` in front of `upstream`. */
export declare function serveProxy(options: {
  document: string;
  from: string;
  host?: string;
  port?: number;
  upstream: string;
  onLog?: (entry: PrismLogEntry) => void;
}): Promise<PrismServer>;

/** One of Prism's log entries as the line worth showing (request, status, broken rule), or undefined. */
export declare function condenseLogEntry(
  entry: PrismLogEntry,
  options?: { verbose?: boolean },
): string | undefined;
