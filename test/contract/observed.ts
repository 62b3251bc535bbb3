// A client of the Prism mock whose requests are observed through an injected fetch: what
// was sent (method, URL, headers, body), and what Prism said about it (sl-violations). The
// mock keeps state: each test file's clients share a session of their own (X-Mock-Session),
// so the files running beside it never see its changes.
import { randomUUID } from "node:crypto";
import { createDeskClient, type DeskClient, type DeskClientOptions } from "../../src/index.js";
import { mockToken, mockUrl } from "./mock.js";

/** The request header that names a session of the stateful mock. */
export const sessionHeader = "X-Mock-Session";

/** One request as it reached the wire, and Prism's verdict on it. */
export interface Exchange {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
  status: number;
  violations: { location: string[]; message: string }[];
}

/** What an observed client sent so far. */
export interface Observed {
  desk: DeskClient;
  exchanges: Exchange[];
}

/** This test file's session of the stateful mock (Jest gives each file its own modules). */
export const session = `contract-${randomUUID()}`;

/**
 * A client of the mock, in this file's session. `edit` may change each request before it is sent (add a `Prefer`
 * header, strip the token); the request is then sent with the global fetch.
 */
export function observedClient(
  options: Partial<DeskClientOptions> = {},
  edit: (request: Request) => void = () => {},
): Observed {
  const exchanges: Exchange[] = [];
  const desk = createDeskClient({
    baseUrl: mockUrl(),
    apiToken: mockToken,
    ...options,
    fetch: async (request: Request) => {
      if (!request.headers.has(sessionHeader)) request.headers.set(sessionHeader, session);
      edit(request);
      const body = await request.clone().text();
      const response = await fetch(request);
      exchanges.push({
        method: request.method,
        url: new URL(request.url),
        headers: new Headers(request.headers),
        body,
        status: response.status,
        violations: JSON.parse(response.headers.get("sl-violations") ?? "[]"),
      });
      return response;
    },
  });
  return { desk, exchanges };
}

/** An editor that adds `Prefer: <value>` to every request (Prism's response selector). */
export const prefer = (value: string) => (request: Request) => request.headers.set("Prefer", value);

/** Prism's violations of every exchange, as "location: message" lines. */
export function violationsOf(exchanges: Exchange[]): string[] {
  return exchanges.flatMap((e) =>
    e.violations.map((v) => `${e.method} ${e.url.pathname}: ${v.location.join(".")}: ${v.message}`),
  );
}
