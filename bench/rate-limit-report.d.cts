// Types of bench/rate-limit-report.cjs (the rate-limit benchmark's options and summary), for
// the tests that check them.
import type { parseArgs } from "node:util";

/** One scenario: N calls at once against a bucket of `rate` per second and `burst`. */
export interface Scenario {
  calls: number;
  rate: number;
  burst: number;
}

/** One contender's run of a scenario, as measured. */
export interface Run {
  wallMs: number;
  requests: number;
  rejected: number;
  failed: number;
  maxInFlight: number;
}

/** A contender's figures over its rounds. */
export interface Figures {
  rounds: number;
  ofIdeal: number;
  ofIdealMin: number;
  ofIdealMax: number;
  requests: number;
  rejectedShare: number;
  rejected: number;
  failed: number;
  maxInFlight: number;
}

export interface RateLimitOptions {
  quick?: boolean;
  baseline?: string;
  write?: boolean;
  help?: boolean;
  rounds: number;
}

export const LATENCY_MS: number;
export const RATE_LIMIT_USAGE: string;
export const SCENARIOS: { full: Scenario[]; quick: Scenario[] };
export const SECTION_START: string;
export const SECTION_END: string;
/** The command line's options; throws an Error saying what is wrong. */
export function rateLimitOptions(parse: typeof parseArgs, args: string[]): RateLimitOptions;
/** Medians of a contender's runs, against the ideal N/R. */
export function summarize(runs: Run[], scenario: Pick<Scenario, "calls" | "rate">): Figures;
/** A scenario's Markdown table, one row per contender. */
export function scenarioTable(scenario: Scenario, figures: Record<string, Figures>): string;
/** `document` with its rate-limit section replaced (or appended). */
export function withSection(document: string, section: string): string;
/** The rate-limit section of `document`, or "". */
export function sectionOf(document: string): string;
