/**
 * Ranges: where several values of a row are, as offsets into a text, so that rows are compared without a
 * string per value (stat_row.ts' readRanges fills them).
 *
 * @module
 */
import type { StatRow } from "./types.ts";

/**
 * Where several fields' values of a row are, to compare rows without a string per value: value `i` is
 * `text.slice(from[i], to[i])`, and `from[i]` is -1 for a field the row lacks. Made by {@linkcode newRanges},
 * filled by {@linkcode readRanges}.
 */
export interface Ranges {
  text: string;
  readonly from: Int32Array;
  readonly to: Int32Array;
}

/** Ranges for `count` fields. */
export function newRanges(count: number): Ranges {
  return { text: "", from: new Int32Array(count), to: new Int32Array(count) };
}

/** Ranges over a text made of the values `get` returns (a split row, or a row of another parser). */
export function rangesOfValues(row: StatRow, fields: readonly string[], out: Ranges): void {
  let text = "";
  for (let i = 0; i < fields.length; i++) {
    const value = row.get(fields[i]);
    out.from[i] = value === undefined ? -1 : text.length;
    text += value ?? "";
    out.to[i] = text.length;
  }
  out.text = text;
}

/** Whether value `i` of `a` and of `b` are the same (both missing, or the same text). */
export function sameRange(a: Ranges, b: Ranges, i: number): boolean {
  const fa = a.from[i];
  const fb = b.from[i];
  if (fa < 0 || fb < 0) return fa === fb;
  const length = a.to[i] - fa;
  if (length !== b.to[i] - fb) return false;
  for (let k = 0; k < length; k++) if (a.text.charCodeAt(fa + k) !== b.text.charCodeAt(fb + k)) return false;
  return true;
}

/** Value `i` of `ranges` as a string; undefined when the row lacks it. */
export function rangeValue(ranges: Ranges, i: number): string | undefined {
  return ranges.from[i] < 0 ? undefined : ranges.text.slice(ranges.from[i], ranges.to[i]);
}
