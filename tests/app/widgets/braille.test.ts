/**
 * Braille line charts: dots at the right levels, right-aligned, joined between values, gaps for values that
 * are not finite, the scale given or found, and degenerate sizes.
 *
 * @module
 */
import { assertEquals } from "../../support/assert.ts";
import { brailleChart } from "../../../src/app/widgets/braille.ts";

/** A chart's dots as text: `#` for a dot, `.` for none, 2 columns and 4 rows per character. */
function dots(lines: readonly string[]): string[] {
  const out: string[] = [];
  const bits = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]];
  for (const line of lines) {
    for (let r = 0; r < 4; r++) {
      out.push(
        [...line].map((ch) => {
          const b = ch.charCodeAt(0) - 0x2800;
          return `${b & bits[r][0] ? "#" : "."}${b & bits[r][1] ? "#" : "."}`;
        }).join(""),
      );
    }
  }
  return out;
}

Deno.test("values are plotted at their levels, the newest on the right, joined in their columns", () => {
  const chart = brailleChart([0, 1, 2, 3], 2, 1);
  assertEquals([chart.min, chart.max], [0, 3]);
  assertEquals(dots(chart.lines), ["...#", "..#.", ".#..", "#..."]);
  const jump = brailleChart([0, 3], 1, 1);
  assertEquals(dots(jump.lines), [".#", ".#", "#.", "#."], "the rise is drawn, half in each column");
});

Deno.test("fewer values than dots are right-aligned; a chart of zeros is a line at the bottom", () => {
  assertEquals(dots(brailleChart([5], 2, 1).lines), ["...#", "....", "....", "...."], "5 of 0-5: the top");
  assertEquals(dots(brailleChart([0, 0, 0], 2, 1).lines), ["....", "....", "....", ".###"]);
});

Deno.test("two lines high, a scale given, gaps, and only the newest values that fit", () => {
  const chart = brailleChart([0, 10, NaN, 10, 20, 99], 2, 2, { min: 0, max: 10 });
  assertEquals([chart.min, chart.max], [0, 10]);
  // The last four values: NaN (a gap), 10, 20 and 99 (both drawn at the top: out of scale).
  assertEquals(dots(chart.lines), [".###", "....", "....", "....", "....", "....", "....", "...."]);
  assertEquals(brailleChart([1, 2], 0, 3).lines, ["", "", ""]);
  assertEquals(brailleChart([1, 2], 3, 0).lines, []);
});
