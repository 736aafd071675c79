import { deepEqual, equal } from "node:assert/strict";
import { ScreenBuffer } from "../../src/tui/buffer.ts";
import { BOLD, FG, REVERSE, style } from "../../src/tui/types.ts";

function rows(b: ScreenBuffer): string[] {
  return Array.from({ length: b.height }, (_, y) => b.text(y));
}

Deno.test("buffer: starts blank and put writes text with its style", () => {
  const b = new ScreenBuffer(6, 2);
  deepEqual(rows(b), ["      ", "      "]);
  equal(b.put(1, 0, "abc", BOLD), 3);
  deepEqual(rows(b), [" abc  ", "      "]);
  equal(b.char(1, 0), "a");
  equal(b.styleAt(1, 0), BOLD);
  equal(b.styleAt(0, 0), 0);
  equal(b.styleAt(4, 0), 0);
});

Deno.test("buffer: clipping at the right edge", () => {
  const b = new ScreenBuffer(5, 1);
  equal(b.put(3, 0, "abcdef"), 2);
  equal(b.text(0), "   ab");
  equal(b.put(5, 0, "x"), 0);
  equal(b.put(1e12, 0, "x"), 0);
  equal(b.put(Infinity, 0, "x"), 0);
  equal(b.text(0), "   ab");
});

Deno.test("buffer: clipping at the left edge and negative coordinates", () => {
  const b = new ScreenBuffer(5, 1);
  equal(b.put(-2, 0, "abcd"), 2);
  equal(b.text(0), "cd   ");
  equal(b.put(-10, 0, "abc"), 0);
  equal(b.put(-1e12, 0, "abc"), 0);
  equal(b.put(-Infinity, 0, "abc"), 0);
  equal(b.put(NaN, 0, "abc"), 0);
  equal(b.text(0), "cd   ");
});

Deno.test("buffer: clipping at the top and bottom edges", () => {
  const b = new ScreenBuffer(3, 2);
  equal(b.put(0, -1, "abc"), 0);
  equal(b.put(0, 2, "abc"), 0);
  equal(b.put(0, 1e9, "abc"), 0);
  equal(b.put(0, NaN, "abc"), 0);
  b.fill(0, -1, 3, REVERSE, "x");
  b.fill(0, 2, 3, REVERSE, "x");
  b.line(-1, "zzz");
  b.line(5, "zzz");
  deepEqual(rows(b), ["   ", "   "]);
  equal(b.char(0, -1), "");
  equal(b.char(3, 0), "");
  equal(b.styleAt(-1, 0), 0);
  equal(b.text(2), "");
  equal(b.text(-1), "");
});

Deno.test("buffer: strings much longer than the grid are cut, and the grid never grows", () => {
  const b = new ScreenBuffer(10, 1);
  equal(b.put(0, 0, "x".repeat(100_000)), 10);
  equal(b.text(0), "x".repeat(10));
  equal(b.text(0).length, b.width);
});

Deno.test("buffer: fill and line", () => {
  const b = new ScreenBuffer(6, 2);
  b.fill(-2, 0, 4, REVERSE, "-");
  equal(b.text(0), "--    ");
  equal(b.styleAt(1, 0), REVERSE);
  b.fill(4, 0, 100);
  equal(b.text(0), "--    ");
  b.fill(0, 0, -3, BOLD, "#");
  equal(b.text(0), "--    ");
  const s = style(BOLD, FG.red);
  b.line(1, "hi", s);
  equal(b.text(1), "hi    ");
  equal(b.styleAt(5, 1), s);
  b.line(1, "much too long");
  equal(b.text(1), "much t");
  b.clear();
  deepEqual(rows(b), ["      ", "      "]);
  equal(b.styleAt(0, 0), 0);
});

Deno.test("buffer: wide characters take two cells and are never split", () => {
  const b = new ScreenBuffer(5, 1);
  equal(b.put(0, 0, "中文"), 4);
  equal(b.char(0, 0), "中");
  equal(b.char(1, 0), "");
  equal(b.text(0), "中文 ");
  // Does not fit in the last column: a space stands in for it.
  equal(b.put(3, 0, "ab中"), 2);
  equal(b.text(0), "中 ab");
  const c = new ScreenBuffer(4, 1);
  equal(c.put(3, 0, "中"), 1);
  equal(c.text(0), "    ");
  // Right half visible at the left edge: a space.
  c.put(0, 0, "abcd");
  equal(c.put(-1, 0, "中x"), 2);
  equal(c.text(0), " xcd");
});

Deno.test("buffer: overwriting half of a wide character blanks the other half", () => {
  const b = new ScreenBuffer(4, 1);
  b.put(0, 0, "中");
  b.put(1, 0, "x");
  equal(b.text(0), " x  ");
  b.put(1, 0, "中");
  equal(b.text(0), " 中 ");
  b.put(1, 0, "y");
  equal(b.text(0), " y  ");
  b.put(2, 0, "中");
  b.put(1, 0, "中");
  equal(b.text(0), " 中 ");
});

Deno.test("buffer: control characters are drawn as '?', combining marks dropped", () => {
  const b = new ScreenBuffer(6, 1);
  equal(b.put(0, 0, "a\tb\x1b[c"), 6);
  equal(b.text(0), "a?b?[c");
  b.put(0, 0, "e\u0301x");
  equal(b.text(0), "exb?[c");
});

Deno.test("buffer: odd sizes are safe", () => {
  const empty = new ScreenBuffer(0, 0);
  equal(empty.put(0, 0, "x"), 0);
  empty.line(0, "x");
  equal(empty.text(0), "");
  const neg = new ScreenBuffer(-3, NaN);
  equal(neg.width, 0);
  equal(neg.height, 0);
  const frac = new ScreenBuffer(2.7, 1.2);
  equal(frac.width, 2);
  equal(frac.height, 1);
});
