import assert, { deepEqual, equal } from "node:assert/strict";
import { ScreenBuffer } from "../../src/tui/buffer.ts";
import { renderDiff } from "../../src/tui/render.ts";
import { cellWidth } from "../../src/tui/width.ts";
import { BOLD, DIM, FG, fgOf, REVERSE, type Style, style, UNDERLINE } from "../../src/tui/types.ts";

/** A small model of a terminal (autowrap off, as the Terminal sets it) that understands what renderDiff emits. */
class VirtualScreen {
  chars: string[][];
  styles: Style[][];
  x = 0;
  y = 0;
  pen: Style = 0;
  cursorVisible = true;
  constructor(readonly width: number, readonly height: number, fillWith = " ") {
    this.chars = Array.from({ length: height }, () => Array(width).fill(fillWith));
    this.styles = Array.from({ length: height }, () => Array(width).fill(0));
  }
  #set(x: number, y: number, ch: string): void {
    const row = this.chars[y];
    if (row[x] === "" && x > 0) row[x - 1] = " ";
    else if (row[x + 1] === "") row[x + 1] = " ";
    row[x] = ch;
    this.styles[y][x] = this.pen;
  }
  apply(out: string): void {
    let i = 0;
    while (i < out.length) {
      if (out[i] === "\x1b") {
        // deno-lint-ignore no-control-regex -- matching terminal escapes is the point
        const m = /^\x1b\[([?\d;]*)([A-Za-z])/.exec(out.slice(i));
        if (!m) throw new Error(`unexpected escape at ${i}: ${JSON.stringify(out.slice(i, i + 10))}`);
        this.#csi(m[1], m[2]);
        i += m[0].length;
        continue;
      }
      const ch = String.fromCodePoint(out.codePointAt(i)!);
      i += ch.length;
      const w = cellWidth(ch.codePointAt(0)!);
      if (w < 1) throw new Error(`unprintable output ${JSON.stringify(ch)}`);
      const x = Math.min(this.x, this.width - w);
      this.#set(x, this.y, ch);
      if (w === 2) {
        this.#set(x + 1, this.y, "");
      }
      this.x = Math.min(x + w, this.width - 1);
    }
  }
  #csi(params: string, final: string): void {
    if (final === "H") {
      const [r, c] = params.split(";").map(Number);
      this.y = Math.min(Math.max(1, r || 1), this.height) - 1;
      this.x = Math.min(Math.max(1, c || 1), this.width) - 1;
    } else if (final === "J" && params === "2") {
      for (const row of this.chars) row.fill(" ");
      for (const row of this.styles) row.fill(this.pen);
    } else if (final === "m") {
      let s = 0;
      for (const p of params.split(";").map(Number)) {
        if (p === 0) s = 0;
        else if (p === 1) s |= BOLD;
        else if (p === 2) s |= DIM;
        else if (p === 4) s |= UNDERLINE;
        else if (p === 7) s |= REVERSE;
        else if (p >= 31 && p <= 37) s = (s & 0xff) | ((p - 30) << 8);
        else throw new Error(`unexpected SGR ${p}`);
      }
      this.pen = s;
    } else if (params === "?25" && (final === "h" || final === "l")) {
      this.cursorVisible = final === "h";
    } else {
      throw new Error(`unexpected CSI ${params}${final}`);
    }
  }
  rows(): string[] {
    return this.chars.map((r) => r.join(""));
  }
}

function rowsOf(b: ScreenBuffer): string[] {
  return Array.from({ length: b.height }, (_, y) => b.text(y));
}

function stylesOf(b: ScreenBuffer, color = true): Style[][] {
  return Array.from(
    { length: b.height },
    (_, y) => Array.from({ length: b.width }, (_, x) => (color ? b.styleAt(x, y) : b.styleAt(x, y) & 0xff)),
  );
}

function assertShows(screen: VirtualScreen, b: ScreenBuffer, color = true): void {
  deepEqual(screen.rows(), rowsOf(b));
  deepEqual(screen.styles, stylesOf(b, color));
}

function sample(width = 80, height = 24): ScreenBuffer {
  const b = new ScreenBuffer(width, height);
  b.line(0, " HATop - stats", REVERSE);
  for (let y = 2; y < height - 1; y++) b.put(1, y, `backend_${y}   UP   ${y * 7}`, y % 3 ? 0 : BOLD);
  b.line(height - 1, "footer", style(0, FG.cyan));
  return b;
}

