// The benchmark's statistics, pure functions of the measured numbers (CommonJS so that the
// Jest tests can load them as they are; bench/stats.d.cts gives their types).
//
// The method: contenders run in rounds, one short block each per round, the order changed from
// round to round (roundOrder), so every ratio is taken between blocks run a few milliseconds
// apart on the same machine state ("paired"). The figure is the median of those per-round ratios. An A/A
// control (two copies of one build) measures how far such a median strays from 1 when nothing
// differs: its band. A ratio inside the band is no measurable difference.
"use strict";

/** How many consecutive stretches of a run the A/A band looks at. */
const BAND_SEGMENTS = 5;

/** The median of a non-empty list of numbers. */
function median(values) {
  if (values.length === 0) throw new RangeError("median of an empty list");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median, min and max of a non-empty list. */
function summary(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** The list rotated by `by` places, so each round starts with a different contender. */
function rotate(list, by) {
  const k = by % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

/** A small seeded pseudo-random generator (mulberry32): numbers in [0, 1), the same for a seed. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** The list in an order drawn from `seed` (Fisher-Yates). */
function shuffle(list, seed) {
  const next = random(seed);
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The order of round `round`: rotated by one place each round, so that over each cycle of as many
 *  rounds as contenders every contender runs once in every position; and shuffled afresh each cycle,
 *  so that no contender always runs right after the same other one (whose garbage, connections and
 *  warm caches it would otherwise inherit every time). */
function roundOrder(list, round, seed = 1) {
  const cycle = Math.floor(round / list.length);
  return rotate(shuffle(list, seed + cycle), round);
}

/** Per-round ratios a[i] / b[i] of two contenders measured in the same rounds. */
function pairedRatios(a, b) {
  if (a.length !== b.length) throw new RangeError(`unpaired rounds: ${a.length} and ${b.length}`);
  return a.map((value, i) => value / b[i]);
}

/** The median of ratios, taken on their logarithms: the middle ratio, or the geometric mean of
 *  the two middle ones, so that the inverse ratios have exactly the inverse median. */
function ratioMedian(ratios) {
  return Math.exp(median(ratios.map(Math.log)));
}

/** Median (as ratioMedian), min and max of a non-empty list of ratios. */
function ratioSummary(ratios) {
  return { median: ratioMedian(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
}

/** `values` cut into `count` consecutive stretches of near-equal length (fewer if too short). */
function stretches(values, count = BAND_SEGMENTS) {
  const n = Math.min(count, values.length);
  return Array.from({ length: n }, (_, i) =>
    values.slice(Math.floor((i * values.length) / n), Math.floor(((i + 1) * values.length) / n)),
  );
}

/** How far a ratio strays from 1 either way, as a fraction: 1.03 and 1 / 1.03 both give 0.03. */
const stray = (ratio) => Math.max(ratio, 1 / ratio) - 1;

/** The noise band from A/A ratios: their median, the medians of the run's stretches, and the
 *  half-width, the farthest any of those medians strays from 1 (0.03 reads as ±3 %: a factor
 *  of 1.03 either way, so a ratio and its inverse read alike). */
function noiseBand(aaRatios, count = BAND_SEGMENTS) {
  const whole = ratioMedian(aaRatios);
  const segments = stretches(aaRatios, count).map(ratioMedian);
  const halfWidth = Math.max(...[whole, ...segments].map(stray));
  return { median: whole, segments: summary(segments), halfWidth };
}

/** How a cost ratio (contender / reference) reads against a band of `halfWidth`. */
function compare(ratio, halfWidth) {
  if (ratio * (1 + halfWidth) < 1) return "cheaper";
  if (ratio > 1 + halfWidth) return "costlier";
  return "no measurable difference";
}

/** A target "ratio at most `limit`": met when the ratio is below the limit by more than the
 *  band, missed when above it by more than the band, and neither claimed nor denied inside. */
function verdict(ratio, limit, halfWidth) {
  if (ratio * (1 + halfWidth) <= limit) return "met";
  if (ratio > limit * (1 + halfWidth)) return "missed";
  return "inside the noise band";
}

module.exports = {
  median,
  summary,
  rotate,
  shuffle,
  roundOrder,
  pairedRatios,
  ratioMedian,
  ratioSummary,
  stretches,
  noiseBand,
  compare,
  verdict,
};
