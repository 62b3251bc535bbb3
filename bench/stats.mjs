// Small statistics and formatting helpers for the benchmark tables.

/** The median of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median, min and max of a list. */
export function summary(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** A number with a fixed count of decimals and thousands separators. */
export function fmt(value, decimals = 0) {
  return value.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** "median (min–max)" for a summary. */
export function spread(s, decimals = 0, unit = "") {
  return `${fmt(s.median, decimals)}${unit} (${fmt(s.min, decimals)}–${fmt(s.max, decimals)})`;
}

/** Rotates a list by `by` places, so each round starts with a different contender. */
export function rotate(list, by) {
  const k = by % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

/** A markdown table from a header row and body rows. */
export function table(header, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
