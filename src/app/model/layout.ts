/**
 * Where things go on the screen, for a given size (shared by update and view).
 *
 * Rows: 0 title, 2 version, 4 node, 6-7 bars, 9 counters, 11 column header, 13.. body, rows-2 message line,
 * rows-1 footer. The CLI puts its input line on the body's last row, with a blank row above it.
 *
 * @module
 */
import { MIN_COLUMNS, MIN_ROWS, type Size } from "./state.ts";

export const HEADER_ROW = 11;
export const BODY_TOP = 13;

/** True when the terminal is below the minimum the screen needs. */
export function tooSmall(size: Size): boolean {
  return size.columns < MIN_COLUMNS || size.rows < MIN_ROWS;
}

/** Visible body lines of the stat and help views. */
export function bodyHeight(size: Size): number {
  return Math.max(1, size.rows - 2 - BODY_TOP);
}

/** Row of the CLI input line. */
export function cliInputRow(size: Size): number {
  return size.rows - 3;
}

/** Visible CLI output lines (above a blank row and the input line). */
export function cliOutputHeight(size: Size): number {
  return Math.max(1, cliInputRow(size) - 1 - BODY_TOP);
}
