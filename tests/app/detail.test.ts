/**
 * The `i` detail view: every field in groups, live; scrolling and closing. Each test drives `update` with
 * events and reads what `view` draws.
 *
 * @module
 */
import { ch, cursorOn, key, mouse, opened, run, screen, snap, typeText } from "../support/app.ts";
import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { BODY, bodyRows, fixture, fixtureWith, HEADER, messageLine, start } from "./_stat_views.ts";
import { screenLayout } from "../../src/app/model/layout.ts";
import { fixtureSnapshot } from "../support/snapshots.ts";

const DETAIL_GROUPS = [
  "Identity and address",
  "Health",
  "State changes",
  "Sessions and limits",
  "Rates",
  "Bytes",
  "HTTP",
  "Timings (ms, averages of the last 1024 requests; max since start)",
  "Errors and denials",
  "Other fields",
];

Deno.test("detail: `i` shows every field by name in groups, in order, and follows refreshes", () => {
  let [s] = run(start("status", {}, { columns: 100, rows: 200 }), snap(fixtureSnapshot()));
  s = cursorOn(s, "web", "web2");
  [s] = run(s, ch("i"));
  assert(opened(s).detail);
  let lines = screen(s);
  assertMatch(lines[HEADER], /^ web\/web2 \[#3\/#2\]: every field, live +i\/ESC=CLOSE $/);
  const titles = lines.slice(BODY).filter((l) => /^\S/.test(l)).map((l) => l.trimEnd());
  assertEquals(titles, DETAIL_GROUPS);
  const field = (name: string) =>
    lines.find((l) => l.startsWith(`  ${name} `))?.trim().split(/\s+/).slice(1).join(" ");
  assertEquals(field("pxname"), "web");
  assertEquals(field("status"), "UP");
  assertEquals(field("check_desc"), "Layer7 check passed");
  assertEquals(field("weight"), "50");
  assertMatch(field("bin") ?? "", /^5166 \(/);
  assert(lines.some((l) => l.startsWith("  lastchg ")), "state change times");
  assert(!lines.some((l) => /^NAME +W STATUS/.test(l)), "the table is replaced");
  // Live: the next snapshot changes what the view shows, and the view stays open.
  [s] = run(s, snap(fixtureWith("web", "web2", "status", "DOWN"), 1));
  assert(opened(s).detail);
  lines = screen(s);
  assertEquals(field("status"), "DOWN");
});

Deno.test("detail: arrows and pages scroll; i, q and ESC close it (q does not quit)", () => {
  let s = cursorOn(fixture(), "web", "web2");
  [s] = run(s, ch("i"));
  const first = bodyRows(s);
  assertEquals(first[0], "Identity and address");
  [s] = run(s, key("down"));
  assertEquals(bodyRows(s)[0], first[1]);
  [s] = run(s, key("pagedown"));
  assertEquals(opened(s).detailScroll, 1 + screenLayout(s.size).body.height);
  [s] = run(s, key("pageup"), key("up"));
  assertEquals(opened(s).detailScroll, 0);
  [s] = run(s, mouse(65, 10, 15));
  assertEquals(opened(s).detailScroll, 3, "the wheel scrolls the detail view");
  assert(opened(s).detail);
  for (const close of [ch("i"), ch("q"), ch("Q"), key("escape")]) {
    const [after, c] = run(s, close);
    assert(!opened(after).detail, "closed");
    assertEquals(c, [], "nothing quits");
    assertEquals(after.view, "status");
    assertMatch(screen(after)[HEADER], /^NAME +W STATUS/);
  }
});

Deno.test("detail: `i` with no row to select (nothing matches the filter) asks for a row", () => {
  const [s] = run(fixture(), ch("/"), ...typeText("zzz"), key("enter"), ch("i"));
  assert(!opened(s).detail);
  assertMatch(messageLine(s), /select a row first/);
});
