// HTTP errors map to their classes with useful messages; unreadable bodies give typed
// errors, never a SyntaxError; the guards work across bundle copies.
import * as desk from "../../src/index.js";
import { caught, client, json } from "./fake-fetch.js";

const { DeskApiError, DeskError } = desk;
const raw = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers });

describe("status to class", () => {
  it.each([
    [400, "DeskBadRequestError"],
    [401, "DeskAuthenticationError"],
    [403, "DeskPermissionDeniedError"],
    [404, "DeskNotFoundError"],
    [409, "DeskApiError"],
    [429, "DeskRateLimitError"],
    [500, "DeskServerError"],
    [503, "DeskServerError"],
  ])("%i -> %s", async (status, name) => {
    const { desk: d } = client([json({ message: "Explained." }, status)], { maxRetries: 0 });
    const error = await caught(() => d.groups.get(7));
    expect(error.name).toBe(name);
    expect(error).toBeInstanceOf((desk as unknown as Record<string, typeof DeskApiError>)[name]);
    expect(error).toBeInstanceOf(DeskApiError);
    expect(error).toBeInstanceOf(DeskError);
    expect(error).toMatchObject({
      status,
      method: "GET",
      url: "https://desk-api-app1.sendbird.com/platform/v1/groups/7",
      attempts: 1,
    });
    expect(error.message).toBe(
      `GET https://desk-api-app1.sendbird.com/platform/v1/groups/7 failed with ${status}: Explained.`,
    );
  });
});

describe("messages", () => {
  it("come from message, with code, body and request ID kept", async () => {
    const body = { message: "Group not found.", code: 400201, error: true };
    const { desk: d } = client([json(body, 404, { "x-request-id": "req-123" })]);
    const error = await caught(() => d.groups.get(7));
    expect(error).toMatchObject({ code: 400201, body, requestId: "req-123" });
    expect(error.headers.get("x-request-id")).toBe("req-123");
    expect(error.message).toContain("Group not found.");
  });

  it("come from detail (Django REST framework style)", async () => {
    const { desk: d } = client([json({ detail: "Not found." }, 404)]);
    const error = await caught(() => d.groups.get(7));
    expect(error.message).toMatch(/: Not found\.$/);
    expect(error.code).toBeUndefined();
    expect(error.requestId).toBeUndefined();
  });

  it("fall back to the status text and a truncated raw body", async () => {
    const html = `<html><body><h1>Bad Gateway</h1>${"x".repeat(1000)}</body></html>`;
    const { desk: d } = client(
      [
        new Response(html, {
          status: 502,
          statusText: "Bad Gateway",
          headers: { "content-type": "text/html" },
        }),
      ],
      { maxRetries: 0 },
    );
    const error = await caught(() => d.groups.get(7));
    expect(error.name).toBe("DeskServerError");
    expect(error.message).toContain("failed with 502 Bad Gateway: <html><body><h1>Bad Gateway</h1>");
    expect(error.message.length).toBeLessThan(400);
    expect(error.body.length).toBeLessThanOrEqual(203);
  });

  it("name the status text when the body is empty", async () => {
    const { desk: d } = client([new Response(null, { status: 403, statusText: "Forbidden" })]);
    const error = await caught(() => d.groups.get(7));
    expect(error.message).toMatch(/failed with 403 Forbidden: Forbidden$/);
  });

  it("fall back to the JSON text when the body has neither message nor detail", async () => {
    const { desk: d } = client([json({ error: true, code: 1 }, 400)]);
    const error = await caught(() => d.groups.get(7));
    expect(error.message).toContain('{"error":true,"code":1}');
  });

  it("do not follow redirects (the token header would go along)", async () => {
    const { desk: d } = client([
      new Response(null, { status: 302, headers: { location: "https://elsewhere.example/" } }),
    ]);
    const error = await caught(() => d.groups.get(7));
    expect(error).toMatchObject({ name: "DeskApiError", status: 302 });
  });
});

describe("unreadable 2xx bodies", () => {
  it.each([
    [
      "truncated JSON",
      raw('{"id": 7, "name": "Te', 200, { "content-type": "application/json" }),
      /not valid JSON \(application\/json\): \{"id": 7, "name": "Te/,
    ],
    [
      "an HTML page",
      raw("<!doctype html><p>hi</p>", 200, { "content-type": "text/html" }),
      /not valid JSON \(text\/html\): <!doctype html>/,
    ],
    ["an empty body", raw("", 200), /the body is empty/],
    ["a JSON array instead of a group", json([1, 2]), /not the documented shape/],
  ])("%s gives DeskInvalidResponseError with the status and an excerpt", async (_what, response, message) => {
    const { desk: d } = client([response]);
    const error = await caught(() => d.groups.get(7));
    expect(error).not.toBeInstanceOf(SyntaxError);
    expect(error).toBeInstanceOf(desk.DeskInvalidResponseError);
    expect(error).toMatchObject({ status: 200 });
    expect(error.message).toMatch(message);
  });

  it("a page without results is refused too", async () => {
    const { desk: d } = client([json({ count: 1 })]);
    expect(await caught(() => d.groups.list())).toBeInstanceOf(desk.DeskInvalidResponseError);
  });
});

describe("guards", () => {
  it("recognise errors from another copy of the package, where instanceof fails", async () => {
    let other: typeof desk | undefined;
    jest.isolateModules(() => {
      // A second copy of the package, loaded apart from the first: what `instanceof` cannot see.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- isolateModules needs require
      other = require("../../src/index");
    });
    const foreign = new other!.DeskNotFoundError("x", {
      status: 404,
      body: {},
      headers: new Headers(),
      method: "GET",
      url: "u",
      attempts: 1,
    });
    expect(foreign).not.toBeInstanceOf(desk.DeskNotFoundError);
    expect(desk.isDeskError(foreign)).toBe(true);
    expect(desk.isDeskApiError(foreign)).toBe(true);
    const validation = new other!.DeskValidationError("f", 1, "r");
    expect(desk.isDeskError(validation)).toBe(true);
    expect(desk.isDeskApiError(validation)).toBe(false);
  });

  it("reject look-alikes", () => {
    expect(desk.isDeskError(new Error("x"))).toBe(false);
    expect(desk.isDeskError({ name: "DeskError", status: 404 })).toBe(false);
    expect(desk.isDeskError(null)).toBe(false);
    expect(desk.isDeskApiError("DeskApiError")).toBe(false);
  });
});
