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

/** A turn to send one attempt (its number, in order of sending); handed back to `leave` once
 *  the attempt has its outcome. */
export type Turn = number;

interface Waiter {
  grant: (turn: Turn | undefined) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/** The lowest pace the client slows to, in attempts per second. */
const MIN_PACE = 1;
/** How many accepted answers the ring of recent ones holds. */
const RECENT = 1024;
/** The pace's growth stops rising this long after the last hold (at 12 % of the limit per second). */
const MAX_GROWTH_AGE_MS = 60_000;
/** How many send times of a run are kept to fit the server's limit to. */
const RUN_SENDS = 4096;

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
  /** The server's limit as the last 429 told it; 0 before. Past the first, the pace grows slowly. */
  #ceiling = 0;
  /** The slot (a time) the last paced attempt took; the next is one interval of the current
   *  pace later, so a pace that grows takes effect at once. */
  #lastSlot = -Infinity;
  /** The number of the next turn. */
  #turns = 0;
  /** The first turn after the last slow-down: a 429 to an earlier one does not slow down again. */
  #runFirst = 0;
  /** When each turn of the current run was sent (from `#runFirst` on), up to RUN_SENDS. */
  #runSends: number[] = [];
  /** How many requests the server let through at once before its first 429 (its burst). */
  #burst = 0;
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
      return this.#turns++;
    }
    const now = performance.now();
    if (now < this.#earliest()) return undefined;
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
    const capped = this.#inFlight-- >= this.#max;
    const status = answer?.status;
    if (status === 429 || status === 503) {
      const asked = retryAfterMs(answer!.headers);
      if (status === 429 || asked !== undefined) this.#throttled(turn, status, asked);
    } else if (status !== undefined) {
      this.#answered(turn, performance.now(), capped);
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
      // Take the next slot; a late timer may catch up by two intervals, no more, so that
      // neither an idle spell nor the end of a hold turns into a burst.
      const interval = 1000 / this.#pace;
      this.#lastSlot = Math.max(this.#lastSlot + interval, now - 2 * interval);
      if (this.#runSends.length < RUN_SENDS) this.#runSends.push(now);
    }
    return this.#turns++;
  }

  /** Hands turns to waiters while the cap, the hold and the pace allow, else sets a timer;
   *  with nobody left waiting, no timer keeps the process alive. */
  #dispatch(): void {
    if (this.#queue.length === 0 && this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    while (this.#queue.length > 0 && this.#inFlight < this.#max) {
      const now = performance.now();
      const until = this.#earliest();
      if (now < until) {
        this.#schedule(until - now);
        return;
      }
      this.#queue.shift()!.grant(this.#start(now));
    }
  }

  /** When the next attempt may start: after any hold, and one interval after the last slot. */
  #earliest(): number {
    const paced = this.#pace > 0 ? this.#lastSlot + 1000 / this.#pace : 0;
    return Math.max(this.#holdUntil, paced);
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
  #answered(turn: Turn, now: number, capped: boolean): void {
    this.#remember(now);
    if (now >= this.#runStart) this.#runAccepted++;
    // Only an attempt sent at the current pace says that pace is accepted, and only while the
    // pace (not the cap) is what holds calls back.
    if (this.#pace === 0 || capped || this.#queue.length === 0 || turn < this.#runFirst) return;
    // Per answer, so that over a second at this pace the growth is as PACE_GROWTH_* say:
    // exponential while probing; once the limit is known, a share of it that rises with the
    // time since the last hold.
    const since = Math.min(Math.max(0, now - this.#runStart), MAX_GROWTH_AGE_MS) / 1000;
    const step =
      this.#ceiling > 0 ? (PACE_GROWTH_LEARNED * this.#ceiling * since) / this.#pace : PACE_GROWTH_PROBING;
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
  #throttled(turn: Turn, status: number, asked: number | undefined): void {
    const now = performance.now();
    if (asked !== undefined) {
      this.#holdUntil = Math.max(this.#holdUntil, now + Math.min(asked, MAX_RETRY_AFTER_MS));
    }
    if (turn < this.#runFirst) return; // sent before the last slow-down: already counted
    if (this.#pace === 0) {
      // First 429: what the server let through in the last window is its burst, and the rate
      // to start from; the pace then grows until the server objects.
      const rate = this.#acceptedRate(now);
      this.#burst = Math.max(1, Math.min(Math.round(rate), this.#max));
      this.#setPace(rate, `first ${status}`);
    } else {
      // The server's limit, fitted to this run's sends; at the least, what it accepted over
      // the run (its refill plus its burst: a little above its limit when the pace was). Once
      // a limit is known, one 429 (perhaps a burst the network bunched up) cuts the pace by a
      // step at most.
      const run = now - this.#runStart;
      const runRate = run > 0 ? (this.#runAccepted * 1000) / run : this.#pace;
      const floor = this.#ceiling > 0 ? PACE_CUT * Math.min(this.#pace, runRate) : 0;
      const limit = Math.min(this.#pace, Math.max(this.#fit(turn), runRate, floor));
      this.#ceiling = limit;
      this.#setPace(PACE_CUT * limit, `${status} at this pace`);
    }
    this.#runStart = Math.max(now, this.#holdUntil);
    this.#runAccepted = 0;
    this.#runFirst = this.#turns;
    this.#runSends = [];
  }

  /** The highest rate (per second) at which a token bucket holding `#burst` requests, full when
   *  the run started, would have refused `turn` or a request before it in this run: the
   *  server's rate, as far as this run tells. 0 when the run's sends were not all kept. */
  #fit(turn: Turn): number {
    const sends = this.#runSends.slice(0, turn - this.#runFirst + 1);
    if (sends.length !== turn - this.#runFirst + 1) return 0;
    const refuses = (rate: number) => {
      let tokens = this.#burst;
      let last = this.#runStart;
      for (const at of sends) {
        tokens = Math.min(this.#burst, tokens + ((at - last) * rate) / 1000);
        last = at;
        if (tokens < 1) return true;
        tokens -= 1;
      }
      return false;
    };
    let low = 0;
    let high = this.#pace;
    if (refuses(high)) return high;
    for (let i = 0; i < 30; i++) {
      const mid = (low + high) / 2;
      if (refuses(mid)) low = mid;
      else high = mid;
    }
    return low;
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
