// A scripted fetch for unit tests: records every request it is given and answers from a
// script, one step per call (the last step repeats).
import { createDeskClient, type DeskClientOptions } from "../../src/index.js";

export const TOKEN = "canary-TOKEN-7f3a9c";
export const BASE = "https://desk-api-app1.sendbird.com/platform/v1";

export interface Seen {
  method: string;
  url: string;
  headers: Headers;
  body: string;
  signal: AbortSignal;
}

export type Step = Response | Error | ((request: Request) => Response | Promise<Response>);

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

export function scripted(...steps: Step[]) {
  const seen: Seen[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    seen.push({
      method: request.method,
      url: request.url,
      headers: new Headers(request.headers),
      body: request.body ? await request.clone().text() : "",
      signal: request.signal,
    });
    const step = steps[Math.min(seen.length - 1, steps.length - 1)]!;
    if (step instanceof Error) throw step;
    if (typeof step === "function") return step(request);
    return step.clone();
  };
  return { fetch, seen };
}

/** A client on the fake fetch, with the canary token and fast defaults. */
export function client(steps: Step[], options: DeskClientOptions = {}) {
  const fake = scripted(...steps);
  // Quiet unless a test asks for a log: the logging tests say what each level writes.
  const quiet = { logLevel: "off" } as const;
  const desk = createDeskClient({
    applicationId: "app1",
    apiToken: TOKEN,
    fetch: fake.fetch,
    ...quiet,
    ...options,
  });
  return { desk, seen: fake.seen };
}

export { group, withMembers } from "../helpers/groups.js";

/** Catches what `run` throws (or fails the test when it does not throw). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read any field of the caught error
export async function caught(run: () => unknown): Promise<any> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error, none was thrown");
}
