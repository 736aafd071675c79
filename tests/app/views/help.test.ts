import { assertEquals } from "../../support/assert.ts";
import { HELP_LINES } from "../../../src/app/mod.ts";
import { HOTKEYS } from "../../../src/app/domain/hotkeys.ts";

Deno.test("help: every hotkey line has its label and its text in the same columns (F10, F11 too)", () => {
  const lines = HOTKEYS.map((h) => HELP_LINES.find((l) => l.startsWith(`  ${h.key.toUpperCase()} `))!);
  assertEquals(lines.length, 11);
  const labels = new Set(HOTKEYS.map((h, i) => lines[i].indexOf(h.label)));
  const texts = new Set(HOTKEYS.map((h, i) => lines[i].indexOf(h.help)));
  assertEquals([labels.size, texts.size], [1, 1], lines.join("\n"));
});
