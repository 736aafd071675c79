import { assertEquals } from "../../support/assert.ts";
import {
  clampScroll,
  moveScroll,
  scrollEnd,
  scrollHome,
  type ScrollState,
  scrollText,
  wheel,
} from "../../../src/app/widgets/scroll.ts";
import type { Key } from "../../../src/tui/types.ts";

const at = (cursor: number, top: number): ScrollState => ({ cursor, top });

Deno.test("clampScroll keeps the cursor on a line and in the window", () => {
  const cases: [ScrollState, number, number, ScrollState, string][] = [
    [at(5, 0), 3, 10, at(2, 0), "past the end: the last line"],
    [at(0, 8), 10, 5, at(0, 0), "the window follows the cursor up"],
    [at(9, 0), 20, 5, at(9, 5), "and down"],
    [at(3, 1), 0, 5, at(0, 0), "no lines"],
    [at(3, 1), 10, 0, at(0, 0), "no room"],
    [at(12, 10), 14, 5, at(12, 9), "no empty rows below the last line"],
  ];
  for (const [s, length, visible, want, why] of cases) {
    assertEquals(clampScroll(s, length, visible), want, why);
  }
});

Deno.test("moveScroll walks the cursor inside the window first, then scrolls the window", () => {
  const cases: [ScrollState, number, number, number, ScrollState, string][] = [
    [at(0, 0), 1, 20, 5, at(1, 0), "down one"],
    [at(4, 0), 1, 20, 5, at(5, 1), "at the window's bottom the window scrolls"],
    [at(0, 0), 10, 20, 5, at(4, 0), "a page from the top stops at the window's bottom"],
    [at(4, 0), 10, 20, 5, at(14, 10), "then the window moves a page"],
    [at(14, 10), 10, 20, 5, at(19, 15), "not past the end"],
    [at(5, 1), -1, 20, 5, at(4, 1), "up inside the window"],
    [at(1, 1), -1, 20, 5, at(0, 0), "at the window's top the window scrolls up"],
    [at(2, 0), 1, 3, 5, at(2, 0), "a short list: the last line stays"],
    [at(0, 0), 1, 0, 5, at(0, 0), "no lines"],
  ];
  for (const [s, n, length, visible, want, why] of cases) {
    assertEquals(moveScroll(s, n, length, visible), want, why);
  }
});

Deno.test("HOME and END", () => {
  assertEquals(scrollHome(), at(0, 0));
  assertEquals(scrollEnd(20, 5), at(19, 15));
  assertEquals(scrollEnd(3, 5), at(2, 0));
  assertEquals(scrollEnd(0, 5), at(0, 0));
});

Deno.test("scrollText: arrows, pages, HOME/END and the wheel; other keys do not scroll", () => {
  const mouse = (button: number): Key => ({ name: "mouse", mouse: { button, x: 0, y: 0, release: false } });
  const cases: [Key, number, number | undefined][] = [
    [{ name: "down" }, 0, 1],
    [{ name: "up" }, 0, 0],
    [{ name: "pagedown" }, 0, 10],
    [{ name: "pagedown" }, 15, 20],
    [{ name: "pageup" }, 5, 0],
    [{ name: "end" }, 0, 20],
    [{ name: "home" }, 7, 0],
    [mouse(65), 0, 3],
    [mouse(64), 2, 0],
    [mouse(0), 5, undefined],
    [{ name: "char", text: "j" }, 5, undefined],
  ];
  for (const [k, from, want] of cases) assertEquals(scrollText(k, from, 30, 10), want, JSON.stringify(k));
  assertEquals([wheel(mouse(64)), wheel(mouse(65)), wheel(mouse(0)), wheel({ name: "down" })], [-1, 1, 0, 0]);
});
