import { assertEquals } from "../../support/assert.ts";
import {
  CONTINUATION,
  stripControls,
  wrapLine,
  wrappedCount,
  wrapTail,
} from "../../../src/app/widgets/text.ts";

Deno.test("CLI output wraps at the width, not at spaces; continuation lines are marked", () => {
  const record = "be_app,s5,0,0,0,0,,0,0,0,,0,,0,0,0,0,no check,1,1,0,,,,,,1,3,5,,0,,2,0,,0,,,,0";
  const lines = wrapLine(record, 20);
  assertEquals(lines[0], record.slice(0, 20));
  for (const l of lines.slice(1)) assertEquals(l.startsWith(CONTINUATION), true, l);
  assertEquals(lines.map((l, i) => (i === 0 ? l : l.slice(CONTINUATION.length))).join(""), record);
  assertEquals(lines.every((l) => l.length <= 20), true);
  assertEquals(wrapLine("short", 20), ["short"]);
  assertEquals(wrapLine("", 20), [""]);
  assertEquals(wrappedCount([record, "x"], 20), lines.length + 1);
});

Deno.test("CLI wrapping never splits a character outside the BMP", () => {
  const lines = wrapLine("a".repeat(9) + "😀" + "b".repeat(10), 10);
  assertEquals(lines[0], "a".repeat(9) + "😀");
});

Deno.test("text: control characters and DEL never reach the screen; tabs are four spaces", () => {
  const cases: [string, string][] = [
    ["plain", "plain"],
    ["a\x1b[31mb", "a[31mb"],
    ["x\x00y\x7fz", "xyz"],
    ["line\r\n", "line"],
    ["über ✓", "über ✓"],
  ];
  for (const [raw, shown] of cases) assertEquals(stripControls(raw), shown, JSON.stringify(raw));
  assertEquals(wrapLine("a\tb", 20), ["a    b"]);
  assertEquals(wrapTail(["one", "two", "three"], 20, 2), ["two", "three"], "only the last lines are made");
  assertEquals(wrapTail(["abcdefghij"], 6, 1), [`${CONTINUATION}ghij`], "the newest wrapped line last");
});
