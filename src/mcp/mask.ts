// Masks secrets (the API token) in what the server returns. The client already keeps the token
// out of its errors; this is the second lock, for a body that echoes it or an unexpected error.
// It uses the client's own masker, so both know the same forms of a secret (as sent,
// JSON-escaped, URL-encoded, lower-cased) and walk any depth alike.
import { Redactor } from "../core/redact.js";

/** Masks every occurrence of each secret in strings, arrays and plain objects. */
export type Mask = <T>(value: T) => T;

/** Creates the mask for `secrets` (empty strings are ignored). */
export function createMask(secrets: readonly string[]): Mask {
  const redactors = secrets.filter((secret) => secret.length > 0).map((secret) => new Redactor(secret));
  return <T>(value: T) => redactors.reduce<unknown>((out, redactor) => redactor.deep(out), value) as T;
}
