// desk.raw.use(middleware) is the extension point for desk.raw and the resource methods:
// a middleware never sees the token, may read the body, and what it throws reaches the
// caller as a DeskError with the original as its cause.
import type { Middleware } from "openapi-fetch";
import { DeskMiddlewareError, isDeskError } from "../../src/index.js";
import { caught, client, json, TOKEN, withMembers } from "./fake-fetch.js";

/** Everything a middleware could see of a request or an answer, as text. */
async function visible(request: Request, response?: Response): Promise<string> {
  const parts = [request.url, ...[...request.headers].flat()];
  if (response) parts.push(...[...response.headers].flat(), await response.clone().text());
  return parts.join("\n");
}

describe("middleware", () => {
  it("sees neither the token nor its echo in onRequest, onResponse or onError", async () => {
    const seenText: string[] = [];
    const watcher: Middleware = {
      async onRequest({ request }) {
        seenText.push(await visible(request));
      },
      async onResponse({ request, response }) {
        seenText.push(await visible(request, response));
      },
      async onError({ request, error }) {
        seenText.push(await visible(request), String(error), JSON.stringify(error));
      },
    };
    const echo = json({ message: `bad token ${TOKEN}` }, 401, { "x-echo": TOKEN });
    const { desk, seen } = client([echo, new TypeError(`reset ${TOKEN}`)], { maxRetries: 0 });
    desk.raw.use(watcher);
    await caught(() => desk.groups.get(1));
    await caught(() => desk.groups.get(1));
    expect(seen[0]!.headers.get("sendbirddeskapitoken")).toBe(TOKEN); // the wire has it
    expect(seenText.length).toBeGreaterThanOrEqual(4);
    for (const text of seenText) expect(text).not.toContain(TOKEN);
  });

  it("may read the body of a resource method's answer, and the method still gets its value", async () => {
    const bodies: unknown[] = [];
    const { desk } = client([json(withMembers(77))]);
    desk.raw.use({
      async onResponse({ response }) {
        bodies.push(await response.clone().json());
      },
    });
    expect((await desk.groups.get(77)).id).toBe(77);
    expect(bodies).toEqual([withMembers(77)]);
  });

  it("gets an answer that reads like any Response: body stream, clone, each reader once", async () => {
    const seen: unknown[] = [];
    const { desk } = client([json(withMembers(77))]);
    desk.raw.use({
      async onResponse({ response }) {
        const copy = response.clone();
        seen.push(await new Response(copy.body).json(), copy.bodyUsed);
        const other = response.clone();
        seen.push(new TextDecoder().decode(await other.arrayBuffer()).length > 0);
        seen.push(await other.text().catch((e: Error) => e.name));
        seen.push(response.bodyUsed);
      },
    });
    expect((await desk.groups.get(77)).id).toBe(77);
    expect(seen).toEqual([withMembers(77), true, true, "TypeError", false]);
  });

  it("a middleware's exception reaches the caller as DeskMiddlewareError, the original as cause", async () => {
    const original = new RangeError("middleware broke");
    const { desk } = client([json(withMembers(1))]);
    desk.raw.use({
      onRequest() {
        throw original;
      },
    });
    for (const run of [() => desk.groups.get(1), () => desk.raw.GET("/groups")]) {
      const error = await caught(run);
      expect(error).toBeInstanceOf(DeskMiddlewareError);
      expect(isDeskError(error)).toBe(true);
      expect(error.cause).toBe(original);
      expect(error.message).toContain("middleware broke");
    }
  });
});
