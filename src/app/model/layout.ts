/**
 * Where things go on the screen, for a given size: one place that names every region, shared by the drawing,
 * the mouse (which row was clicked) and the tests.
 *
 * From the top: the title bar (row 0), the header's `show info` lines (rows 2-9), the column header (row 11),
 * the body (row 13 to the message line), the message line (second row from the bottom) and the footer (the
 * last row). What is inside a region is its owner's business (the header arranges its lines, the CLI puts
 * its input line on the body's last row).
 *
 * @module
 */
import type { Size } from "./state.ts";

/** The smallest screen the monitor draws (below it, a notice): columns, then rows. */
export const MIN_COLUMNS = 78;
/** See {@linkcode MIN_COLUMNS}. */
export const MIN_ROWS = 20;

/** A rectangle of the screen, in cells. */
export interface Region {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The screen's regions, top to bottom. */
export interface ScreenLayout {
  readonly title: Region;
  /** The header's `show info` lines. */
  readonly info: Region;
  /** The column header of a table, or the title line of another view. */
  readonly header: Region;
  readonly body: Region;
  /** Messages, the filter prompt, the DISCONNECTED line. */
  readonly message: Region;
  /** The view tabs and key hints, or the hotkey menu. */
  readonly footer: Region;
}

const INFO_ROW = 2;
const HEADER_ROW = 11;
const BODY_ROW = 13;

/** The regions of a screen of `size`. */
export function screenLayout(size: Size): ScreenLayout {
  const row = (y: number, height = 1): Region => ({ x: 0, y, width: size.columns, height });
  return {
    title: row(0),
    info: row(INFO_ROW, HEADER_ROW - 1 - INFO_ROW),
    header: row(HEADER_ROW),
    body: row(BODY_ROW, Math.max(1, size.rows - 2 - BODY_ROW)),
    message: row(size.rows - 2),
    footer: row(size.rows - 1),
  };
}

/** True when the terminal is below the minimum the screen needs. */
export function tooSmall(size: Size): boolean {
  return size.columns < MIN_COLUMNS || size.rows < MIN_ROWS;
}