Deno.test("render: one changed cell writes only that cell", () => {
  const prev = sample();
  const next = sample();
  next.put(10, 5, "Z");
  const screen = new VirtualScreen(80, 24);
  screen.apply(renderDiff(undefined, prev, { color: true }));
  assertShows(screen, prev);
  const out = renderDiff(prev, next, { color: true });
  assert(out.length <= 24, `diff too long: ${JSON.stringify(out)}`);
  // deno-lint-ignore no-control-regex -- matching terminal escapes is the point
  equal(out.replace(/\x1b\[[?\d;]*[A-Za-z]/g, ""), "Z");
  screen.apply(out);
  assertShows(screen, next);
});

Deno.test("render: identical buffers produce no drawing", () => {
  const out = renderDiff(sample(), sample(), { color: true });
  equal(out, "\x1b[?25l");
});

Deno.test("render: a style-only change repaints the cell with the new style", () => {
  const prev = sample();
  const next = sample();
  next.put(1, 2, "b", REVERSE);
  const screen = new VirtualScreen(80, 24);
  screen.apply(renderDiff(undefined, prev, { color: true }));
  const out = renderDiff(prev, next, { color: true });
  assert(out.includes("\x1b[0;7m"), JSON.stringify(out));
  screen.apply(out);
  assertShows(screen, next);
});

Deno.test("render: full repaint (clear and every row) without a previous frame or when the size differs", () => {
  const next = sample(30, 5);
  for (const prev of [undefined, sample(31, 5), sample(30, 6)]) {
    const out = renderDiff(prev, next, { color: true });
    assert(out.startsWith("\x1b[0m\x1b[2J"), JSON.stringify(out.slice(0, 20)));
    const screen = new VirtualScreen(30, 5, "#");
    screen.apply(out);
    assertShows(screen, next);
  }
});

Deno.test("render: color off removes colour codes but keeps reverse and bold", () => {
  const next = new ScreenBuffer(20, 2);
  next.put(0, 0, "DOWN", style(BOLD | REVERSE, FG.red));
  next.put(0, 1, "UP", style(0, FG.green));
  const on = renderDiff(undefined, next, { color: true });
  assert(on.includes("\x1b[0;1;7;31m"), JSON.stringify(on));
  assert(on.includes("\x1b[0;32m"), JSON.stringify(on));
  const off = renderDiff(undefined, next, { color: false });
  // deno-lint-ignore no-control-regex -- matching terminal escapes is the point
  assert(!/\x1b\[[\d;]*3\dm/.test(off), `colour code in ${JSON.stringify(off)}`);
  assert(off.includes("\x1b[0;1;7m"), JSON.stringify(off));
  const screen = new VirtualScreen(20, 2);
  screen.apply(off);
  assertShows(screen, next, false);
  equal(fgOf(screen.styles[0][0]), 0);
});

Deno.test("render: with color off a colour-only change draws nothing", () => {
  const prev = new ScreenBuffer(10, 1);
  prev.put(0, 0, "UP", style(0, FG.green));
  const next = new ScreenBuffer(10, 1);
  next.put(0, 0, "UP", style(0, FG.red));
  equal(renderDiff(prev, next, { color: false }), "\x1b[?25l");
  assert(renderDiff(prev, next, { color: true }).includes("\x1b[0;31mUP"));
});

Deno.test("render: the cursor is placed and shown when given, hidden otherwise", () => {
  const b = sample(20, 5);
  const shown = renderDiff(b, b, { color: true, cursor: { x: 3, y: 4 } });
  equal(shown, "\x1b[5;4H\x1b[?25h");
  const screen = new VirtualScreen(20, 5);
  screen.apply(renderDiff(undefined, b, { color: true, cursor: { x: 3, y: 4 } }));
  equal(screen.cursorVisible, true);
  deepEqual([screen.x, screen.y], [3, 4]);
  // Out-of-range cursors are clamped to the grid.
  equal(renderDiff(b, b, { color: true, cursor: { x: 99, y: -3 } }), "\x1b[1;20H\x1b[?25h");
  screen.apply(renderDiff(b, b, { color: true }));
  equal(screen.cursorVisible, false);
});

Deno.test("render: random edits (with wide characters) always reproduce the next buffer", () => {
  let seed = 42;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const words = ["a", "bc", "中", "文字", "x中y", "UP", "DOWN", "—", "  "];
  const styles = [0, BOLD, REVERSE, style(0, FG.red), style(BOLD, FG.green), UNDERLINE];
  for (let round = 0; round < 200; round++) {
    const w = 1 + rand(12);
    const h = 1 + rand(4);
    const edit = (b: ScreenBuffer) => {
      for (let i = rand(8); i > 0; i--) {
        b.put(rand(w + 4) - 2, rand(h), words[rand(words.length)], styles[rand(styles.length)]);
      }
    };
    const prev = new ScreenBuffer(w, h);
    edit(prev);
    const next = new ScreenBuffer(w, h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        if (prev.char(x, y) !== "") next.put(x, y, prev.char(x, y), prev.styleAt(x, y));
      }
    }
    edit(next);
    const color = rand(2) === 0;
    const screen = new VirtualScreen(w, h);
    screen.apply(renderDiff(undefined, prev, { color }));
    assertShows(screen, prev, color);
    screen.apply(renderDiff(prev, next, { color }));
    assertShows(screen, next, color);
  }
});
