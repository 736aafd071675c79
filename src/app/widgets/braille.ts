/**
 * Line charts drawn with braille cells, as btop draws them: each character is a 2×4 grid of dots, so a chart
 * `width` characters wide and `height` high plots `2 × width` values on `4 × height` levels, each value's dot
 * joined to the next one's by the dots between them in its column. Pure: values in, lines of text out.
 *
 * @module
 */

/** The braille dot bits of a cell, by [row 0-3 from the top][column 0-1]. */
const DOTS = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]] as const;
const BLANK = 0x2800;

/** A chart's lines and the scale it was drawn at. */
export interface BrailleChart {
  /** `height` lines of `width` braille characters, the top line first. */
  readonly lines: readonly string[];
  readonly min: number;
  readonly max: number;
}

/**
 * The newest `2 × width` of `values` (oldest first) as a line chart `height` characters high, scaled from
 * `min` (default: 0, or the smallest value when it is below 0) to `max` (default: the largest value; a chart
 * of zeros is a flat line at the bottom). Values that are not finite are left out (a gap).
 */
export function brailleChart(
  values: readonly number[],
  width: number,
  height: number,
  scale: { readonly min?: number; readonly max?: number } = {},
): BrailleChart {
  const w = Math.max(0, Math.floor(width));
  const h = Math.max(0, Math.floor(height));
  const shown = values.slice(-2 * w);
  const finite = shown.filter(Number.isFinite);
  const min = scale.min ?? Math.min(0, ...finite);
  const max = scale.max ?? Math.max(min, ...finite);
  const levels = 4 * h;
  const cells = new Uint8Array(w * h);
  // Right-aligned: the newest value is in the last dot column.
  const offset = 2 * w - shown.length;
  const level = (v: number) =>
    max <= min ? 0 : Math.round(((Math.min(max, Math.max(min, v)) - min) / (max - min)) * (levels - 1));
  let before: number | undefined;
  for (let i = 0; i < shown.length; i++) {
    const v = shown[i];
    if (!Number.isFinite(v) || levels === 0) {
      before = undefined;
      continue;
    }
    const y = level(v);
    const [from, to] = before === undefined ? [y, y] : [Math.min(y, before), Math.max(y, before)];
    const x = offset + i;
    for (let l = from; l <= to; l++) {
      // Dots between the two values are in this column: half the way from the previous one, and the rest.
      if (before !== undefined && l !== y && Math.abs(l - before) < Math.abs(l - y) && i > 0) {
        setDot(cells, w, x - 1, levels - 1 - l);
      } else {
        setDot(cells, w, x, levels - 1 - l);
      }
    }
    before = y;
  }
  const lines: string[] = [];
  for (let r = 0; r < h; r++) {
    let line = "";
    for (let c = 0; c < w; c++) line += String.fromCharCode(BLANK + cells[r * w + c]);
    lines.push(line);
  }
  return { lines, min, max };
}

function setDot(cells: Uint8Array, width: number, x: number, y: number) {
  if (x < 0) return;
  const cell = Math.floor(y / 4) * width + Math.floor(x / 2);
  cells[cell] |= DOTS[y % 4][x % 2];
}
