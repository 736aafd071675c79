import assert, { equal } from "node:assert/strict";
import { enterSequence, LEAVE_SEQUENCE } from "../../src/tui/modes.ts";

Deno.test("modes: entering switches to the alternate screen and hides the cursor", () => {
  const s = enterSequence(false);
  assert(s.includes("\x1b[?1049h"));
  assert(s.includes("\x1b[?25l"));
  equal(s.includes("\x1b[?1000h"), false);
  equal(s.includes("\x1b[?1006h"), false);
});

Deno.test("modes: mouse reporting only when asked for, SGR encoded", () => {
  const s = enterSequence(true);
  assert(s.includes("\x1b[?1000h") && s.includes("\x1b[?1006h"));
});

Deno.test("modes: leaving undoes everything entering can turn on", () => {
  for (
    const [on, off] of [["?1049h", "?1049l"], ["?25l", "?25h"], ["?7l", "?7h"], ["?1000h", "?1000l"], [
      "?1006h",
      "?1006l",
    ]]
  ) {
    assert(enterSequence(true).includes(`\x1b[${on}`), on);
    assert(LEAVE_SEQUENCE.includes(`\x1b[${off}`), off);
  }
  assert(LEAVE_SEQUENCE.startsWith("\x1b[0m"));
  // The alternate screen is left last, so the restored cursor state applies to the main screen.
  assert(LEAVE_SEQUENCE.endsWith("\x1b[?1049l"));
});
