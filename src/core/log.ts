// Log levels and the logger the client writes to. Lines are built by the client from what
// it knows (method, URL, status, counts); anything a server sent is masked before it gets here.
import { DEFAULT_LOG_LEVEL } from "./defaults.js";

/** How much the client logs, from nothing to every attempt. */
export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

/** Where log lines go: `console` fits, and so does pino's or winston's logger. */
export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

/** The levels, quietest first. */
export const LOG_LEVELS: readonly LogLevel[] = ["off", "error", "warn", "info", "debug"];
/** What starts every line. */
const PREFIX = "[sendbird-desk]";

/** The client's log: one method per level, each a no-op below the chosen level. */
export interface Log extends Logger {
  /** True when `debug` lines are written (they cost a header dump to build). */
  readonly debugging: boolean;
}

export const isLogLevel = (value: unknown): value is LogLevel => LOG_LEVELS.includes(value as LogLevel);

/** A log at `level` writing to `logger`. */
export function createLog(level: LogLevel = DEFAULT_LOG_LEVEL, logger: Logger = console): Log {
  const rank = LOG_LEVELS.indexOf(level);
  const at = (name: Exclude<LogLevel, "off">) =>
    LOG_LEVELS.indexOf(name) <= rank ? (message: string) => logger[name](`${PREFIX} ${message}`) : () => {};
  return {
    error: at("error"),
    warn: at("warn"),
    info: at("info"),
    debug: at("debug"),
    debugging: rank >= LOG_LEVELS.indexOf("debug"),
  };
}
