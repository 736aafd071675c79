/**
 * Sparklines for the TREND column.
 *
 * @module
 */
const BARS = "▁▂▃▄▅▆▇█";

/** The last `width` values as bars scaled to the largest of them (all zero: the lowest bar). */
export function sparkline(values: readonly number[], width: number): string {
  const shown = values.slice(-Math.max(0, width));
  const max = Math.max(0, ...shown);
  return shown.map((v) => max <= 0 ? BARS[0] : BARS[Math.min(7, Math.floor((Math.max(0, v) / max) * 7.999))])
    .join("");
}
