// Types of bench/stats.cjs (the benchmark's statistics), for the tests that check its maths.

/** Median, min and max of a list. */
export interface Summary {
  median: number;
  min: number;
  max: number;
}

/** What the A/A control says about a run's noise. */
export interface NoiseBand {
  /** The A/A ratio over the whole run. */
  median: number;
  /** The spread of the A/A medians (ratioMedian) of the run's stretches. */
  segments: Summary;
  /** How far any of those medians strays from 1, as a factor either way (0.03 = ±3 %). */
  halfWidth: number;
}

/** The median of a non-empty list of numbers. */
export function median(values: readonly number[]): number;
/** Median, min and max of a non-empty list. */
export function summary(values: readonly number[]): Summary;
/** The list rotated by `by` places. */
export function rotate<T>(list: readonly T[], by: number): T[];
/** The list in an order drawn from `seed`. */
export function shuffle<T>(list: readonly T[], seed: number): T[];
/** The order of round `round`: rotated each round, shuffled afresh each cycle of list.length rounds. */
export function roundOrder<T>(list: readonly T[], round: number, seed?: number): T[];
/** Per-round ratios a[i] / b[i]. */
export function pairedRatios(a: readonly number[], b: readonly number[]): number[];
/** The median of ratios, taken on their logarithms (the inverse ratios have the inverse median). */
export function ratioMedian(ratios: readonly number[]): number;
/** Median (as ratioMedian), min and max of a list of ratios. */
export function ratioSummary(ratios: readonly number[]): Summary;
/** `values` cut into `count` consecutive stretches of near-equal length. */
export function stretches<T>(values: readonly T[], count?: number): T[][];
/** The noise band from A/A ratios. */
export function noiseBand(aaRatios: readonly number[], count?: number): NoiseBand;
/** How a cost ratio reads against a band. */
export function compare(
  ratio: number,
  halfWidth: number,
): "cheaper" | "costlier" | "no measurable difference";
/** A target "ratio at most `limit`" judged against a band. */
export function verdict(
  ratio: number,
  limit: number,
  halfWidth: number,
): "met" | "missed" | "inside the noise band";
