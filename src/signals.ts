// One helper for both waits of the transport: an attempt (ended by its timeout or by the
// caller) and the pause before a retry (ended by its delay or by the caller). Written by hand
// because AbortSignal.any() is missing from Node 18, which the package supports.

/** A signal that aborts when the caller's does or when `ms` pass; `end()` releases the
 *  timer and the listener without aborting it. */
export function deadline(caller: AbortSignal, ms: number) {
  const controller = new AbortController();
  const onAbort = () => controller.abort(caller.reason);
  const timer = setTimeout(() => controller.abort(new Error("timeout")), ms);
  if (caller.aborted) onAbort();
  else caller.addEventListener("abort", onAbort);
  return {
    signal: controller.signal,
    end() {
      clearTimeout(timer);
      caller.removeEventListener("abort", onAbort);
    },
  };
}

/** Resolves after `ms`, or as soon as the caller aborts (the caller checks which). */
export function pause(caller: AbortSignal, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const { signal, end } = deadline(caller, ms);
    const done = () => resolve(end());
    if (signal.aborted) done();
    else signal.addEventListener("abort", done);
  });
}
