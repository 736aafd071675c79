/**
 * An in-memory grid of terminal cells that views draw into and {@linkcode renderDiff} turns into output.
 *
 * Every write is clipped to the grid: nothing is ever drawn past an edge, and negative, fractional, huge or
 * NaN coordinates are safe. Control characters are drawn as `?` so they can never reach the terminal.
 *
 * Each cell holds one code point and a {@linkcode Style}. A wide (East Asian / emoji) character takes two
 * cells: the left one holds the character, the right one is an empty string ("continuation"). Overwriting
 * either half of a wide character turns the other half into a space, so the grid always matches what a
 * terminal shows. Combining marks are dropped.
 *
 * @example
 * ```ts
 * import { ScreenBuffer } from "./buffer.ts";
 * import { REVERSE } from "./types.ts";
 * const screen = new ScreenBuffer(10, 2);
 * screen.line(0, "title", REVERSE);
 * screen.put(8, 1, "clipped");
 * screen.text(1); // "        cl"
 * ```
 *
 * @module
 */
import type { Style } from "./types.ts";
import { cellWidth } from "./width.ts";

function toIndex(n: number): number {
  return Number.isFinite(n) ? Math.trunc(n) : n > 0 ? Infinity : -Infinity;
}

function toSize(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/** A width × height grid of cells (one code point + Style each); all writes are clipped to the grid. */
export class ScreenBuffer {
  /** Number of columns. */
  readonly width: number;
  /** Number of rows. */
  readonly height: number;
  #chars: string[];
  #styles: Int32Array;

  /** Creates a blank grid (spaces, default style). Sizes are floored; negative or NaN sizes become 0. */
  constructor(width: number, height: number) {
    this.width = toSize(width);
    this.height = toSize(height);
    this.#chars = new Array(this.width * this.height).fill(" ");
    this.#styles = new Int32Array(this.width * this.height);
  }

  /** Turns the other half of a wide character overlapping cell (x, y) into a space. */
  #breakAt(x: number, y: number): void {
    const i = y * this.width + x;
    if (this.#chars[i] === "") {
      if (x > 0) this.#chars[i - 1] = " ";
    } else if (x + 1 < this.width && this.#chars[i + 1] === "") {
      this.#chars[i + 1] = " ";
    }
  }

  #setNarrow(x: number, y: number, ch: string, s: Style): void {
    this.#breakAt(x, y);
    const i = y * this.width + x;
    this.#chars[i] = ch;
    this.#styles[i] = s;
  }

  #setWide(x: number, y: number, ch: string, s: Style): void {
    this.#breakAt(x, y);
    this.#breakAt(x + 1, y);
    const i = y * this.width + x;
    this.#chars[i] = ch;
    this.#chars[i + 1] = "";
    this.#styles[i] = s;
    this.#styles[i + 1] = s;
  }

  /**
   * Writes text at (x, y) with style (default 0), clipped to the grid; returns the number of cells written.
   * A wide character that does not fit at an edge is drawn as a space in its visible half.
   */
  put(x: number, y: number, text: string, style: Style = 0): number {
    const row = toIndex(y);
    if (!(row >= 0 && row < this.height)) return 0;
    let cx = toIndex(x);
    if (Number.isNaN(cx)) return 0;
    let written = 0;
    for (let i = 0; i < text.length; i++) {
      if (cx >= this.width) break;
      const code = text.charCodeAt(i);
      // Printable ASCII, nearly every character drawn: one cell, no code point decoding.
      if (code >= 0x20 && code < 0x7f) {
        if (cx >= 0) {
          this.#setNarrow(cx, row, text[i], style);
          written++;
        }
        cx++;
        continue;
      }
      const cp = text.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      if (cp > 0xffff) i++;
      let w = cellWidth(cp);
      let glyph = ch;
      if (w === 0) continue;
      if (w < 0) {
        glyph = "?";
        w = 1;
      }
      if (w === 1) {
        if (cx >= 0) {
          this.#setNarrow(cx, row, glyph, style);
          written++;
        }
      } else if (cx >= 0 && cx + 1 < this.width) {
        this.#setWide(cx, row, glyph, style);
        written += 2;
      } else if (cx === this.width - 1 || cx === -1) {
        this.#setNarrow(cx === -1 ? 0 : cx, row, " ", style);
        written++;
      }
      cx += w;
    }
    return written;
  }

  /** Fills `length` cells from (x, y) with `ch` (default space; must be one narrow character) and style. */
  fill(x: number, y: number, length: number, style: Style = 0, ch: string = " "): void {
    const row = toIndex(y);
    if (!(row >= 0 && row < this.height)) return;
    const first = String.fromCodePoint(ch.codePointAt(0) ?? 0x20);
    const glyph = cellWidth(first.codePointAt(0)!) === 1 ? first : " ";
    const start = Math.max(0, toIndex(x));
    const end = Math.min(this.width, toIndex(x) + toIndex(length));
    for (let cx = start; cx < end; cx++) this.#setNarrow(cx, row, glyph, style);
  }

  /** Whole row: text from column 0, padded with spaces to the width, one style. */
  line(y: number, text: string, style: Style = 0): void {
    // The text, then spaces after it: each cell written once.
    const written = this.put(0, y, text, style);
    this.fill(written, y, this.width - written, style);
  }

  /** Fills the whole grid with spaces in `style` (default 0). */
  clear(style: Style = 0): void {
    this.#chars.fill(" ");
    this.#styles.fill(style);
  }

  /** The character of cell `index` (row-major, y * width + x), for a caller that walks every cell. */
  charOf(index: number): string {
    return this.#chars[index];
  }

  /** The style of cell `index` (row-major), for a caller that walks every cell. */
  styleOf(index: number): Style {
    return this.#styles[index];
  }

  /** The character at (x, y): "" for the right half of a wide character or outside the grid. */
  char(x: number, y: number): string {
    const cx = toIndex(x);
    const cy = toIndex(y);
    if (!(cx >= 0 && cx < this.width && cy >= 0 && cy < this.height)) return "";
    return this.#chars[cy * this.width + cx];
  }

  /** The style at (x, y); 0 outside the grid. */
  styleAt(x: number, y: number): Style {
    const cx = toIndex(x);
    const cy = toIndex(y);
    if (!(cx >= 0 && cx < this.width && cy >= 0 && cy < this.height)) return 0;
    return this.#styles[cy * this.width + cx];
  }

  /** Row y as plain text (for tests); "" outside the grid. */
  text(y: number): string {
    const cy = toIndex(y);
    if (!(cy >= 0 && cy < this.height)) return "";
    return this.#chars.slice(cy * this.width, (cy + 1) * this.width).join("");
  }
}
