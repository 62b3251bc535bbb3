// Masks secrets (the API token) in what the server returns. The client already keeps the token
// out of its errors; this is the second lock, for a body that echoes it or an unexpected error.

import { REDACTED as MASK } from "sendbird-desk-platform";

/** Masks every occurrence of each secret in strings, arrays and plain objects. */
export type Mask = <T>(value: T) => T;

/** Creates the mask for `secrets` (empty strings are ignored). */
export function createMask(secrets: readonly string[]): Mask {
  const present = secrets.filter((secret) => secret.length > 0);
  const text = (value: string) =>
    present.reduce((out, secret) => (out.includes(secret) ? out.split(secret).join(MASK) : out), value);
  const mask = (value: unknown): unknown => {
    if (typeof value === "string") return text(value);
    if (Array.isArray(value)) return value.map(mask);
    if (value !== null && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [text(key), mask(item)]));
    return value;
  };
  return <T>(value: T) => (present.length === 0 ? value : (mask(value) as T));
}
