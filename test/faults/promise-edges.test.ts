// A DeskPromise is a Promise to every way of consuming one, the native then included; and a
// listing's iterator starts nothing until its first next(), so a failure it never asked for
// cannot become an unhandled rejection.
import { createDeskClient, DeskNotFoundError } from "../../src/index.js";
import { CANARY, guardCanary } from "./leak-guard.js";
import { reply, type ScriptedServer, startScriptedServer } from "./scripted-server.js";
import { group } from "../helpers/groups.js";

guardCanary(CANARY);
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const desk = () =>
  createDeskClient({ baseUrl: server.url, apiToken: CANARY, logLevel: "off", maxRetries: 0 });
/** The list requests that have arrived. */
const listings = () => server.arrivals.filter((arrival) => /^\/groups(\?|$)/.test(arrival.url));
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A group without members, as the spec describes it. */
const GROUP = { ...group(7), members: [] };

test("Promise.prototype.then.call on a DeskPromise gets the value", async () => {
  server.script(reply(200, GROUP));
  const seen = await new Promise<unknown>((resolve, reject) => {
    void Promise.prototype.then.call(desk().groups.get(7), resolve, reject);
  });
  await server.arrived(1);
  expect((seen as { id?: unknown } | undefined)?.id).toBe(7);
});

test("Promise.prototype.then.call on a failing DeskPromise gets the typed error", async () => {
  server.script(reply(404, { message: "no such group" }));
  const seen = await new Promise<unknown>((resolve) => {
    void Promise.prototype.then.call(desk().groups.get(7), () => resolve("fulfilled"), resolve);
  });
  await server.arrived(1);
  expect(seen).toBeInstanceOf(DeskNotFoundError);
});

// An unhandled rejection fails the running test: Jest reports it itself (a listener on
// `process` in a test file never hears one, as Jest gives each file its own process object).
describe("a listing's iterator, made but never advanced", () => {
  test("for items: sends nothing", async () => {
    server.script(reply(500, { message: "down" }));
    const iterator = desk().groups.list()[Symbol.asyncIterator]();
    await settle(200);
    expect(listings()).toEqual([]);
    expect(typeof iterator.next).toBe("function");
  });

  test("for pages: sends nothing", async () => {
    server.script(reply(500, { message: "down" }));
    const iterator = desk().groups.list().pages();
    await settle(200);
    expect(listings()).toEqual([]);
    expect(typeof iterator.next).toBe("function");
  });
});
