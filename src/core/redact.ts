// Masks the API token in what a server sent back: bodies, header values and names, status
// texts. Text the client built itself (method, URL, counts) is never masked: with a short
// token, masking it there would mangle the URL and give the token away by its pattern.
import { REDACTED } from "./defaults.js";

/** A masker for one token: it knows the forms a server may echo it in. */
export class Redactor {
  readonly #forms: string[];
  /** Text shorter than every form cannot hold one. */
  readonly #shortest: number;

  constructor(secret: string) {
    // The token as sent, JSON-escaped (inside a JSON string), URL-encoded, and lower-cased
    // (HTTP header names are case-insensitive, and Headers lower-cases them).
    const forms = [
      secret,
      JSON.stringify(secret).slice(1, -1),
      encodeURIComponent(secret),
      secret.toLowerCase(),
    ];
    // Longest first, so a longer form is not left half-masked by a shorter one.
    this.#forms = [...new Set(forms)].filter(Boolean).sort((a, b) => b.length - a.length);
    this.#shortest = Math.min(...this.#forms.map((form) => form.length));
  }

  /** `text` with every form of the token masked. */
  text(text: string): string {
    if (text.length < this.#shortest) return text;
    let out = text;
    for (const form of this.#forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  }

  /** A copy of JSON-like `value` with the token masked in every string and key. Iterative,
   *  so any depth is safe, and keys are defined as own properties, so a `__proto__` key
   *  stays data instead of replacing the copy's prototype. */
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
