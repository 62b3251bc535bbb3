// Masks the API token in what a server sent back: bodies, header values and names, status
// texts. One pattern per token matches every form a caller could decode back to the token:
// each of its characters as sent (in either case), as a JSON `\uXXXX` escape (either hex
// case), as a JSON short escape (`\"`, `\\`, `\/`), or percent-encoded (`%XX`, either case).
// It is applied to the raw text, before anything parses it, so every view derived from the
// masked text (the parsed body, a message, a middleware's clone) is clean, and a body is
// parsed once. A JSON body goes through `body`, which masks only inside its strings and keys
// (escapes kept whole), so it stays valid JSON whatever the token: masked as plain text, a
// short token such as `}`, `:`, `7` or `null` would break the structure around it.
//
// Whose text is masked, and where:
// - What the server sent (`body`, `text`, `deep`, `headers`: bodies, 2xx ones included,
//   header names and values, status texts), and a failure's cause (an error thrown by fetch, an abort
//   reason: not server text, but it may quote the request, which holds the token).
// - There, a token of `UNMISTAKABLE_CHARS` or more (a real Desk token has 40) is masked
//   wherever it appears. A shorter one is masked only where it cannot be a coincidence: where
//   it stands alone, no letter or digit joined to it on either side. Masked anywhere, a
//   one-character token `t` would turn `"count"` into `"coun[redacted]"` in every answer and
//   `fetch failed` into `fe[redacted]ch failed`.
// - Text the client built itself (method, URL, counts, its own messages) is never masked:
//   with a short token, masking it there would mangle the URL and give the token away by its
//   pattern.
import { REDACTED } from "./defaults.js";

/** A token this long is masked wherever it appears: it cannot be a piece of other words by
 *  chance. A shorter one is masked only where it stands alone. */
export const UNMISTAKABLE_CHARS = 8;

/** JSON's two-character escapes of the printable ASCII characters that have one. */
const SHORT_ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', "\\": "\\\\", "/": "\\/" };

/** `text` with every character that means something in a RegExp escaped. */
const literal = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");

/** Characters whose forms can overlap: `%` is also the start of `%25`, and a backslash of
 *  `\\` or `\u005c`. Their choice is kept once made (see characterPattern). */
const AMBIGUOUS = new Set(["%", "\\"]);

/** The pattern of one character of the token in every form a caller could decode to it.
 *  Letters match in either case (the whole pattern is case-insensitive), and their escapes
 *  are given for both code points. For most characters the forms start differently, so at
 *  most one can match; for `%` and a backslash the forms are tried longest first and the
 *  choice is kept (a lookahead and a back-reference emulate an atomic group), so a run of
 *  them in a token cannot make the pattern backtrack exponentially. */
function characterPattern(char: string, group: () => number, inJsonString = false): string {
  const codes = new Set([char.toLowerCase(), char.toUpperCase()].map((c) => c.charCodeAt(0)));
  const hex = [...codes].map((code) => code.toString(16).padStart(2, "0"));
  const forms = [`\\\\u00(?:${hex.join("|")})`, `%(?:${hex.join("|")})`];
  const short = SHORT_ESCAPES[char];
  if (short) forms.push(literal(short));
  // Inside a JSON string a backslash always starts an escape: it cannot stand for itself.
  const escapedOnly = inJsonString && char === "\\";
  if (!escapedOnly) forms.push(literal(char));
  if (escapedOnly || !AMBIGUOUS.has(char)) return `(?:${forms.join("|")})`;
  const number = group();
  return `(?=(${forms.join("|")}))\\${number}`;
}

