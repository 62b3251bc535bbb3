// Watches a whole test file for a canary API token: every console.* call and every write to
// process.stdout/stderr is recorded (and passed through), unhandled rejections are counted,
// and `rejection()` checks each error the client throws in every form a user could print.
import { randomBytes } from "node:crypto";
import { inspect } from "node:util";

/** A token shaped like a real one (40 hex digits), random per test file, so a leak cannot hide. */
export const CANARY = randomBytes(20).toString("hex");

const consoleMethods = ["log", "info", "warn", "error", "debug", "trace"] as const;

/** Every string form of an error that could reach a log: message, stack, properties, JSON, inspect. */
export function renderings(error: unknown): string[] {
  const out = [String(error), inspect(error, { depth: Infinity, showHidden: true, getters: true })];
  try {
    out.push(JSON.stringify(error) ?? "");
  } catch (e) {
    out.push(String(e));
  }
  let at: unknown = error;
  for (let hop = 0; at && typeof at === "object" && hop < 10; hop++) {
    for (const key of Object.getOwnPropertyNames(at)) {
      const value = (at as Record<string, unknown>)[key];
      out.push(
        key,
        typeof value === "string" ? value : inspect(value, { depth: Infinity, showHidden: true }),
      );
    }
    at = (at as { cause?: unknown }).cause;
  }
  return out;
}

/** Installs the guard's hooks in the calling test file; returns its checks. */
export function guardCanary(canary: string) {
  const logged: string[] = [];
  let unhandled = 0;
  const onUnhandled = () => void unhandled++;
  const spies: jest.SpyInstance[] = [];

  beforeAll(() => {
    process.on("unhandledRejection", onUnhandled);
    for (const method of consoleMethods) {
      const original = console[method].bind(console);
      spies.push(
        jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
          logged.push(
            args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: Infinity }))).join(" "),
          );
          original(...args);
        }),
      );
    }
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
      spies.push(
        jest.spyOn(stream, "write").mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
          logged.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
          return original(chunk, ...rest);
        }) as typeof stream.write),
      );
    }
  });

  afterAll(async () => {
    // Let any late rejection surface before counting.
    await new Promise((resolve) => setImmediate(resolve));
    process.off("unhandledRejection", onUnhandled);
    for (const spy of spies) spy.mockRestore();
    expect(logged.filter((line) => line.includes(canary))).toEqual([]);
    expect(unhandled).toBe(0);
  });

  return {
    /** Awaits a rejection and proves the error never shows the canary, however it is printed. */
    async rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
      let error: unknown;
      await promise.then(
        (value) => {
          throw new Error(`expected a rejection, got ${inspect(value)}`);
        },
        (e: unknown) => {
          error = e;
        },
      );
      for (const text of renderings(error)) expect(text).not.toContain(canary);
      return error as Error & Record<string, unknown>;
    },
    /** Lines seen so far (for tests that want to look). */
    logged,
  };
}
