// desk.raw keeps the promises the resource methods make, on a real socket: the token masked
// in what a server echoes, a non-JSON 2xx typed, and an answered request never re-sent.
import { createServer } from "node:net";
import { createDeskClient, DeskInvalidResponseError } from "../../src/index.js";
import { CANARY, guardCanary, renderings } from "./leak-guard.js";
import { reply, type ScriptedServer, startScriptedServer } from "./scripted-server.js";

const guard = guardCanary(CANARY);
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const desk = () => createDeskClient({ baseUrl: server.url, apiToken: CANARY, logLevel: "off" });

it("a 401 that echoes the token: { error } and response.headers are masked", async () => {
  server.script(reply(401, { message: `bad token ${CANARY}`, token: CANARY }, { "x-echo": CANARY }));
  const { error, response } = await desk().raw.GET("/groups/{group_id}", {
    params: { path: { group_id: 7 } },
  });
  expect(response.status).toBe(401);
  expect(error).toEqual({ message: "bad token [redacted]", token: "[redacted]" });
  expect(response.headers.get("x-echo")).toBe("[redacted]");
  expect(server.arrivals[0]!.token).toBe(CANARY);
});

it("a 2xx with a non-JSON body is a DeskInvalidResponseError that does not quote the token", async () => {
  server.script(reply(200, `${CANARY} is not JSON`));
  const error = await guard.rejection(desk().raw.GET("/groups"));
  expect(error).toBeInstanceOf(DeskInvalidResponseError);
  expect(error.message).toContain("not valid JSON");
});

it("an error body nested 5,000 levels deep, with a __proto__ key, is masked without a RangeError", async () => {
  let deep = `{"message":"real ${CANARY}","__proto__":{"message":"spoofed","code":1}}`;
  for (let i = 0; i < 5000; i++) deep = `{"inner":${deep}}`;
  const body = `{"message":"outer","code":7,"__proto__":{"message":"spoofed","code":666},"nested":${deep}}`;
  server.script((_req, res) => {
    res.writeHead(400, { "content-type": "application/json" });
    res.end(body);
  });
  const error = await guard.rejection(desk().groups.get(7));
  expect(error.name).toBe("DeskBadRequestError");
  expect(error.message).toContain(": outer");
  expect(error.code).toBe(7);
  const kept = error.body as Record<string, unknown>;
  expect(Object.getPrototypeOf(kept)).toBe(Object.prototype);
  expect(Object.hasOwn(kept, "__proto__")).toBe(true);
  expect(Object.getOwnPropertyDescriptor(kept, "__proto__")?.value).toEqual({
    message: "spoofed",
    code: 666,
  });
  for (const text of renderings(error)) expect(text).not.toContain(CANARY);
});

/** A raw TCP server that answers every request with `head` and a small JSON body. */
async function rawServer(head: string) {
  let requests = 0;
  const tcp = createServer((socket) => {
    socket.on("data", () => {
      requests++;
      const body = '{"id":7}';
      socket.end(
        `${head}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
      );
    });
  });
  await new Promise<void>((resolve) => tcp.listen(0, "127.0.0.1", resolve));
  const { port } = tcp.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, requests: () => requests, close: () => tcp.close() };
}

it("a status outside 200-599 is a typed error, and the answered request is not sent again", async () => {
  const odd = await rawServer("HTTP/1.1 600 Odd");
  try {
    const client = createDeskClient({ baseUrl: odd.url, apiToken: CANARY, logLevel: "off" });
    const error = await guard.rejection(client.raw.GET("/groups"));
    expect(error).toBeInstanceOf(DeskInvalidResponseError);
    expect(error.message).toContain("outside 200-599");
    expect(odd.requests()).toBe(1);
  } finally {
    odd.close();
  }
});

it("a status text that is not Latin-1 is shown as ?, and the answer is used", async () => {
  const odd = await rawServer("HTTP/1.1 200 \u00e9\u4e2d\u6587");
  try {
    const client = createDeskClient({ baseUrl: odd.url, apiToken: CANARY, logLevel: "off" });
    const { data, response } = await client.raw.GET("/groups/{group_id}", {
      params: { path: { group_id: 7 } },
    });
    expect(data).toEqual({ id: 7 });
    expect(response.status).toBe(200);
    expect(odd.requests()).toBe(1);
  } finally {
    odd.close();
  }
});
