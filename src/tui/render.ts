/**
 * Turning a {@linkcode ScreenBuffer} into ANSI output, writing only what changed since the previous frame.
 *
 * Output uses absolute cursor positioning (`CSI row;col H`) and full SGR sets (`CSI 0;...m`), so it does
 * not depend on what the terminal's cursor or pen were before; it always ends with the pen reset.
 *
 * @example
 * ```ts
 * import { ScreenBuffer } from "./buffer.ts";
 * import { renderDiff } from "./render.ts";
 * const a = new ScreenBuffer(80, 24);
 * const b = new ScreenBuffer(80, 24);
 * b.put(3, 2, "x");
 * renderDiff(a, b, { color: true }); // "\x1b[3;4H\x1b[0mx\x1b[?25l"
 * ```
 *
 * @module
 */
import type { ScreenBuffer } from "./buffer.ts";
import { BOLD, DIM, fgOf, REVERSE, type Style, UNDERLINE } from "./types.ts";

/** A 0-based cell position for the visible text cursor. */
export interface Cursor {
  /** Column, 0-based. */
  x: number;
  /** Row, 0-based. */
  y: number;
}

const CSI = "\x1b[";

/** The SGR sequence selecting `s` (always starting from a reset); colour dropped when `color` is false. */
export function sgr(s: Style, color: boolean): string {
  let out = `${CSI}0`;
  if (s & BOLD) out += ";1";
  if (s & DIM) out += ";2";
  if (s & UNDERLINE) out += ";4";
  if (s & REVERSE) out += ";7";
  const fg = fgOf(s);
  if (color && fg >= 1 && fg <= 7) out += `;3${fg}`;
  return out + "m";
}

/** The style as it will look on screen: colour bits cleared when colour is off. */
function effective(s: Style, color: boolean): Style {
  return color ? s : s & 0xff;
}

/**
 * ANSI output that turns the screen showing `prev` into `next`.
 *
 * Only changed cells are written (cursor moves and SGR only when needed); a full repaint (clear + every row)
 * happens when `prev` is undefined or its size differs. `color: false` maps colours away while keeping
 * bold, dim, reverse and underline. Ends by placing and showing the cursor when `opts.cursor` is given
 * (clamped to the grid), hiding it otherwise.
 */
export function renderDiff(
  prev: ScreenBuffer | undefined,
  next: ScreenBuffer,
  opts: { color: boolean; cursor?: Cursor },
): string {
  const color = opts.color;
  const full = prev === undefined || prev.width !== next.width || prev.height !== next.height;
  const parts: string[] = [];
  let pen: Style | undefined; // unknown at the start
  if (full) {
    parts.push(`${CSI}0m${CSI}2J`);
    pen = 0;
  }
  // Cursor position as far as we know it; undefined after writing into the last column (pending wrap).
  let atX: number | undefined;
  let atY: number | undefined;

  // Cells by index (y * width + x): both grids have the same size unless this is a full repaint.
  const changed = (i: number): boolean =>
    full || prev!.charOf(i) !== next.charOf(i) ||
    effective(prev!.styleOf(i), color) !== effective(next.styleOf(i), color);

  const width = next.width;
  for (let y = 0; y < next.height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const ch = next.charOf(i);
      if (ch === "") continue; // right half of a wide character: drawn with its left half
      const wide = x + 1 < width && next.charOf(i + 1) === "";
      if (!changed(i) && !(wide && changed(i + 1))) continue;
      if (atX !== x || atY !== y) parts.push(`${CSI}${y + 1};${x + 1}H`);
      const s = effective(next.styleOf(i), color);
      if (pen !== s) {
        parts.push(sgr(s, color));
        pen = s;
      }
      parts.push(ch);
      const w = wide ? 2 : 1;
      if (x + w >= next.width) {
        atX = undefined;
        atY = undefined;
      } else {
        atX = x + w;
        atY = y;
      }
    }
  }
  if (pen !== undefined && pen !== 0) parts.push(`${CSI}0m`);
  if (opts.cursor && next.width > 0 && next.height > 0) {
    const cx = Math.min(Math.max(0, Math.trunc(opts.cursor.x) || 0), next.width - 1);
    const cy = Math.min(Math.max(0, Math.trunc(opts.cursor.y) || 0), next.height - 1);
    parts.push(`${CSI}${cy + 1};${cx + 1}H${CSI}?25h`);
  } else {
    parts.push(`${CSI}?25l`);
  }
  return parts.join("");
}
