// The server's request ID: not documented for Desk, so read where servers commonly put it,
// and never invented.

/** The server's `x-request-id` (or `request-id`) header, when it sends one. */
export function requestIdOf(headers: Headers): string | undefined {
  return headers.get("x-request-id") ?? headers.get("request-id") ?? undefined;
}
