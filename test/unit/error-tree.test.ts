// Each error means what its name says: a caller's cancellation is not a connection failure, a
// next link the client cannot follow is the server's invalid answer (not the caller's bad
// input), and DeskMiddlewareError is raised only when a middleware threw.
import {
  DeskAbortError,
  DeskConnectionError,
  DeskError,
  DeskInvalidResponseError,
  DeskMiddlewareError,
  DeskValidationError,
} from "../../src/index.js";
import { caught, client, group, json, withMembers } from "./fake-fetch.js";

const page = (next: string) => ({ count: 10, previous: null, next, results: [group(1)] });

describe("the error tree", () => {
  it("DeskAbortError is a DeskError, not a DeskConnectionError: code that retries connection failures leaves it", async () => {
    const { desk, seen } = client([json(withMembers(1))]);
    const error = await caught(() => desk.groups.get(1, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(DeskAbortError);
    expect(error).toBeInstanceOf(DeskError);
    expect(error).not.toBeInstanceOf(DeskConnectionError);
    expect(Object.getPrototypeOf(DeskAbortError.prototype)).toBe(DeskError.prototype);
    expect(seen).toHaveLength(0);
  });

  it.each([
    ["a negative offset", "https://desk-api-app1.sendbird.com/platform/v1/groups?offset=-5"],
    ["no offset at all", "https://desk-api-app1.sendbird.com/platform/v1/groups?cursor=abc"],
    ["an offset that is not a number", "https://desk-api-app1.sendbird.com/platform/v1/groups?offset=x"],
  ])("a next link with %s is a DeskInvalidResponseError naming `next`", async (_what, next) => {
    const { desk, seen } = client([json(page(next))]);
    const walk = async () => {
      for await (const _ of desk.groups.list()) {
        // reading is enough
      }
    };
    const error = await caught(walk);
    expect(error).toBeInstanceOf(DeskInvalidResponseError);
    expect(error).not.toBeInstanceOf(DeskValidationError);
    expect(error).toMatchObject({ status: 200, violations: [{ path: "next" }] });
    expect(error.message).not.toContain(next); // the page is the server's data, not quoted
    expect(seen).toHaveLength(1);
  });

  it("DeskMiddlewareError only when a middleware threw: the same failure without one is not", async () => {
    const failure = new TypeError("socket hang up");
    const bare = client([failure], { maxRetries: 0 });
    const plain = await caught(() => bare.desk.groups.get(1));
    expect(plain).toBeInstanceOf(DeskConnectionError);
    expect(plain).not.toBeInstanceOf(DeskMiddlewareError);

    const watched = client([failure], { maxRetries: 0 });
    const seenByMiddleware: string[] = [];
    watched.desk.raw.use({
      onError({ error }) {
        seenByMiddleware.push((error as Error).name); // looks, returns nothing
      },
    });
    const passed = await caught(() => watched.desk.groups.get(1));
    expect(seenByMiddleware).toEqual(["DeskConnectionError"]);
    expect(passed).toBeInstanceOf(DeskConnectionError);

    const throwing = client([json(withMembers(1))]);
    const thrown = new RangeError("middleware broke");
    throwing.desk.raw.use({
      onResponse() {
        throw thrown;
      },
    });
    const wrapped = await caught(() => throwing.desk.groups.get(1));
    expect(wrapped).toBeInstanceOf(DeskMiddlewareError);
    expect(wrapped.cause).toBe(thrown);
  });

  it("an onError middleware's replacement Error reaches the caller as openapi-fetch gives it", async () => {
    const { desk } = client([new TypeError("socket hang up")], { maxRetries: 0 });
    const replacement = new Error("offline: try later");
    desk.raw.use({ onError: () => replacement });
    expect(await caught(() => desk.groups.get(1))).toBe(replacement);
    expect(await caught(() => desk.raw.GET("/groups"))).toBe(replacement);
  });
});
