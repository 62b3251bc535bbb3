// Promises at the edges of the options and of masking: base URLs that would send every call
// elsewhere, secrets in a refused URL, the token in the forms a server may echo it in, and
// values that JSON cannot show.
import { createDeskClient, DeskValidationError } from "../../src/index.js";
import { caught, client, json, withMembers } from "./fake-fetch.js";

describe("baseUrl", () => {
  it.each([
    ["ending in #", "https://api.test/v1#"],
    ["ending in ?", "https://api.test/v1?"],
    ["with a template", "https://api.test/{application_id}/v1"],
  ])("%s is refused at construction", async (_what, baseUrl) => {
    const error = await caught(() => createDeskClient({ baseUrl, apiToken: "t0k" }));
    expect(error).toBeInstanceOf(DeskValidationError);
    expect(error.field).toBe("baseUrl");
    expect(error.rule).toMatch(/no query, fragment or template/);
  });

  it("a refused baseUrl is shown with its password and query masked", async () => {
    for (const baseUrl of [
      "http://:secretpw@10.1.2.3/v1",
      "https://api.test/v1?token=s3cr3t",
      "ftp://u:pw@x/",
    ]) {
      const error = await caught(() => createDeskClient({ baseUrl, apiToken: "t0k" }));
      expect(error).toBeInstanceOf(DeskValidationError);
      expect(error.message).not.toMatch(/secretpw|s3cr3t|u:pw/);
      expect(error.message).toContain("[redacted]");
    }
  });
});

describe("masking", () => {
  const token = 'to"k\\en/+&=x';

  it("finds the token JSON-escaped, URL-encoded and as a lower-cased header name", async () => {
    const echoed = JSON.stringify({ message: `echo ${token}`, url: `?t=${encodeURIComponent(token)}` });
    const answer = new Response(echoed, {
      status: 401,
      headers: { "content-type": "application/json", [`x-${token.replace(/[^a-z]/gi, "")}`]: "1" },
    });
    const desk = createDeskClient({
      applicationId: "a",
      apiToken: token,
      fetch: async () => answer,
      logLevel: "off",
    });
    const error = await caught(() => desk.groups.get(1));
    const shown = [error.message, JSON.stringify(error.body), JSON.stringify([...error.headers])].join("\n");
    for (const form of [token, JSON.stringify(token).slice(1, -1), encodeURIComponent(token)]) {
      expect(shown).not.toContain(form);
    }
    expect(error.message).toContain("echo [redacted]");
  });

  it("drops a header whose name is the token, which Headers lower-cases", async () => {
    const named = "Secret123Token";
    const answer = new Response("{}", { status: 500, headers: { [named]: "1", "x-keep": "yes" } });
    const desk = createDeskClient({
      applicationId: "a",
      apiToken: named,
      fetch: async () => answer,
      maxRetries: 0,
    });
    const error = await caught(() => desk.groups.get(1));
    expect([...error.headers.keys()]).not.toContain(named.toLowerCase());
    expect(error.headers.get("x-keep")).toBe("yes");
  });

  it("masks only what the server sent: a one-letter token leaves the URL, the method and other words whole", async () => {
    const desk = createDeskClient({
      applicationId: "app",
      apiToken: "t",
      fetch: async () => json({ message: "token t not found" }, 404),
      logLevel: "off",
    });
    const error = await caught(() => desk.groups.get(7));
    expect(error.message).toBe(
      "GET https://desk-api-app.sendbird.com/platform/v1/groups/7 failed with 404: token [redacted] not found",
    );
    expect(error.url).toBe("https://desk-api-app.sendbird.com/platform/v1/groups/7");
  });
});

describe("validation messages", () => {
  it.each([
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "Infinity"],
    [Number.NEGATIVE_INFINITY, "-Infinity"],
  ])("show %s as itself, not as null", async (value, shown) => {
    const { desk } = client([json(withMembers(1))]);
    const error = await caught(() => desk.groups.list({ offset: value }));
    expect(error.message).toBe(`offset: ${shown} is not valid: ${error.rule}`);
  });
});
