// Reads a curl command as the shell would split it, enough for the docs' samples:
// backslash-newline continuations, single- and double-quoted words, -X, -H, -d.

export interface CurlCommand {
  method: string;
  url: string;
  headers: string[];
  body?: string;
}

/** Splits a shell command line into words (quotes removed; `$VAR` left as written). */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  const pattern = /'([^']*)'|"((?:[^"\\]|\\.)*)"|((?:[^\s'"\\]|\\.)+)|(\s+)/g;
  let word: string | undefined;
  for (const [, single, double, bare, space] of command.replaceAll("\\\n", " ").matchAll(pattern)) {
    if (space !== undefined) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? "") + (single ?? double?.replace(/\\(.)/g, "$1") ?? bare!.replace(/\\(.)/g, "$1"));
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** Parses a single curl invocation; throws on an option the samples are not meant to use. */
export function parseCurl(command: string): CurlCommand {
  const [program, ...args] = shellWords(command.trim());
  if (program !== "curl") throw new Error(`not a curl command: ${program}`);
  const parsed: Partial<CurlCommand> & { headers: string[] } = { headers: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "-X" || arg === "--request") parsed.method = args[++i];
    else if (arg === "-H" || arg === "--header") parsed.headers.push(args[++i]!);
    else if (arg === "-d" || arg === "--data" || arg === "--data-raw") parsed.body = args[++i];
    else if (arg.startsWith("-")) throw new Error(`unexpected curl option ${arg}`);
    else if (parsed.url === undefined) parsed.url = arg;
    else throw new Error(`second URL ${arg}`);
  }
  if (!parsed.url) throw new Error("curl command without a URL");
  return {
    method: parsed.method ?? (parsed.body === undefined ? "GET" : "POST"),
    url: parsed.url,
    headers: parsed.headers,
    body: parsed.body,
  };
}
