// Abort signals for one attempt, and a sleep that an abort cuts short. Written by hand
// because AbortSignal.any() is missing from Node 18, which the package supports.

/** Why an attempt's signal fired. */
export type AbortCause = "caller" | "timeout";

/** A signal that fires when the caller aborts or `timeoutMs` passes; `done()` releases
 *  the timer and the listener. `cause()` says which fired. */
export function attemptSignal(caller: AbortSignal | undefined, timeoutMs: number) {
  const controller = new AbortController();
  let fired: AbortCause | undefined;
  const fire = (cause: AbortCause) => {
    if (fired) return;
    fired = cause;
    controller.abort(cause === "caller" ? caller?.reason : new Error("timeout"));
  };
  const onAbort = () => fire("caller");
  const timer = setTimeout(() => fire("timeout"), timeoutMs);
  if (caller?.aborted) fire("caller");
  else caller?.addEventListener("abort", onAbort, { once: true });
  return {
    signal: controller.signal,
    cause: () => fired,
    done() {
      clearTimeout(timer);
      caller?.removeEventListener("abort", onAbort);
    },
  };
}

/** Resolves after `ms`, or rejects with `"caller"` as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject("caller");
    const onAbort = () => {
      clearTimeout(timer);
      reject("caller");
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
