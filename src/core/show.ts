// How a value appears in a message about it.
import { SHOWN_VALUE_CHARS } from "./defaults.js";

/** A value as a message shows it: JSON where JSON says what it is, else its string form. */
export function show(value: unknown): string {
  let text: string | undefined;
  // JSON would print NaN and Infinity as null, and drop undefined and functions.
  if (typeof value !== "number" || Number.isFinite(value)) {
    try {
      text = JSON.stringify(value);
    } catch {
      // a BigInt or a cycle: shown by String() below
    }
  }
  try {
    text ??= String(value);
  } catch {
    text = Object.prototype.toString.call(value); // an object whose toString throws
  }
  return text.length > SHOWN_VALUE_CHARS ? `${text.slice(0, SHOWN_VALUE_CHARS - 3)}...` : text;
}
