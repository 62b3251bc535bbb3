// A client of the Prism mock whose requests are observed through an injected fetch: what
// was sent (method, URL, headers, body), and what Prism said about it (sl-violations).
import { createDeskClient, type DeskClient, type DeskClientOptions } from "../../src/index.js";
import { mockToken, mockUrl } from "./mock.js";

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

/**
 * A client of the mock. `edit` may change each request before it is sent (add a `Prefer`
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
