// The two waits of a call, each bounded by the caller's signal: an attempt (ended by its
// timeout) and the pause before a retry (ended by its delay). Both hold whatever the
// injected fetch does with the signal it is given: the attempt is raced against them.

/** Why an attempt's signal fired. */
export class TimeoutReason extends Error {
  override name = "TimeoutReason";
}

/** An attempt's deadline: `signal` aborts when the caller's does or when `ms` pass;
 *  `end()` releases the timer. */
export interface Deadline {
  readonly signal: AbortSignal;
  readonly timedOut: boolean;
  end(): void;
}

/** Starts an attempt's deadline of `ms`, joined with the caller's signal. */
export function startDeadline(caller: AbortSignal | undefined, ms: number): Deadline {
  const timer = new AbortController();
  const handle = setTimeout(() => timer.abort(new TimeoutReason(`timed out after ${ms} ms`)), ms);
  const signal = caller ? AbortSignal.any([caller, timer.signal]) : timer.signal;
  return {
    signal,
    get timedOut() {
      return timer.signal.aborted;
    },
    end: () => clearTimeout(handle),
  };
}

/** `work`, or a rejection with the signal's reason as soon as it aborts, whichever is
 *  first: a fetch or a body read that ignores its signal cannot outlive the deadline. */
export function raceSignal<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => {}); // settled later, by nobody: keep it from being an unhandled rejection
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** Resolves after `ms`, or as soon as the caller aborts (the caller checks which). */
export function pause(caller: AbortSignal | undefined, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(handle);
      caller?.removeEventListener("abort", done);
      resolve();
    };
    const handle = setTimeout(done, ms);
    if (caller?.aborted) done();
    else caller?.addEventListener("abort", done, { once: true });
  });
}
