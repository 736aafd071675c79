import { assert, assertEquals } from "../../support/assert.ts";
import { ch, cursorOn, key, opened, run, snap } from "../../support/app.ts";
import { init } from "../../../src/app/mod.ts";
import type { Config, State } from "../../../src/app/model/state.ts";
import { fixtureSnapshot } from "../../support/snapshots.ts";

const config: Config = { readOnly: false, intervalMs: 1000, color: false, socketName: "/a.sock" };
const escape = key("escape");
const escapeEscape = key("escape", undefined, true);

/** Mode 1 on web/web1, come from the CLI (so the previous mode is 5). */
function fromCli(): State {
  const [s] = run(
    init(config, { columns: 100, rows: 30 }, "cli", 0),
    snap(fixtureSnapshot()),
    key("char", "1", true),
  );
  return cursorOn(s, "web", "web1");
}

Deno.test("a lone ESC closes the hotkey menu, the detail view, a dialog, a message, in turn; then goes back", () => {
  let s = fromCli();
  assertEquals(s.previousView, "cli");
  [s] = run(s, key("enter"));
  assert(opened(s).menu);
  [s] = run(s, escape);
  assertEquals([opened(s).menu, s.view], [false, "status"], "the menu closes; the mode stays");
  [s] = run(s, ch("i"), escape);
  assertEquals([opened(s).detail, s.view], [false, "status"]);
  [s] = run(s, ch("a"), escape);
  assertEquals([opened(s).dialog, s.view], [undefined, "status"]);
  assert(s.message?.text.includes("cancelled"));
  [s] = run(s, escape);
  assertEquals([s.message, s.view], [undefined, "status"], "the message goes; the mode stays");
  [s] = run(s, ch("/"), ch("w"), key("enter"), escape);
  assertEquals([s.filter, s.view], ["", "status"]);
  [s] = run(s, escape);
  assertEquals(s.view, "cli", "nothing open: back to the previous mode, as before");
});

Deno.test("ESC ESC and ALT-n still switch at once, message or menu open", () => {
  let [s] = run(fromCli(), ch("g"));
  assert(s.message, "g with one socket says why it does nothing");
  [s] = run(s, escapeEscape);
  assertEquals(s.view, "cli");
  [s] = run(fromCli(), key("enter"), escapeEscape);
  assertEquals([opened(s).menu, s.view], [false, "cli"]);
  [s] = run(fromCli(), ch("g"), key("char", "3", true));
  assertEquals(s.view, "http");
});
