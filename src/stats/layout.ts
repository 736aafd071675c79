/**
 * Column widths for a screen width and the rendering of table rows (cells padded, aligned, one space apart).
 *
 * @example
 * ```ts
 * import { STAT_MODES } from "./columns.ts";
 * import { columnWidths, renderHeader } from "./layout.ts";
 * const columns = STAT_MODES[0].columns;
 * renderHeader(columns, columnWidths(columns, 80)).length; // 80
 * ```
 *
 * @module
 */
import type { Column } from "./columns.ts";
import type { StatRow } from "./types.ts";

/** What a cell needs of a row: its values by field name (a `show stat` row, or any row shown in columns). */
export type Cells = Pick<StatRow, "get">;
import { fitText, humanBinary, humanMetric, humanSeconds } from "./format.ts";

const NUMERIC = /^-?\d+(?:\.\d+)?$/;

/** `extra` spread over `n` slots like hatop's py2 code: each gets floor(extra/n), the first extra%n one more. */
function spread(extra: number, n: number): number[] {
  const base = Math.floor(extra / n);
  const rest = extra % n;
  return Array.from({ length: n }, (_, i) => base + (i < rest ? 1 : 0));
}

/**
 * The columns shown at `width`: optional columns only when every column's minimum (and one space between
 * columns) fits.
 */
export function visibleColumns(columns: readonly Column[], width: number): readonly Column[] {
  const need = columns.reduce((sum, c) => sum + c.min, 0) + Math.max(0, columns.length - 1);
  return need <= width ? columns : columns.filter((c) => !c.optional);
}

/**
 * Column widths for a table `width` characters wide.
 *
 * Every column gets its minimum; status columns then grow first, up to their maximum (a status must be read
 * whole); the remaining extra width is spread left to right as hatop's py2 algorithm did (all
 * columns get `floor(extra / n)`, the first `extra % n` one more, so at most `n` extra gives the first
 * columns +1 each), except that a column never grows past its maximum: what a capped column could not take
 * is spread again, the same way, over the columns still below their maximum. So the widths plus one space
 * between columns add up to exactly `width` when `width` is at least the minima plus gaps and some column
 * can still grow; below that the minima are returned unchanged.
 *
 * @param columns The mode's columns.
 * @param width The screen width.
 * @returns One width per column.
 */
export function columnWidths(columns: readonly Column[], width: number): number[] {
  const widths = columns.map((c) => Math.max(0, c.min));
  const maxOf = (i: number) => Math.max(widths[i], columns[i].max ?? Infinity);
  const maxima = columns.map((_, i) => maxOf(i));
  let extra = width - (widths.reduce((a, b) => a + b, 0) + Math.max(0, columns.length - 1));
  // The status is what an operator must read whole: status columns grow first, up to their maximum.
  columns.forEach((c, i) => {
    if (c.format !== "status" || extra <= 0) return;
    const add = Math.min(extra, maxima[i] - widths[i]);
    widths[i] += add;
    extra -= add;
  });
  let open = columns.map((_, i) => i).filter((i) => widths[i] < maxima[i]);
  while (extra > 0 && open.length > 0) {
    const add = spread(extra, open.length);
    extra = 0;
    const still: number[] = [];
    open.forEach((col, k) => {
      const grown = widths[col] + add[k];
      if (grown >= maxima[col]) {
        extra += grown - maxima[col];
        widths[col] = maxima[col];
      } else {
        widths[col] = grown;
        still.push(col);
      }
    });
    open = still;
  }
  return widths;
}

/**
 * The text of a row's cell, unpadded and untruncated (for batch output).
 *
 * An empty or missing field is `""` (never a fake `0`); numbers are shown as HAProxy printed them; `binary`
 * columns always use {@linkcode humanBinary} and `seconds` columns always {@linkcode humanSeconds} with room
 * for two units. Non-numeric garbage is shown as is.
 */
export function cellValue(column: Column, row: Cells): string {
  const raw = row.get(column.field) ?? "";
  if (column.format === "trend") return "";
  if (raw === "" || !NUMERIC.test(raw)) return raw;
  if (column.format === "binary") return humanBinary(Number(raw));
  if (column.format === "seconds") return humanSeconds(Number(raw), 99);
  return raw;
}

/** The number of code points of `text` (what `Array.from(text).length` counts), without building an array. */
function codePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

function pad(text: string, width: number, align: Column["align"]): string {
  const gap = width - codePoints(text);
  if (gap <= 0) return text;
  return align === "left" ? text + " ".repeat(gap) : " ".repeat(gap) + text;
}

/**
 * A row's cell fitted to `width` and aligned: exactly `width` characters.
 *
 * Metric columns switch to {@linkcode humanMetric} only when the number does not fit; seconds use two units
 * when they fit; anything still too long is cut on the right with `..` ({@linkcode fitText}).
 */
export function formatCell(column: Column, row: Cells, width: number): string {
  if (column.format === "trend") return " ".repeat(Math.max(0, width));
  const raw = row.get(column.field) ?? "";
  let text = raw;
  if (raw !== "" && NUMERIC.test(raw)) {
    if (column.format === "metric" && raw.length > width) text = humanMetric(Number(raw), width);
    else if (column.format === "binary") text = humanBinary(Number(raw));
    else if (column.format === "seconds") text = humanSeconds(Number(raw), width);
  }
  return pad(column.format === "status" ? fitStatus(text, width) : fitText(text, width), width, column.align);
}

/**
 * A status fitted to `width`: whole when it fits, else its state (the first word: `MAINT`, `DOWN`, `DRAIN`;
 * the two words of `no check`) with `..` marking that more follows, else the state alone; never cut inside
 * the state when that fits. `no check` too narrow for itself is `no chk` (never `no..`, which says nothing).
 */
export function fitStatus(status: string, width: number): string {
  if (codePoints(status) <= width) return status;
  const unchecked = status.startsWith("no check");
  const first = unchecked ? "no check" : status.split(" ")[0];
  if (first.length + 2 <= width) return `${first}..`;
  if (first.length <= width) return first;
  if (unchecked && width >= 6) return "no chk";
  return fitText(status, width);
}

/** A row's cells, each exactly its column's width, joined by single spaces. */
export function renderRow(columns: readonly Column[], widths: readonly number[], row: Cells): string {
  return columns.map((column, i) => formatCell(column, row, widths[i] ?? column.min)).join(" ");
}

/** The header line: each column's header fitted and aligned like its cells, joined by single spaces. */
export function renderHeader(columns: readonly Column[], widths: readonly number[]): string {
  return columns.map((column, i) => {
    const width = widths[i] ?? column.min;
    return pad(fitText(column.header, width), width, column.align);
  }).join(" ");
}
