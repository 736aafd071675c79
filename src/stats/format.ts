/**
 * Width-aware formatting of numbers, byte counts, durations and text for table cells. All pure.
 *
 * Unlike the original (which floored to one unit and stopped at `M` bytes), numbers keep the best precision
 * that fits the cell, bytes go up to `P`, and durations use two units when they fit. Text that does not fit
 * is cut on the right with `..`, so the start of a name stays readable.
 *
 * @example
 * ```ts
 * import { fitText, humanBinary, humanMetric, humanSeconds } from "./format.ts";
 * humanMetric(1234567, 5); // "1.23M"
 * humanBinary(1536); // "1.50K"
 * humanSeconds(3659, 5); // "1h00m"
 * fitText("static-server-01", 8); // "static.."
 * ```
 *
 * @module
 */

const METRIC_UNITS: readonly (readonly [number, string])[] = [
  [1e15, "P"],
  [1e12, "T"],
  [1e9, "G"],
  [1e6, "M"],
  [1e3, "k"],
];
const BINARY_UNITS = ["K", "M", "G", "T", "P"] as const;
const TIME_UNITS: readonly (readonly [number, string])[] = [
  [86400, "d"],
  [3600, "h"],
  [60, "m"],
  [1, "s"],
];

/** `abs / unit` floored to `decimals` places, trailing zeros (and a bare point) dropped. */
function floorDecimal(abs: number, unit: number, decimals: number): string {
  const scale = 10 ** decimals;
  const scaled = Math.floor((abs * scale) / unit);
  const whole = Math.floor(scaled / scale);
  if (decimals === 0) return String(whole);
  const frac = String(scaled % scale).padStart(decimals, "0").replace(/0+$/, "");
  return frac === "" ? String(whole) : `${whole}.${frac}`;
}

/**
 * A number in at most `width` characters: the plain number when it fits, else with a metric suffix
 * (`k`, `M`, `G`, `T`, `P`, powers of 1000) and the most decimals (2, 1 or 0, floored, never rounded up)
 * that fit. When even the shortest form is too wide, the shortest form is returned.
 *
 * @example
 * ```ts
 * humanMetric(1234567, 7); // "1234567"
 * humanMetric(1234567, 5); // "1.23M"
 * humanMetric(1234567, 4); // "1.2M"
 * humanMetric(1234567, 2); // "1M"
 * ```
 */
export function humanMetric(n: number, width: number): string {
  const plain = String(n);
  if (plain.length <= width || !Number.isFinite(n)) return plain;
  const sign = n < 0 ? "-" : "";
  const abs = Math.abs(n);
  const found = METRIC_UNITS.find(([unit]) => abs >= unit);
  if (found === undefined) return plain;
  const [unit, suffix] = found;
  let text = plain;
  for (const decimals of [2, 1, 0]) {
    text = `${sign}${floorDecimal(abs, unit, decimals)}${suffix}`;
    if (text.length <= width) break;
  }
  return text;
}

/**
 * A byte count with IEEE 1541 binary units (powers of 1024, printed as single letters `K` … `P`) and two
 * decimals; below 1024 the plain count with `B`.
 *
 * @example
 * ```ts
 * humanBinary(1023); // "1023B"
 * humanBinary(1536); // "1.50K"
 * humanBinary(123456789012); // "114.98G"
 * ```
 */
export function humanBinary(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const sign = n < 0 ? "-" : "";
  let value = Math.abs(n);
  if (value < 1024) return `${n}B`;
  let unit = -1;
  while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  let text = value.toFixed(2);
  if (text === "1024.00" && unit < BINARY_UNITS.length - 1) {
    value /= 1024;
    unit++;
    text = value.toFixed(2);
  }
  return `${sign}${text}${BINARY_UNITS[unit]}`;
}

/**
 * A duration in seconds: two units (`1m01s`, `1h00m`, `1d01h`) when that fits `width`, else the largest unit
 * alone, floored (`1h`); under a minute just seconds (`59s`, `0s`).
 *
 * @example
 * ```ts
 * humanSeconds(61, 5); // "1m01s"
 * humanSeconds(3659, 3); // "1h"
 * ```
 */
export function humanSeconds(n: number, width: number): string {
  if (!Number.isFinite(n)) return String(n);
  const sign = n < 0 ? "-" : "";
  const secs = Math.floor(Math.abs(n));
  const at = TIME_UNITS.findIndex(([unit]) => secs >= unit);
  if (at < 0 || at === TIME_UNITS.length - 1) return `${sign}${secs}s`;
  const [unit, suffix] = TIME_UNITS[at];
  const [next, nextSuffix] = TIME_UNITS[at + 1];
  const major = `${sign}${Math.floor(secs / unit)}${suffix}`;
  const both = `${major}${String(Math.floor((secs % unit) / next)).padStart(2, "0")}${nextSuffix}`;
  return both.length <= width ? both : major;
}

/**
 * Text cut to `width` characters (code points) on the right, marked with `..`: `width` 1 gives the first
 * character, 2 gives `..`, 0 or less gives `""`. Text that fits is returned unchanged.
 *
 * @example
 * ```ts
 * fitText("MAINT (via web/web1)", 10); // "MAINT (v.."
 * ```
 */
export function fitText(s: string, width: number): string {
  if (width <= 0) return "";
  if (s.length <= width) return s;
  const chars = Array.from(s);
  if (chars.length <= width) return s;
  if (width === 1) return chars[0];
  if (width === 2) return "..";
  return chars.slice(0, width - 2).join("") + "..";
}
