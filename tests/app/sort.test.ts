/**
 * `s`/`S` sorting of the stat views: the column cycle, numbers and empty values, the cursor. Each test drives
 * `update` with events and reads what `view` draws.
 *
 * @module
 */
import { ch, cursorOn, run, screen, snap } from "../support/app.ts";
import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { fixture, fixtureWith, HEADER, layout, selected, start } from "./_stat_views.ts";
import { fixtureSnapshot, smallSnapshot } from "../support/snapshots.ts";

Deno.test("sort: `s` cycles none -> NAME -> W -> ... -> none through every column of the mode", () => {
  let [s] = run(fixture(), ch("s"));
  assertEquals(s.sort, { field: "svname", reverse: false });
  assertMatch(screen(s)[HEADER], /^NAME\^ +W STATUS/);
  [s] = run(s, ch("s"));
  assertEquals(s.sort, { field: "weight", reverse: false });
  assertMatch(screen(s)[HEADER], /^NAME +W\^ STATUS/);
  for (let i = 0; i < 10; i++) [s] = run(s, ch("s"));
  assertEquals(s.sort?.field, "stot", "mode 1 has 12 columns");
  [s] = run(s, ch("s"));
  assertEquals(s.sort, undefined);
  assert(!/[\^]|\bv\b/.test(screen(s)[HEADER]), screen(s)[HEADER]);
  // Mode 2 at a width with TREND: the trend column is not a sort column.
  [s] = run(start("traffic", {}, { columns: 120, rows: 25 }), snap(fixtureSnapshot()));
  const fields: string[] = [];
  for (let i = 0; i < 10; i++) {
    [s] = run(s, ch("s"));
    fields.push(s.sort?.field ?? "none");
  }
  assertEquals(fields, [
    "svname",
    "weight",
    "status",
    "lbtot",
    "rate",
    "rate_lim",
    "rate_max",
    "bin",
    "bout",
    "none",
  ]);
});

Deno.test("sort by W: servers numerically within their proxy, FE/BE in place; S reverses (header v)", () => {
  let [s] = run(fixture(), ch("s"), ch("s"));
  const web = () => layout(s).filter((l) => l.startsWith("web/"));
  assertEquals(web(), [
    "web/web4-dead",
    "web/web5-maint",
    "web/web6-backup",
    "web/web3",
    "web/web2",
    "web/web1",
    "web/BACKEND",
  ]);
  assertEquals(layout(s).filter((l) => l.startsWith("tcp-db/")), [
    "tcp-db/FRONTEND",
    "tcp-db/db1",
    "tcp-db/db2",
    "tcp-db/BACKEND",
  ]);
  [s] = run(s, ch("S"));
  assertEquals(s.sort, { field: "weight", reverse: true });
  assertMatch(screen(s)[HEADER], /^NAME +Wv STATUS/);
  assertEquals(web(), [
    "web/web1",
    "web/web2",
    "web/web3",
    "web/web4-dead",
    "web/web5-maint",
    "web/web6-backup",
    "web/BACKEND",
  ]);
  assertEquals(layout(s)[0], ">>> www");
  assertEquals(layout(s)[1], "www/FRONTEND");
  [s] = run(s, ch("S"));
  assertEquals(s.sort, { field: "weight", reverse: false });
});

Deno.test("sort: numbers compare as numbers, empty values last in both directions; S without a sort does nothing", () => {
  const small = smallSnapshot([
    ["be", "FRONTEND", "OPEN", "", 2, 0, 0],
    ["be", "a", "UP", 5, 2, 1, 2],
    ["be", "b", "UP", "", 2, 2, 2],
    ["be", "c", "UP", 30, 2, 3, 2],
    ["be", "d", "UP", 100, 2, 4, 2],
    ["be", "BACKEND", "UP", 135, 2, 0, 1],
  ]);
  let [s] = run(start(), snap(small), ch("S"));
  assertEquals(s.sort, undefined);
  assertEquals(layout(s), [">>> be", "be/FRONTEND", "be/a", "be/b", "be/c", "be/d", "be/BACKEND"]);
  [s] = run(s, ch("s"), ch("s"));
  assertEquals(layout(s), [">>> be", "be/FRONTEND", "be/a", "be/c", "be/d", "be/b", "be/BACKEND"]);
  [s] = run(s, ch("S"));
  assertEquals(layout(s), [">>> be", "be/FRONTEND", "be/d", "be/c", "be/a", "be/b", "be/BACKEND"]);
});

Deno.test("sort: the cursor follows its row when the order changes, and after a refresh", () => {
  let s = cursorOn(fixture(), "web", "web1");
  const before = s.scroll.cursor;
  [s] = run(s, ch("s"), ch("s"));
  assertEquals(selected(s), "web/web1");
  assertEquals(s.scroll.cursor, before + 5, "web1 (weight 100) is now the last web server");
  [s] = run(s, snap(fixtureWith("web", "web1", "weight", "0"), 1));
  assertEquals(selected(s), "web/web1");
  assertEquals(layout(s)[s.scroll.cursor - 1], ">>> web", "weight 0 sorts first after the refresh");
});
