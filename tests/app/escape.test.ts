import { assert, assertEquals } from "../support/assert.ts";
import { ch, cursorOn, key, run, snap } from "../support/app.ts";
import { init } from "../../src/app/update.ts";
import type { Config, State } from "../../src/app/state.ts";
import { fixtureSnapshot } from "../support/snapshots.ts";

const config: Config = { readOnly: false, intervalMs: 1000, color: false, socketName: "/a.sock" };
const escape = key("escape");
const escapeEscape = key("escape", undefined, true);

/** Mode 1 on web/web1, come from the CLI (so the previous mode is 5). */
function fromCli(): State {
  const [s] = run(
    init(config, { columns: 100, rows: 30 }, 5, 0),
    snap(fixtureSnapshot()),
    key("char", "1", true),
  );
  return cursorOn(s, "web", "web1");
}

Deno.test("a lone ESC closes the hotkey menu, the detail view, a dialog, a message, in turn; then goes back", () => {
  let s = fromCli();
  assertEquals(s.previousMode, 5);
  [s] = run(s, key("enter"));
  assert(s.menu);
  [s] = run(s, escape);
  assertEquals([s.menu, s.mode], [false, 1], "the menu closes; the mode stays");
  [s] = run(s, ch("i"), escape);
  assertEquals([s.detail, s.mode], [false, 1]);
  [s] = run(s, ch("a"), escape);
  assertEquals([s.dialog, s.mode], [undefined, 1]);
  assert(s.message?.text.includes("cancelled"));
  [s] = run(s, escape);
  assertEquals([s.message, s.mode], [undefined, 1], "the message goes; the mode stays");
  [s] = run(s, ch("/"), ch("w"), key("enter"), escape);
  assertEquals([s.filter, s.mode], ["", 1]);
  [s] = run(s, escape);
  assertEquals(s.mode, 5, "nothing open: back to the previous mode, as before");
});

Deno.test("ESC ESC and ALT-n still switch at once, message or menu open", () => {
  let [s] = run(fromCli(), ch("g"));
  assert(s.message, "g with one socket says why it does nothing");
  [s] = run(s, escapeEscape);
  assertEquals(s.mode, 5);
  [s] = run(fromCli(), key("enter"), escapeEscape);
  assertEquals([s.menu, s.mode], [false, 5]);
  [s] = run(fromCli(), ch("g"), key("char", "3", true));
  assertEquals(s.mode, 3);
});
