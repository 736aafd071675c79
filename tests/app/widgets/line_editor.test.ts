import { assertEquals } from "../../support/assert.ts";
import {
  editLine,
  EMPTY_HISTORY,
  historyBack,
  historyForward,
  INPUT_LIMIT,
  insertText,
  type LineEditor,
  remember,
} from "../../../src/app/widgets/line_editor.ts";
import type { Key } from "../../../src/tui/types.ts";

const ed = (text: string, cursor = text.length): LineEditor => ({ text, cursor });
const ctrl = (text: string): Key => ({ name: "ctrl", text });

Deno.test("editLine: each editing key, and the keys it leaves alone", () => {
  const cases: [LineEditor, Key, LineEditor | undefined][] = [
    [ed("ab", 1), { name: "char", text: "X" }, ed("aXb", 2)],
    [ed("ab", 0), { name: "left" }, ed("ab", 0)],
    [ed("ab", 1), { name: "left" }, ed("ab", 0)],
    [ed("ab"), { name: "right" }, ed("ab", 2)],
    [ed("ab", 1), { name: "home" }, ed("ab", 0)],
    [ed("ab", 0), { name: "end" }, ed("ab", 2)],
    [ed("abc", 2), { name: "backspace" }, ed("ac", 1)],
    [ed("abc", 0), { name: "backspace" }, ed("abc", 0)],
    [ed("abc", 1), { name: "delete" }, ed("ac", 1)],
    [ed("abc", 1), ctrl("d"), ed("ac", 1)],
    [ed("abc", 2), ctrl("a"), ed("abc", 0)],
    [ed("abc", 0), ctrl("e"), ed("abc", 3)],
    [ed("abcdef", 3), ctrl("u"), ed("def", 0)],
    [ed("abcdef", 3), ctrl("k"), ed("abc", 3)],
    [ed("show  stat info"), ctrl("w"), ed("show  stat ", 11)],
    [ed("show stat  "), ctrl("w"), ed("show ", 5)],
    [ed("ab"), { name: "char", text: "x", alt: true }, undefined],
    [ed("ab"), { name: "up" }, undefined],
    [ed("ab"), ctrl("c"), undefined],
  ];
  for (const [before, k, after] of cases) {
    assertEquals(editLine(before, k), after, JSON.stringify([before, k]));
  }
});

Deno.test("insertText: control characters are dropped; nothing past the input limit", () => {
  assertEquals(insertText(ed("ab", 1), "x\x01y"), ed("axyb", 3));
  assertEquals(insertText(ed("ab"), "\x1b"), ed("ab"), "only controls: nothing");
  const full = ed("x".repeat(INPUT_LIMIT));
  assertEquals(insertText(full, "y"), full);
});

Deno.test("history: no repeated entry, not cyclic, the unsent line comes back", () => {
  let h = remember(remember(remember(EMPTY_HISTORY, "a"), "b"), "b");
  assertEquals(h.entries, ["a", "b"]);
  assertEquals(historyBack(EMPTY_HISTORY, "x"), undefined, "no history: nothing");
  const b = historyBack(h, "typed")!;
  assertEquals(b.text, "b");
  const a = historyBack(b.history, "b")!;
  assertEquals(a.text, "a");
  assertEquals(historyBack(a.history, "a"), undefined, "not cyclic");
  const fwd = historyForward(a.history)!;
  assertEquals(fwd.text, "b");
  const draft = historyForward(fwd.history)!;
  assertEquals([draft.text, draft.history.index], ["typed", undefined], "the unsent line comes back");
  assertEquals(historyForward(draft.history), undefined);
  h = Array.from({ length: 150 }, (_, i) => `c${i}`).reduce(remember, EMPTY_HISTORY);
  assertEquals([h.entries.length, h.entries[0]], [100, "c50"], "the last 100 are kept");
});
