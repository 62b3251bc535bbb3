// The server's log: lines on stderr, never stdout, which is the protocol's channel on stdio.
// The levels and the logger's shape are the client's own (its `logLevel` and `logger` options).
import { LOG_LEVELS, type Logger, type LogLevel } from "sendbird-desk-platform";

export { LOG_LEVELS, type Logger, type LogLevel };

/** Where log lines go: a stream's `write`. */
export interface LineSink {
  write(text: string): unknown;
}

/** Creates a logger that writes `sendbird-desk-mcp <level>: <message>` lines at `level` and
 *  above to `sink`. */
export function createLogger(level: LogLevel, sink: LineSink): Logger {
  const rank = LOG_LEVELS.indexOf(level);
  const at =
    (lineLevel: Exclude<LogLevel, "off">) =>
    (message: string): void => {
      if (LOG_LEVELS.indexOf(lineLevel) <= rank) sink.write(`sendbird-desk-mcp ${lineLevel}: ${message}\n`);
    };
  return { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug") };
}
