// Answers whose bodies the client cannot read: each becomes a typed DeskError carrying the
// status and a short excerpt, never a bare SyntaxError.

import { spec } from "../../generated/spec.js";
import {
  createDeskClient,
  DeskError,
  DeskServerError,
  isDeskApiError,
  isDeskError,
} from "../../src/index.js";
import { CANARY, guardCanary } from "./leak-guard.js";
import { reply, type ScriptedServer, type Step, startScriptedServer } from "./scripted-server.js";

const guard = guardCanary(CANARY);
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const desk = () => createDeskClient({ baseUrl: server.url, apiToken: CANARY });

/** A typed error with the status and an excerpt of the body in its message. */
async function expectTyped(step: Step, status: number, excerpt: string) {
  server.script(step);
  const error = await guard.rejection(desk().groups.get(77));
  expect(error).toBeInstanceOf(DeskError);
  expect(isDeskError(error)).toBe(true);
  expect(isDeskApiError(error)).toBe(true);
  expect(error).not.toBeInstanceOf(SyntaxError);
  expect(error.name).not.toBe("SyntaxError");
  expect(error.status).toBe(status);
  expect(error.message).toContain(String(status));
  expect(error.message).toContain(excerpt);
  expect(error.message.length).toBeLessThan(600);
  return error;
}

test("truncated JSON in a 200: typed error, 1 attempt", async () => {
  const error = await expectTyped(
    reply(200, '{"id": 77, "name": "DATW Te', { "content-type": "application/json" }),
    200,
    '{"id": 77, "name": "DATW Te',
  );
  expect(error.attempts).toBe(1);
  expect(server.arrivals).toHaveLength(1);
});

test("an HTML 502 from a proxy (5 kB, echoing the token): DeskServerError after 3 attempts, short excerpt", async () => {
  const page =
    "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>" +
    `<!-- upstream request: ${spec.auth.header}: ${CANARY} -->` +
    `<p>${"padding ".repeat(600)}</p><hr><center>nginx</center></body></html>`;
  const error = await expectTyped(reply(502, page, { "content-type": "text/html" }), 502, "502 Bad Gateway");
  expect(error).toBeInstanceOf(DeskServerError);
  expect(error.attempts).toBe(3);
  expect(server.arrivals).toHaveLength(3);
});

test("a 200 with text/html (a login page): typed error with an excerpt", async () => {
  const page = "<!doctype html><html><body><h1>Please sign in</h1></body></html>";
  await expectTyped(reply(200, page, { "content-type": "text/html; charset=utf-8" }), 200, "Please sign in");
  expect(server.arrivals).toHaveLength(1);
});

test("an empty 200 body with Content-Length: 0: typed error saying the body is empty", async () => {
  await expectTyped(reply(200, "", { "content-type": "application/json" }), 200, "empty");
});

test("an empty 200 body, chunked (no Content-Length): typed error saying the body is empty", async () => {
  const chunkedEmpty: Step = (_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "transfer-encoding": "chunked" });
    res.end();
  };
  await expectTyped(chunkedEmpty, 200, "empty");
});

test("a 200 whose JSON is not an object (null): typed error, not a TypeError later", async () => {
  await expectTyped(reply(200, "null", { "content-type": "application/json" }), 200, "200");
});
