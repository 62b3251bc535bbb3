// A loopback HTTP server whose answers are scripted per test: each arriving request takes
// the next step of the script (the last step repeats), and every arrival is recorded with
// its time, so tests count attempts and measure gaps on the server side.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { spec } from "../../generated/spec.js";

/** The API token header as node:http names it (lower case). */
export const TOKEN_HEADER = spec.auth.header.toLowerCase();

/** One request as the server saw it. */
export interface Arrival {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  /** The API token header's value, if the request carried one. */
  token: string | undefined;
  /** performance.now() when the request's body had been read. */
  at: number;
}

/** What the server does with one request. */
export type Step = (req: IncomingMessage, res: ServerResponse, arrival: Arrival) => void;

/** A started server: its URL, its record of arrivals, and the script it follows. */
export interface ScriptedServer {
  url: string;
  port: number;
  arrivals: Arrival[];
  /** Replaces the script and forgets earlier arrivals. */
  script(...steps: Step[]): void;
  /** Resolves once `count` requests have arrived under the current script. */
  arrived(count: number): Promise<void>;
  /** Open sockets right now (server side). */
  connections(): Promise<number>;
  /** Drops every socket (including hung ones) and stops listening. */
  close(): Promise<void>;
}

/** Answers with a status, headers and a body (a string, or JSON for anything else). */
export function reply(status: number, body: unknown = "", headers: Record<string, string> = {}): Step {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const type = typeof body === "string" ? "text/plain" : "application/json";
  return (_req, res) => {
    res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(text), ...headers });
    res.end(text);
  };
}

/** Sends the headers and half the promised body, then destroys the socket. */
export function destroyMidBody(body: unknown): Step {
  const text = JSON.stringify(body);
  return (_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.write(text.slice(0, Math.floor(text.length / 2)), () => res.socket?.destroy());
  };
}

/** Never answers: the request stays open until the client gives up or the server closes. */
export const hang: Step = () => undefined;

/** Starts a server on 127.0.0.1 at a free port. With no script it answers 500 "unscripted". */
export async function startScriptedServer(): Promise<ScriptedServer> {
  let steps: Step[] = [reply(500, "unscripted")];
  let served = 0;
  const arrivals: Arrival[] = [];
  let waiters: { count: number; resolve: () => void }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const arrival = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        token: req.headers[TOKEN_HEADER] as string | undefined,
        at: performance.now(),
      };
      arrivals.push(arrival);
      waiters = waiters.filter((w) => (arrivals.length >= w.count ? void w.resolve() : true));
      const step = steps[Math.min(served++, steps.length - 1)] as Step;
      step(req, res, arrival);
    });
  });
  await new Promise<void>((resolve) => server.listen({ port: 0, host: "127.0.0.1", backlog: 2048 }, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    arrivals,
    script(...next: Step[]) {
      steps = next;
      served = 0;
      arrivals.length = 0;
    },
    arrived: (count) =>
      new Promise((resolve) => (arrivals.length >= count ? resolve() : waiters.push({ count, resolve }))),
    connections: () =>
      new Promise((resolve, reject) => server.getConnections((err, n) => (err ? reject(err) : resolve(n)))),
    close: () =>
      new Promise((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A loopback port with nobody listening on it (bound, read, released). */
export async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen({ port: 0, host: "127.0.0.1" }, resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
