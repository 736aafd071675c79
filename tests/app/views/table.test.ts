/**
 * The table-view kit's cursor (views/table.ts over model/table.ts): it rests only on lines that have a row
 * (never a `>>>` heading or a blank line), starts on the first one, and every way of moving it (arrows,
 * pages, HOME/END, Ctrl-A/E, the wheel, a click, a filter) keeps it there. Driven on the stat table of the
 * fixture, whose lines mix headings, blank lines and rows.
 *
 * @module
 */
import { assert, assertEquals } from "../../support/assert.ts";
import { ch, key, mouse, run, snap, typeText } from "../../support/app.ts";
import { cursorOnRow } from "../../../src/app/model/table.ts";
import type { State } from "../../../src/app/model/state.ts";
import { selectedLine } from "../../../src/app/model/stat_table.ts";
import { screenLayout } from "../../../src/app/model/layout.ts";
import { fixtureSnapshot } from "../../support/snapshots.ts";
import { BODY, fixture, start } from "../_stat_views.ts";

/** The selected row as `px/sv`; fails when the cursor is on a line that has none. */
function selected(s: State): string {
  const line = selectedLine(s);
  assert(line?.kind === "row", `the cursor is on a ${line?.kind} line (${s.scroll.cursor})`);
  return `${line.row.pxname}/${line.row.svname}`;
}

Deno.test("cursorOnRow: the nearest row the way it moved, else the other way, else unchanged", () => {
  const lines = ["h", "r1", "", "h", "r2", "r3"];
  const hasRow = (l: string) => l.startsWith("r");
  const at = (cursor: number, heading: 1 | -1) => cursorOnRow(lines, hasRow, { cursor, top: 0 }, heading, 4);
  assertEquals(at(0, 1), { cursor: 1, top: 0 });
  assertEquals(at(2, 1), { cursor: 4, top: 1 }, "the window follows the cursor");
  assertEquals(at(3, -1), { cursor: 1, top: 0 });
  assertEquals(at(0, -1), { cursor: 1, top: 0 }, "nothing above: the first row below");
  assertEquals(at(4, -1), { cursor: 4, top: 1 }, "a row stays");
  assertEquals(cursorOnRow(["h", ""], hasRow, { cursor: 1, top: 0 }, 1, 4), { cursor: 1, top: 0 });
});

Deno.test("table cursor: starts on the first row; arrows pass over headings and blank lines both ways", () => {
  let s = fixture();
  assertEquals(selected(s), "www/FRONTEND", "the first row, not the `>>> www` heading");
  [s] = run(s, key("down"));
  assertEquals(selected(s), "web/web1", "the blank line and `>>> web` are passed over");
  [s] = run(s, key("up"));
  assertEquals(selected(s), "www/FRONTEND");
  [s] = run(s, key("up"));
  assertEquals(selected(s), "www/FRONTEND", "nothing above the first row");
  assertEquals(s.scroll.top, 0, "the first heading stays visible");
  const seen = new Set<string>();
  for (let i = 0; i < s.lines.length; i++) {
    [s] = run(s, key("down"));
    seen.add(selected(s));
  }
  const rows = s.lines.filter((l) => l.kind === "row").length;
  assertEquals(seen.size, rows - 1, "DOWN visits every row but the first, one by one");
  for (let i = 0; i < s.lines.length; i++) [s] = run(s, key("up"), ch("j"));
  assertEquals(selected(s), "www/FRONTEND");
});

Deno.test("table cursor: pages, HOME/END, Ctrl-A/E and the wheel land on rows only", () => {
  let s = fixture();
  const keys = [
    key("pagedown"),
    key("pagedown"),
    key("pageup"),
    key("end"),
    key("pageup"),
    key("home"),
    key("ctrl", "e"),
    key("ctrl", "a"),
    mouse(65, 10, 15),
    mouse(65, 10, 15),
    mouse(64, 10, 15),
  ];
  const visited: string[] = [];
  for (const k of keys) {
    [s] = run(s, k);
    visited.push(selected(s));
    const { body } = screenLayout(s.size);
    assert(s.scroll.cursor >= s.scroll.top && s.scroll.cursor < s.scroll.top + body.height, "visible");
  }
  assertEquals(visited[5], "www/FRONTEND", "HOME: the first row");
  const last = s.lines.findLast((l) => l.kind === "row");
  assertEquals(visited[3], last?.kind === "row" ? `${last.row.pxname}/${last.row.svname}` : "", "END");
  assertEquals(visited[7], "www/FRONTEND", "Ctrl-A");
});

Deno.test("table cursor: a click on a heading or a blank line selects the first row below it", () => {
  let s = fixture();
  const y = (name: string) => BODY + s.lines.findIndex((l) => l.kind === "proxy" && l.name === name);
  [s] = run(s, mouse(0, 3, y("web")));
  assertEquals(selected(s), "web/web1", "the `>>> web` heading");
  [s] = run(s, mouse(0, 3, y("web") - 1));
  assertEquals(selected(s), "web/web1", "the blank line above it");
  [s] = run(s, mouse(0, 3, y("web") + 2));
  assertEquals(selected(s), "web/web2", "a row is selected as clicked");
});

Deno.test("table cursor: a filter and refreshes keep it on a row, by its service", () => {
  let s = fixture();
  [s] = run(s, key("down"), key("down"));
  assertEquals(selected(s), "web/web2");
  [s] = run(s, ch("/"), ...typeText("api"), key("enter"));
  assertEquals(selected(s), "api/api1", "the selected row is filtered out: the first row that matches");
  [s] = run(s, key("escape"));
  assertEquals(selected(s), "api/api1", "clearing the filter keeps the row");
  [s] = run(s, snap(fixtureSnapshot(), 1), ch("s"), snap(fixtureSnapshot(), 2));
  assertEquals(selected(s), "api/api1", "a refresh and a sort keep it");
  const [empty] = run(start(), snap({ ...fixtureSnapshot(), proxies: [] }));
  assertEquals(empty.lines.length, 0, "no row: nothing to select, nothing breaks");
});
