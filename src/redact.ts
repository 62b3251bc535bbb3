// Removes a secret from anything an error may carry: strings, arrays, plain objects.

const MASK = "[redacted]";

/** Returns `text` with every occurrence of `secret` (never empty) masked. */
export function redactText(text: string, secret: string): string {
  return text.includes(secret) ? text.split(secret).join(MASK) : text;
}

/** Returns a deep copy of JSON-like `value` with `secret` masked in every string and key. */
export function redactDeep<T>(value: T, secret: string): T {
  if (typeof value === "string") return redactText(value, secret) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secret)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[redactText(k, secret)] = redactDeep(v, secret);
    return out as T;
  }
  return value;
}

/** Copies response headers with `secret` masked in every value. */
export function redactHeaders(headers: Headers, secret: string): Headers {
  const out = new Headers();
  headers.forEach((value, key) => out.append(key, redactText(value, secret)));
  return out;
}
