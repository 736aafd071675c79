/**
 * The mouse: a click selects a row or a footer tab; the wheel scrolls the table, the help and the CLI. Each
 * test drives `update` with events and reads what `view` draws.
 *
 * @module
 */
import { ch, mouse, run, screen, snap, typeText as type } from "../support/app.ts";
import { assert, assertEquals } from "../support/assert.ts";
import { BODY, fixture, selected, start } from "./_stat_views.ts";
import { fixtureSnapshot, smallSnapshot } from "../support/snapshots.ts";

Deno.test("mouse: a left click selects the body row under it; release and clicks past the rows do nothing", () => {
  let [s] = run(fixture(), mouse(0, 4, BODY + 5));
  assertEquals(s.scroll.cursor, 5);
  assertEquals(selected(s), "web/web2");
  assert(screen(s)[24].includes("[#3/#2]"), "the footer shows the selected service");
  [s] = run(s, mouse(0, 4, BODY + 1, true));
  assertEquals(s.scroll.cursor, 5, "a release is not a click");
  [s] = run(s, mouse(0, 4, 11));
  assertEquals(s.scroll.cursor, 5, "the header is not a row");
  const [one] = run(start(), snap(smallSnapshot([["be", "s1", "UP", 1, 2, 1, 2]])), mouse(0, 4, BODY + 1));
  const [past] = run(one, mouse(0, 4, BODY + 6));
  assertEquals(past.scroll.cursor, 1, "below the last row");
});

Deno.test("mouse: a click on a footer tab switches mode; read-only has no CLI tab", () => {
  const s = fixture();
  const foot = screen(s)[24];
  for (
    const [tab, view] of [["2-TRAFFIC", "traffic"], ["3-HTTP", "http"], ["4-ERRORS", "errors"], [
      "5-CLI",
      "cli",
    ]] as const
  ) {
    const [after] = run(s, mouse(0, foot.indexOf(tab) + 1, 24));
    assertEquals(after.view, view, tab);
  }
  const [m2] = run(s, ch("2"));
  const [back] = run(m2, mouse(0, screen(m2)[24].indexOf("1-STATUS"), 24));
  assertEquals(back.view, "status");
  const [ro] = run(start("status", { readOnly: true }), snap(fixtureSnapshot()));
  const [after] = run(ro, mouse(0, foot.indexOf("5-CLI") + 1, 24));
  assertEquals(after.view, "status", "no CLI tab in read-only mode");
  const [right] = run(s, mouse(0, 70, 24));
  assertEquals(right.view, "status", "the hints are not tabs");
});

Deno.test("mouse: the wheel moves 3 lines and scrolls help and the CLI output", () => {
  // The cursor starts on www's FRONTEND (line 1); lines 4, 13 and 10 are rows (web1, api1, web's BACKEND).
  let [s] = run(fixture(), mouse(65, 10, 15));
  assertEquals(s.scroll.cursor, 4);
  [s] = run(s, mouse(65, 10, 15), mouse(65, 10, 15), mouse(65, 10, 15));
  assertEquals(s.scroll.cursor, 13);
  assert(s.scroll.top > 0, "the body scrolls to keep the cursor visible");
  [s] = run(s, mouse(64, 10, 15));
  assertEquals(s.scroll.cursor, 10);
  let [h] = run(s, ch("h"), mouse(65, 10, 15));
  assertEquals(h.views.help, 3);
  [h] = run(h, mouse(64, 10, 15), mouse(64, 10, 15));
  assertEquals(h.views.help, 0);
  let [cli] = run(s, ch("5"), ...type("x"));
  const output = Array.from({ length: 40 }, (_, i) => `line ${i}`);
  cli = { ...cli, cli: { ...cli.cli, output } };
  [cli] = run(cli, mouse(64, 10, 15));
  assertEquals(cli.cli.scroll, 3);
  assert(screen(cli).some((l) => l.startsWith("line 36")), "scrolled up by three lines");
  assert(!screen(cli).some((l) => l.startsWith("line 39")), "the last lines scrolled out");
  [cli] = run(cli, mouse(65, 10, 15));
  assertEquals(cli.cli.scroll, 0);
  assertEquals(cli.cli.input.text, "x", "the wheel does not type");
});
