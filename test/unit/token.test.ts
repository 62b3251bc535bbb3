// The API token never appears in an error, in inspect() output or in JSON, whatever
// the server echoes back.
import { inspect } from "node:util";
import { createDeskClient } from "../../src/index.js";
import { caught, client, json, TOKEN } from "./fake-fetch.js";

function leaks(value: unknown): string[] {
  const views = {
    inspect: inspect(value, { depth: Infinity, showHidden: true, getters: true }),
    json: JSON.stringify(value) ?? "",
    message: String((value as Error)?.message),
    stack: String((value as Error)?.stack),
    cause: inspect((value as Error)?.cause, { depth: Infinity, showHidden: true }),
  };
  return Object.entries(views)
    .filter(([, text]) => text.includes(TOKEN))
    .map(([view]) => view);
}

const echo = (status: number) => (request: Request) =>
  json(
    {
      message: `bad token ${request.headers.get("SENDBIRDDESKAPITOKEN")}`,
      detail: TOKEN,
      nested: [{ [TOKEN]: TOKEN }],
    },
    status,
    { "x-echo": TOKEN, "x-request-id": `id-${TOKEN}` },
  );

describe("the token", () => {
  it.each([400, 401, 403, 404, 429, 500])(
    "is masked in a %i error even when the server echoes it",
    async (status) => {
      const { desk } = client([echo(status)], { maxRetries: 0 });
      const error = await caught(() => desk.groups.get(1));
      expect(error.status).toBe(status);
      expect(leaks(error)).toEqual([]);
      expect(error.message).toContain("bad token [redacted]");
      expect(error.headers.get("x-echo")).toBe("[redacted]");
    },
  );

  it("is masked in an invalid 2xx body", async () => {
    const { desk } = client([() => new Response(`<p>${TOKEN}</p>`, { status: 200 })]);
    const error = await caught(() => desk.groups.get(1));
    expect(error.name).toBe("DeskInvalidResponseError");
    expect(leaks(error)).toEqual([]);
  });

  it("is masked in a 2xx body of the wrong shape", async () => {
    const { desk } = client([() => json([TOKEN, { token: TOKEN }])]);
    const error = await caught(() => desk.groups.get(1));
    expect(error.name).toBe("DeskInvalidResponseError");
    expect(error.message).toContain("not the documented shape");
    expect(leaks(error)).toEqual([]);
  });

  it("is masked in connection errors, even from a fetch that names it", async () => {
    const { desk } = client([new TypeError(`connect failed for ${TOKEN}`)], { maxRetries: 0 });
    const error = await caught(() => desk.groups.get(1));
    expect(error.name).toBe("DeskConnectionError");
    expect(leaks(error)).toEqual([]);
  });

  it("is absent from timeouts, aborts and validation errors", async () => {
    const hang = (r: Request) =>
      new Promise<Response>((_, reject) =>
        r.signal.addEventListener("abort", () => reject(new Error(TOKEN))),
      );
    const { desk } = client([hang], { timeoutMs: 10, maxRetries: 0 });
    const errors = [
      await caught(() => desk.groups.get(1)),
      await caught(() => desk.groups.get(1, { signal: AbortSignal.abort(new Error(TOKEN)) })),
      await caught(() => desk.groups.get(-1)),
      await caught(() => desk.raw.GET("/groups", { baseUrl: `https://x.example/${TOKEN}` })),
    ];
    expect(errors.map((e) => e.name)).toEqual([
      "DeskTimeoutError",
      "DeskAbortError",
      "DeskValidationError",
      "DeskValidationError",
    ]);
    for (const error of errors) expect(leaks(error)).toEqual([]);
  });

  it("is absent from inspect(desk), JSON and string forms of the client", () => {
    const { desk } = client([]);
    expect(inspect(desk, { depth: Infinity, showHidden: true })).toBe(
      "DeskClient { baseUrl: 'https://desk-api-app1.sendbird.com/platform/v1', apiToken: '[redacted]' }",
    );
    expect(String(desk)).not.toContain(TOKEN);
    expect(JSON.stringify(desk)).not.toContain(TOKEN);
    expect(inspect(desk.groups, { depth: Infinity, showHidden: true })).not.toContain(TOKEN);
    expect(inspect(desk.raw, { depth: Infinity, showHidden: true })).not.toContain(TOKEN);
  });

  it("is not logged", async () => {
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((m) =>
      jest.spyOn(console, m).mockImplementation(() => undefined),
    );
    try {
      const { desk } = client([echo(500)], { maxRetries: 1 });
      await caught(() => desk.groups.get(1));
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it("is required: a clear error at construction", () => {
    const saved = process.env.SENDBIRD_DESK_API_TOKEN;
    delete process.env.SENDBIRD_DESK_API_TOKEN;
    try {
      expect(() => createDeskClient({ applicationId: "a" })).toThrow(
        "apiToken: undefined is not valid: is required (or env SENDBIRD_DESK_API_TOKEN)",
      );
    } finally {
      if (saved !== undefined) process.env.SENDBIRD_DESK_API_TOKEN = saved;
    }
  });
});
