// What each log level writes, and that the token never appears in any line, at any level,
// for any failure (the canary token is echoed by the fake server in every form it can).
import { createDeskClient, DeskValidationError, type Logger, type LogLevel } from "../../src/index.js";
import { caught, client, json, TOKEN, withMembers } from "./fake-fetch.js";

/** A logger that records every line with its level. */
function capture() {
  const lines: { level: string; text: string }[] = [];
  const at = (level: string) => (text: string) => void lines.push({ level, text });
  const logger: Logger = { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug") };
  return { lines, logger };
}

const echo = { "x-echo": TOKEN, "retry-after-ms": "0" };
const steps = {
  retried: () => [json({ message: `busy ${TOKEN}` }, 503, echo), json(withMembers(7), 200, echo)],
  timeout: () => [() => new Promise<Response>(() => {})],
  connection: () => [new TypeError(`connect ECONNREFUSED for ${TOKEN}`)],
  invalid: () => [json([TOKEN], 200, echo)],
  tooLong: () => [json({ message: "later" }, 429, { "retry-after": "3600", "x-echo": TOKEN })],
};

async function run(level: LogLevel, kind: keyof typeof steps) {
  const { lines, logger } = capture();
  const { desk } = client(steps[kind](), { logLevel: level, logger, timeoutMs: 20, maxRetries: 1 });
  await desk.groups.get(7).catch(() => undefined); // "retried" succeeds, the others fail
  return lines;
}

describe("levels", () => {
  it("info: each retry with method, URL, attempt and maximum, reason, wait and its source", async () => {
    const lines = await run("info", "retried");
    const info = lines.filter((l) => l.level === "info");
    expect(info).toHaveLength(1);
    expect(info[0]!.text).toMatch(
      /^\[sendbird-desk\] GET https:\/\/\S+\/groups\/7 \(attempt 1 of 2\): status 503; retrying in 0 ms \(retry-after\)$/,
    );
    expect(lines.some((l) => l.level === "debug")).toBe(false);
  });

  it("info: the failure kind of a retried timeout and connection failure, with the backoff wait", async () => {
    expect((await run("info", "timeout"))[0]!.text).toMatch(/: timeout; retrying in \d+ ms \(backoff\)$/);
    expect((await run("info", "connection"))[0]!.text).toMatch(
      /: connection failure; retrying in \d+ ms \(backoff\)$/,
    );
  });

  it("warn: a Retry-After past the cap, and an answer that is not the documented shape", async () => {
    const tooLong = await run("warn", "tooLong");
    expect(tooLong.map((l) => l.level)).toEqual(["warn"]);
    expect(tooLong[0]!.text).toMatch(/asks to wait 3600000 ms, longer than the client waits; failing now$/);
    const invalid = await run("warn", "invalid");
    expect(invalid.map((l) => l.level)).toEqual(["warn"]);
    expect(invalid[0]!.text).toContain("not the documented shape");
  });

  it("debug: every attempt with status, duration and both sides' headers, the token as [redacted]", async () => {
    const debug = (await run("debug", "retried")).filter((l) => l.level === "debug");
    // A 503 asking to wait also sets the client's pace: one more debug line, between the attempts.
    expect(debug[1]!.text).toMatch(/pace 1\.0 requests\/s \(was unpaced\): first 503/);
    const lines = debug.filter((l) => l.text.includes(" attempt "));
    expect(lines).toHaveLength(2);
    expect(lines[0]!.text).toMatch(/GET \S+\/groups\/7 attempt 1: 503 in \d+ ms; request headers \{/);
    expect(lines[1]!.text).toMatch(/attempt 2: 200 in \d+ ms/);
    expect(lines[0]!.text).toContain("sendbirddeskapitoken: [redacted]");
    expect(lines[0]!.text).toContain("x-echo: [redacted]");
  });

  it("off and error write nothing for these calls; warn is the default", async () => {
    for (const kind of Object.keys(steps) as (keyof typeof steps)[]) {
      expect(await run("off", kind)).toEqual([]);
      expect(await run("error", kind)).toEqual([]);
    }
    const { lines, logger } = capture();
    const desk = createDeskClient({
      applicationId: "a",
      apiToken: TOKEN,
      logger,
      fetch: async () => json([1]),
    });
    await caught(() => desk.groups.get(1));
    expect(lines.map((l) => l.level)).toEqual(["warn"]);
  });

  it("the token appears in no line, at any level, for any failure", async () => {
    const forms = [TOKEN, TOKEN.toLowerCase(), encodeURIComponent(TOKEN)];
    for (const level of ["error", "warn", "info", "debug"] as const) {
      for (const kind of Object.keys(steps) as (keyof typeof steps)[]) {
        for (const line of await run(level, kind)) {
          for (const form of forms)
            expect([level, kind, line.text.includes(form)]).toEqual([level, kind, false]);
        }
      }
    }
  });
});

describe("choosing the level", () => {
  const saved = process.env.SENDBIRD_DESK_LOG;
  afterEach(() => {
    if (saved === undefined) delete process.env.SENDBIRD_DESK_LOG;
    else process.env.SENDBIRD_DESK_LOG = saved;
  });

  it("reads env SENDBIRD_DESK_LOG when the option is absent; the option wins", async () => {
    process.env.SENDBIRD_DESK_LOG = "debug";
    const { lines, logger } = capture();
    const fetch = async () => json(withMembers(1));
    await createDeskClient({ applicationId: "a", apiToken: TOKEN, logger, fetch }).groups.get(1);
    expect(lines.map((l) => l.level)).toEqual(["debug"]);
    lines.length = 0;
    await createDeskClient({
      applicationId: "a",
      apiToken: TOKEN,
      logger,
      fetch,
      logLevel: "off",
    }).groups.get(1);
    expect(lines).toEqual([]);
  });

  it("refuses a bad level, from the option or the env, and a logger without the four methods", async () => {
    const options = { applicationId: "a", apiToken: TOKEN };
    const bad = await caught(() => createDeskClient({ ...options, logLevel: "verbose" as never }));
    expect(bad).toBeInstanceOf(DeskValidationError);
    expect(bad).toMatchObject({ field: "logLevel", value: "verbose" });
    expect(bad.rule).toBe("must be one of off, error, warn, info, debug");
    process.env.SENDBIRD_DESK_LOG = "loud";
    expect(await caught(() => createDeskClient(options))).toMatchObject({
      field: "SENDBIRD_DESK_LOG",
      value: "loud",
    });
    delete process.env.SENDBIRD_DESK_LOG;
    const logger = { info: () => {} } as never;
    expect(await caught(() => createDeskClient({ ...options, logger }))).toMatchObject({ field: "logger" });
  });
});