/** A JSON string literal, quotes included (the loop unrolled: no backtracking per character). */
const STRING_LITERAL = /"[^"\\]*(?:\\[^][^"\\]*)*"/g;
/** The words JSON holds outside its strings. */
const JSON_WORDS = /true|false|null/g;
/** A character JSON never holds outside its strings (once its words are taken out). */
const NOT_JSON_OUTSIDE_STRINGS = /[^\s{}[\],:0-9eE.+-]/;

/** True when `text` holds, at `at`, two hex digits naming a code from 0x20 to 0x7f. */
function isPrintableHex(text: string, at: number): boolean {
  const high = text.charCodeAt(at);
  const low = text.charCodeAt(at + 1) | 0x20; // a letter in lower case
  return high >= 0x32 && high <= 0x37 && ((low >= 0x30 && low <= 0x39) || (low >= 0x61 && low <= 0x66));
}

/** `pattern` where it stands alone: no letter or digit joined to it on either side. */
const standingAlone = (pattern: string) => `(?<![a-z0-9])(?:${pattern})(?![a-z0-9])`;

/** A masker for one token: it knows every form a server may echo it in. */
export class Redactor {
  /** Every form of the token: anywhere for an unmistakable token, else standing alone. */
  readonly #pattern: RegExp;
  /** The characters the shortest form has: shorter text cannot hold one. */
  readonly #shortest: number;
  /** The token as sent, in any letter case: one search, about as fast as `includes`. */
  readonly #asSent: RegExp;
  /** The characters after a backslash that make a short escape of one of the token's
   *  characters (`"`, `\\`, `/`). */
  readonly #shortEscapes: Set<string>;
  /** Inside a JSON string's text: a form of the token (group 1), or one escape, taken whole
   *  so that a form is only ever looked for where a character starts. */
  readonly #inString: RegExp;

  constructor(secret: string) {
    const chars = [...secret];
    let groups = 0;
    const group = () => ++groups;
    // Every character in any of its forms; then the token as sent, whole, which a token
    // with backslashes needs (the per-character forms read a pair of them as one escape).
    const pattern = `${chars.map((char) => characterPattern(char, group)).join("")}|${literal(secret)}`;
    const unmistakable = chars.length >= UNMISTAKABLE_CHARS;
    this.#pattern = new RegExp(unmistakable ? pattern : standingAlone(pattern), "gi");
    let inStringGroups = 1; // group 1 is the whole form
    const inString = chars.map((char) => characterPattern(char, () => ++inStringGroups, true)).join("");
    const form = unmistakable ? inString : standingAlone(inString);
    this.#inString = new RegExp(`(${form})|\\\\(?:u[0-9a-f]{4}|[^])`, "gi");
    this.#shortest = chars.length;
    this.#asSent = new RegExp(literal(secret), "i");
    this.#shortEscapes = new Set(chars.filter((char) => SHORT_ESCAPES[char]));
  }

  /** Server `text` (or a failure's cause) with every form of the token masked. The whole pattern scans a few
   *  times slower than a plain search, so it runs only on text that may hold a form: the
   *  token as sent (in any case), or an escape that could stand for one of its characters. */
  text(text: string): string {
    if (text.length < this.#shortest || !this.#mayHold(text)) return text;
    return text.replace(this.#pattern, REDACTED);
  }

  /** An answer's body with every form of the token masked. A JSON body is masked inside its
   *  strings (keys included) only, escapes kept whole, so it stays valid JSON that parses to
   *  the same structure, every string of it masked, however short the token (`text` would
   *  break `{"a": 1}` for a token `:` or `1`, and `[]}` for `}`). Any other body is masked
   *  as `text`. */
  body(text: string): string {
    if (text.length < this.#shortest || !this.#mayHold(text)) return text;
    const outside = text.replace(STRING_LITERAL, "").replace(JSON_WORDS, "");
    if (NOT_JSON_OUTSIDE_STRINGS.test(outside)) return this.text(text);
    return text.replace(STRING_LITERAL, (quoted) => {
      const inside = quoted.slice(1, -1);
      if (inside.length < this.#shortest || !this.#mayHold(inside)) return quoted;
      return `"${inside.replace(this.#inString, (all, form?: string) => (form === undefined ? all : REDACTED))}"`;
    });
  }

  /** False when `text` cannot hold any form of the token (see the fields above). */
  #mayHold(text: string): boolean {
    return this.#asSent.test(text) || this.#hasEscape(text);
  }

  /** True when `text` holds an escape that could stand for a character of the token (which
   *  is printable ASCII, 0x21-0x7e): `\u0021` to `\u007e`, `%21` to `%7e`, or a short escape
   *  of one of its characters. Text without one can hold the token only as sent, in some
   *  letter case. Plain searches from one backslash or percent sign to the next: most text
   *  has none, and a JSON body with escapes has few. */
  #hasEscape(text: string): boolean {
    for (let at = text.indexOf("\\"); at !== -1; at = text.indexOf("\\", at + 2)) {
      const next = text[at + 1];
      if (next === "u" || next === "U") {
        if (text.startsWith("00", at + 2) && isPrintableHex(text, at + 4)) return true;
      } else if (next !== undefined && this.#shortEscapes.has(next)) return true;
    }
    for (let at = text.indexOf("%"); at !== -1; at = text.indexOf("%", at + 1)) {
      if (isPrintableHex(text, at + 1)) return true;
    }
    return false;
  }

  /** A copy of JSON-like `value` with the token masked in every string and key, in every
   *  form and case. Iterative, so any depth is safe, and keys are defined as own properties,
   *  so a `__proto__` key stays data instead of replacing the copy's prototype. */
  deep(value: unknown): unknown {
    const root = { value: undefined as unknown };
    const stack: [unknown, object, string][] = [[value, root, "value"]];
    for (let item = stack.pop(); item; item = stack.pop()) {
      const [from, into, key] = item;
      let copy: unknown = from;
      if (typeof from === "string") copy = this.text(from);
      else if (Array.isArray(from)) {
        copy = new Array(from.length);
        for (let index = from.length - 1; index >= 0; index--)
          stack.push([from[index], copy as object, `${index}`]);
      } else if (from !== null && typeof from === "object") {
        copy = {};
        // Pushed last to first, so the copy's keys come out in the original order.
        const entries = Object.entries(from);
        for (let at = entries.length - 1; at >= 0; at--) {
          const [k, v] = entries[at]!;
          stack.push([v, copy as object, this.text(k)]);
        }
      }
      Object.defineProperty(into, key, { value: copy, enumerable: true, writable: true, configurable: true });
    }
    return root.value;
  }

  /** `headers` with the token masked in every value; a header whose name holds the token is
   *  left out (a header name cannot carry the mask's brackets). A copy only when something
   *  needs masking. */
  headers(headers: Headers): Headers {
    let clean = true;
    headers.forEach((value, name) => {
      clean &&= this.text(value) === value && this.text(name) === name;
    });
    if (clean) return headers;
    const out = new Headers();
    headers.forEach((value, name) => {
      if (this.text(name) === name) out.append(name, this.text(value));
    });
    return out;
  }
}
