// The client-wide rate limiter every attempt passes: a cap on attempts in flight, a hold that
// stops every new attempt when the server asks to wait, and a pace (attempts per second) the
// client learns from the server's 429s, since the API documents no limit. A client that is
// never throttled is never paced: its attempts only count against the cap.
import {
  MAX_RETRY_AFTER_MS,
  PACE_CUT,
  PACE_GROWTH_LEARNED,
  PACE_GROWTH_PROBING,
  PACE_LOG_STEP,
  PACE_WINDOW_MS,
} from "./defaults.js";
import type { Log } from "./log.js";
import { retryAfterMs } from "./retry.js";

/** What a client's limiter shows: read it as `desk.rateLimit`. */
export interface RateLimitState {
  /** Attempts per second the client keeps to, learned from 429s; undefined until the first. */
  readonly pace: number | undefined;
  /** Calls waiting for their turn to send an attempt. */
  readonly waiting: number;
  /** Attempts in flight. */
  readonly inFlight: number;
  /** The cap on attempts in flight (the `maxConcurrency` option). */
  readonly maxConcurrency: number;
  /** Milliseconds left of a hold the server asked for (Retry-After), 0 when none. */
  readonly holdMs: number;
}

/** A turn to send one attempt; handed back to `leave` once the attempt has its outcome. */
export type Turn = number;

interface Waiter {
  grant: (turn: Turn | undefined) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/** The lowest pace the client slows to, in attempts per second. */
const MIN_PACE = 0.5;
/** How many accepted answers the ring of recent ones holds. */
const RECENT = 1024;

/** One client's limiter. The transport calls `enter` (or `wait`) before each attempt and
 *  `leave` after it. */
export class RateLimiter {
  readonly #max: number;
  readonly #log: Log;
  #inFlight = 0;
  readonly #queue: Waiter[] = [];
  /** No attempt starts before this time (performance.now() ms); 0 when never held. */
  #holdUntil = 0;
  /** Attempts per second; 0 while unpaced. */
  #pace = 0;
  /** The pace at which the server last answered 429: the pace grows slowly below it. */
  #ceiling = 0;
  /** The earliest start of the next paced attempt. */
  #nextStart = 0;
  /** Bumped at each slow-down: a 429 to an attempt sent before it does not slow down again. */
  #epoch = 0;
  /** When the latest accepted answers arrived (a ring), for the rate of a first 429. */
  readonly #recent = new Float64Array(RECENT).fill(-Infinity);
  #recentNext = 0;
  /** When the current run (the time since the last hold ended) started, and what the server
   *  accepted in it. */
  #runStart = 0;
  #runAccepted = 0;
  #loggedPace = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(maxConcurrency: number, log: Log) {
    this.#max = maxConcurrency;
    this.#log = log;
  }

  /** A turn at once when nothing holds the attempt back (no cap reached, no hold, no pace
   *  to keep, nobody ahead); undefined otherwise, and the caller then `wait`s. */
  enter(): Turn | undefined {
    if (this.#inFlight >= this.#max || this.#queue.length > 0) return undefined;
    if (this.#pace === 0 && this.#holdUntil === 0) {
      this.#inFlight++;
      return this.#epoch;
    }
    const now = performance.now();
    if (now < this.#holdUntil || now < this.#nextStart) return undefined;
    return this.#start(now);
  }

  /** Waits for a turn, in order of arrival; resolves undefined, taking no turn, as soon as
   *  `signal` aborts. */
  wait(signal: AbortSignal | undefined): Promise<Turn | undefined> {
    if (signal?.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        signal,
        grant: (turn) => {
          signal?.removeEventListener("abort", waiter.onAbort);
          resolve(turn);
        },
        onAbort: () => {
          const at = this.#queue.indexOf(waiter);
          if (at >= 0) this.#queue.splice(at, 1);
          resolve(undefined);
          this.#dispatch();
        },
      };
      signal?.addEventListener("abort", waiter.onAbort, { once: true });
      this.#queue.push(waiter);
      this.#dispatch();
    });
  }

