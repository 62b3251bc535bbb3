// The deadline and the caller's signal bound a call whatever the injected fetch does: one
// that drops the signal, one that never settles, one whose body never ends.
import { createDeskClient, DeskAbortError, DeskTimeoutError, type FetchFunction } from "../../src/index.js";
import { withMembers } from "../helpers/groups.js";
import { CANARY, guardCanary } from "./leak-guard.js";

const guard = guardCanary(CANARY);
const ok = () =>
  new Response(JSON.stringify(withMembers(77)), { headers: { "content-type": "application/json" } });

/** A fetch that drops the signal (as a careless logging wrapper would) and answers late. */
function signalDropping() {
  let settled = false;
  let release: () => void = () => {};
  const fetch: FetchFunction = (request) =>
    new Promise<Response>((resolve) => {
      void request.signal; // read, and ignored
      release = () => {
        settled = true;
        resolve(ok());
      };
    });
  return { fetch, settled: () => settled, release: () => release() };
}

it("a fetch that ignores the signal still times out at timeoutMs", async () => {
  const stubborn = signalDropping();
  const desk = createDeskClient({ baseUrl: "https://x.test", apiToken: CANARY, fetch: stubborn.fetch });
  const error = await guard.rejection(desk.groups.get(77, { timeoutMs: 30, maxRetries: 0 }));
  expect(error).toBeInstanceOf(DeskTimeoutError);
  expect(stubborn.settled()).toBe(false); // the call ended without waiting for the fetch
  stubborn.release();
});

it("a fetch that ignores the signal still ends when the caller aborts", async () => {
  const stubborn = signalDropping();
  const desk = createDeskClient({ baseUrl: "https://x.test", apiToken: CANARY, fetch: stubborn.fetch });
  const controller = new AbortController();
  const pending = desk.groups.get(77, { signal: controller.signal, timeoutMs: 60_000 });
  setTimeout(() => controller.abort(), 10);
  const error = await guard.rejection(pending);
  expect(error).toBeInstanceOf(DeskAbortError);
  expect(stubborn.settled()).toBe(false);
  stubborn.release();
});

it("a fetch that never settles times out on every attempt", async () => {
  const fetch: FetchFunction = () => new Promise<Response>(() => {});
  const desk = createDeskClient({ baseUrl: "https://x.test", apiToken: CANARY, fetch, logLevel: "off" });
  const error = await guard.rejection(desk.groups.get(77, { timeoutMs: 20, maxRetries: 1 }));
  expect(error).toBeInstanceOf(DeskTimeoutError);
  expect(error.attempts).toBe(2);
});

it("a body that never ends times out, and the client cancels it", async () => {
  let cancelled = false;
  const fetch: FetchFunction = async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"id":77,'));
      },
      cancel() {
        cancelled = true;
      },
    });
    return new Response(body, { headers: { "content-type": "application/json" } });
  };
  const desk = createDeskClient({ baseUrl: "https://x.test", apiToken: CANARY, fetch });
  const error = await guard.rejection(desk.groups.get(77, { timeoutMs: 30, maxRetries: 0 }));
  expect(error).toBeInstanceOf(DeskTimeoutError);
  expect(cancelled).toBe(true);
});

it.each([
  ["a null-prototype object", () => Object.create(null)],
  [
    "an object whose toString and message throw",
    () => ({
      get message(): string {
        throw new Error("no message");
      },
      toString(): string {
        throw new Error("no string");
      },
    }),
  ],
])("an abort reason that is %s still gives DeskAbortError", async (_what, reason) => {
  const fetch: FetchFunction = () => new Promise<Response>(() => {});
  const desk = createDeskClient({ baseUrl: "https://x.test", apiToken: CANARY, fetch });
  const controller = new AbortController();
  const pending = desk.groups.get(77, { signal: controller.signal });
  controller.abort(reason());
  const error = await guard.rejection(pending);
  expect(error).toBeInstanceOf(DeskAbortError);
});
