// Server text as a message or a log line may show it. A status text, an error body's
// `message` or a header value is the server's to choose: shown as is, a carriage return or a
// line feed would start a forged log line, an escape sequence would rewrite the terminal, and
// a 60,000-character message would flood the log. So every control character is shown as its
// JSON-style escape, and the text is cut to a stated bound with a marker saying so.

/** The most characters of server text one message or log line shows, escapes included. */
export const MAX_SERVER_TEXT_CHARS = 1000;

/** What ends server text that was cut; the count says how many of its characters were left out. */
const cutMarker = (left: number) => `...[cut: ${left} more characters]`;

/** Control characters: C0, DEL, C1, and the Unicode line and paragraph separators (which
 *  JavaScript and some log viewers read as line breaks). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** Runs of plain characters, and control characters one by one. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const PIECES = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[^\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** `\u001b` for ESC: the character's code, so a reader sees what was sent. */
const escapeControl = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** `text` from a server, safe to put in a message or a log line: control characters shown
 *  escaped (`\u001b`, `\u000a`), and cut to `max` characters (never more than
 *  `MAX_SERVER_TEXT_CHARS`, escapes included) with a marker saying how many characters of the
 *  server's were left out. Neither an escape nor a surrogate pair is cut in half. */
export function showServerText(text: string, max: number = MAX_SERVER_TEXT_CHARS): string {
  return shownWithin(text, max).text;
}

/** A shared bound for the server text of one message or line: every piece shown through the
 *  function it returns takes from the same `max` (at most `MAX_SERVER_TEXT_CHARS`), so a
 *  status text and a body's message, or every header value of a debug line, hold no more
 *  together. A piece that finds the bound spent shows as the cut marker alone. */
export function serverTextBudget(max: number = MAX_SERVER_TEXT_CHARS): (text: string) => string {
  let left = Math.max(0, Math.min(max, MAX_SERVER_TEXT_CHARS));
  return (text) => {
    const shown = shownWithin(text, left);
    left -= shown.used;
    return shown.text;
  };
}

/** `text` as showServerText shows it, and how many of the bound's characters it used (the
 *  marker, which is the client's own text, uses none). */
function shownWithin(text: string, max: number): { text: string; used: number } {
  const bound = Math.max(0, Math.min(max, MAX_SERVER_TEXT_CHARS));
  // Escapes only lengthen text, so no more than `bound` characters of it can be shown: a
  // huge text costs no more than its head.
  const head = text.length > bound ? text.slice(0, bound) : text;
  if (head === text && !CONTROL.test(text)) return { text, used: text.length };
  let shown = "";
  let consumed = 0;
  for (const [piece] of head.matchAll(PIECES)) {
    const control = CONTROL.test(piece);
    const out = control ? escapeControl(piece) : piece;
    const room = bound - shown.length;
    if (out.length > room) {
      if (!control) {
        shown += piece.slice(0, room);
        consumed += room;
      }
      break;
    }
    shown += out;
    consumed += piece.length;
  }
  if (consumed === text.length) return { text: shown, used: shown.length };
  const code = shown.charCodeAt(shown.length - 1);
  if (code >= 0xd800 && code <= 0xdbff) {
    shown = shown.slice(0, -1);
    consumed--;
  }
  return { text: `${shown}${cutMarker(text.length - consumed)}`, used: shown.length };
}