  /** Ends a turn with its attempt's answer (none when it failed): frees the slot, and on a
   *  429, or a 503 with Retry-After, holds back every new attempt and slows the pace. */
  leave(turn: Turn, answer: Response | undefined): void {
    this.#inFlight--;
    const status = answer?.status;
    if (status === 429 || status === 503) {
      const asked = retryAfterMs(answer!.headers);
      if (status === 429 || asked !== undefined) this.#throttled(turn, asked);
    } else if (status !== undefined) {
      this.#answered(performance.now());
    }
    if (this.#queue.length > 0) this.#dispatch();
  }

  /** What the limiter shows right now. */
  state(): RateLimitState {
    return {
      pace: this.#pace === 0 ? undefined : this.#pace,
      waiting: this.#queue.length,
      inFlight: this.#inFlight,
      maxConcurrency: this.#max,
      holdMs: Math.max(0, Math.ceil(this.#holdUntil - performance.now())),
    };
  }

  #start(now: number): Turn {
    this.#inFlight++;
    if (this.#pace > 0) {
      // Keep to the pace, with at most one interval of credit so a late timer catches up
      // without an idle spell turning into a burst.
      const interval = 1000 / this.#pace;
      this.#nextStart = Math.max(this.#nextStart, now - interval) + interval;
    }
    return this.#epoch;
  }

  /** Hands turns to waiters while the cap, the hold and the pace allow, else sets a timer. */
  #dispatch(): void {
    while (this.#queue.length > 0 && this.#inFlight < this.#max) {
      const now = performance.now();
      const until = Math.max(this.#holdUntil, this.#nextStart);
      if (now < until) {
        this.#schedule(until - now);
        return;
      }
      this.#queue.shift()!.grant(this.#start(now));
    }
  }

  #schedule(ms: number): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#dispatch();
    }, Math.ceil(ms));
  }

  /** Records an accepted answer; while the pace is what holds calls back, it grows: fast
   *  until the server first objects to a pace, slowly once it has. */
  #answered(now: number): void {
    this.#remember(now);
    if (now >= this.#runStart) this.#runAccepted++;
    if (this.#pace === 0 || this.#queue.length === 0) return;
    // Per answer, so that over a second at this pace the growth is PACE_GROWTH_* per second:
    // exponential while probing, linear (a share of the ceiling) once the ceiling is known.
    const step = this.#ceiling > 0 ? (PACE_GROWTH_LEARNED * this.#ceiling) / this.#pace : PACE_GROWTH_PROBING;
    this.#setPace(this.#pace + step, "no 429 at this pace");
  }

  /** Notes when an accepted answer arrived, in a ring of the latest ones. */
  #remember(now: number): void {
    this.#recent[this.#recentNext] = now;
    this.#recentNext = (this.#recentNext + 1) % RECENT;
  }

  /** Answers accepted per second over the last window (from the ring of recent ones). */
  #acceptedRate(now: number): number {
    let count = 0;
    let oldest = now;
    for (const at of this.#recent) {
      if (at > now - PACE_WINDOW_MS) {
        count++;
        oldest = Math.min(oldest, at);
      }
    }
    // A full ring within the window: the rate over the time it spans.
    const span = count === RECENT ? Math.max(now - oldest, 1) : PACE_WINDOW_MS;
    return (count * 1000) / span;
  }

  /** A 429 (or a 503 asking to wait): hold every new attempt for what the server asked, and
   *  slow down once for each pace the server objects to. */
  #throttled(turn: Turn, asked: number | undefined): void {
    const now = performance.now();
    if (asked !== undefined) {
      this.#holdUntil = Math.max(this.#holdUntil, now + Math.min(asked, MAX_RETRY_AFTER_MS));
      this.#nextStart = Math.max(this.#nextStart, this.#holdUntil);
    }
    if (turn !== this.#epoch) return; // sent before the last slow-down: already counted
    this.#epoch++;
    if (this.#pace === 0) {
      // First 429: start from the rate the server accepted over the last window, and probe up.
      this.#setPace(this.#acceptedRate(now), "first 429");
    } else {
      // Since the last hold ended the server accepted what its limit refilled plus what it had
      // saved up: a rate a little above its limit, and never above the pace it objects to.
      const run = now - this.#runStart;
      const runRate = run > 0 ? (this.#runAccepted * 1000) / run : this.#pace;
      this.#ceiling = this.#pace;
      this.#setPace(PACE_CUT * Math.min(this.#pace, runRate), "429 at this pace");
    }
    this.#runStart = Math.max(now, this.#holdUntil);
    this.#runAccepted = 0;
  }

  #setPace(pace: number, why: string): void {
    const was = this.#pace;
    this.#pace = Math.max(pace, MIN_PACE);
    const logged = this.#loggedPace;
    if (this.#pace < was || logged === 0 || Math.abs(this.#pace - logged) >= logged * PACE_LOG_STEP) {
      this.#loggedPace = this.#pace;
      const held = Math.max(0, Math.round(this.#holdUntil - performance.now()));
      this.#log.debug(
        `pace ${this.#pace.toFixed(1)} requests/s (was ${was === 0 ? "unpaced" : was.toFixed(1)}): ${why};` +
          ` ${this.#queue.length} waiting, ${this.#inFlight} in flight${held > 0 ? `, holding ${held} ms` : ""}`,
      );
    }
  }
}
