// desk.raw behaves as openapi-fetch does where the README names no difference: each case
// runs bare openapi-fetch and desk.raw against the same loopback server and compares what
// arrives and what comes back.
import createClient, { type Middleware } from "openapi-fetch";
import { createDeskClient, DeskConnectionError, DeskValidationError } from "../../src/index.js";
import type { paths } from "../../src/types.js";
import { CANARY, guardCanary } from "./leak-guard.js";
import { refusedPort, reply, type ScriptedServer, startScriptedServer } from "./scripted-server.js";
import { group } from "../helpers/groups.js";

guardCanary(CANARY);
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

/** A group without members, as the spec describes it. */
const GROUP = { ...group(7), members: [] };

/** The `code` nearest the top of an error's cause chain, if any. */
function codeIn(error: unknown): unknown {
  for (let at = error, hop = 0; at && typeof at === "object" && hop < 10; hop++) {
    const code = (at as { code?: unknown }).code;
    if (code !== undefined) return code;
    at = (at as { cause?: unknown }).cause;
  }
  return undefined;
}

describe("a path value that is an object, an array or a boolean", () => {
  test.each([
    ["a boolean", true],
    ["an array", [1, 2]],
    ["an object", { a: 1, b: 2 }],
  ])("%s: sent as openapi-fetch sends it, or refused naming the real rule", async (_kind, value) => {
    const params = { path: { group_id: value as unknown as number } };
    server.script(reply(200, GROUP));
    const bare = createClient<paths>({ baseUrl: server.url });
    await bare.GET("/groups/{group_id}", { params });
    const bareUrl = server.arrivals[0]!.url;

    server.script(reply(200, GROUP));
    const desk = createDeskClient({ baseUrl: server.url, apiToken: CANARY, logLevel: "off" });
    let refusal: unknown;
    await desk.raw.GET("/groups/{group_id}", { params }).catch((error: unknown) => (refusal = error));
    if (refusal === undefined) {
      expect(server.arrivals.map((arrival) => arrival.url)).toEqual([bareUrl]);
    } else {
      // Refused: then for the rule the value breaks, not the rule about dot segments.
      expect(refusal).toBeInstanceOf(DeskValidationError);
      expect((refusal as DeskValidationError).rule).not.toMatch(/"\.\."/);
      expect(server.arrivals).toHaveLength(0);
    }
  });
});

test("an onError middleware that returns a replacement Error: the caller gets that error", async () => {
  const port = await refusedPort();
  const baseUrl = `http://127.0.0.1:${port}`;
  class Replacement extends Error {}
  const replacing = (replacement: Error): Middleware => ({ onError: () => replacement });

  const bareReplacement = new Replacement("from the middleware");
  const bare = createClient<paths>({ baseUrl });
  bare.use(replacing(bareReplacement));
  await expect(bare.GET("/groups")).rejects.toBe(bareReplacement);

  const deskReplacement = new Replacement("from the middleware");
  const desk = createDeskClient({ baseUrl, apiToken: CANARY, logLevel: "off", maxRetries: 0 });
  desk.raw.use(replacing(deskReplacement));
  await expect(desk.raw.GET("/groups")).rejects.toBe(deskReplacement);
});

describe("a refused connection keeps the original error's code in the cause chain", () => {
  let baseUrl: string;
  beforeAll(async () => {
    baseUrl = `http://127.0.0.1:${await refusedPort()}`;
  });

  test("bare openapi-fetch (the reference)", async () => {
    const error = await createClient<paths>({ baseUrl })
      .GET("/groups")
      .catch((e: unknown) => e);
    expect(codeIn(error)).toBe("ECONNREFUSED");
  });

  test("desk.raw.GET", async () => {
    const desk = createDeskClient({ baseUrl, apiToken: CANARY, logLevel: "off", maxRetries: 0 });
    const error = await desk.raw.GET("/groups").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeskConnectionError);
    expect(codeIn((error as Error).cause)).toBe("ECONNREFUSED");
  });

  test("groups.get", async () => {
    const desk = createDeskClient({ baseUrl, apiToken: CANARY, logLevel: "off", maxRetries: 0 });
    const error = await desk.groups.get(7).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeskConnectionError);
    expect(codeIn((error as Error).cause)).toBe("ECONNREFUSED");
  });
});
