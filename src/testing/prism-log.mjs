// Prism's log: its JSON lines read as entries, and the few entries worth a line of their own.

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

/** One line of Prism's JSON log as an entry, colour codes removed. */
export function parseLog(line) {
  try {
    const entry = JSON.parse(line);
    return { ...entry, msg: String(entry.msg ?? "").replace(ansi, "") };
  } catch {
    return { level: 30, msg: String(line).trim() };
  }
}
