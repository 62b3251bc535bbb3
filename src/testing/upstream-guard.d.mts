// Types of upstream-guard.mjs (plain JavaScript, like prism-server.mjs).

/** The header a refused answer carries: why the hop refused it. */
export declare const REFUSED_HEADER: string;

/** Starts the loopback hop Prism forwards to, in front of `upstream`. */
export declare function startUpstreamGuard(options: {
  upstream: string;
  timeoutMs: number;
  maxResponseBytes: number;
}): Promise<{ url: string; close(): Promise<void> }>;
