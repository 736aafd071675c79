/**
 * The `/` filter of the stat views: what it keeps, regular expressions, ENTER and ESC, the cursor. Each test
 * drives `update` with events and reads what `view` draws.
 *
 * @module
 */
import { ch, cursorOn, key, opened, run, screen, typeText as type } from "../support/app.ts";
import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { BODY, bodyRows, fixture, layout, messageLine, selected } from "./_stat_views.ts";

Deno.test("filter: a server name keeps only that server under its proxy line, with the match count", () => {
  let [s] = run(fixture(), ch("/"), ...type("web2"));
  assert(opened(s).filterEditing);
  assertEquals(layout(s), [">>> web", "web/web2"]);
  assertEquals(s.matches, 1);
  assertMatch(messageLine(s), /^ Filter: web2 +1 matching \(ENTER keeps, ESC clears; ~ starts a regex\)/);
  assertEquals(bodyRows(s).filter((l) => l !== ""), [">>> web", bodyRows(s)[1]]);
  assertMatch(bodyRows(s)[1], /^web2 +50 UP/);
  [s] = run(s, key("backspace"), key("backspace"));
  assertEquals(s.filter, "we");
  assert(s.matches! > 1, "the filter applies as it is edited");
});

Deno.test("filter: case-insensitive; a proxy whose name matches keeps all its rows, FE and BE included", () => {
  let [s] = run(fixture(), ch("/"), ...type("WEB2"));
  assertEquals(layout(s), [">>> web", "web/web2"]);
  [s] = run(fixture(), ch("/"), ...type("db"));
  assertEquals(layout(s), [">>> tcp-db", "tcp-db/FRONTEND", "tcp-db/db1", "tcp-db/db2", "tcp-db/BACKEND"]);
  assertEquals(s.matches, 4);
  [s] = run(fixture(), ch("/"), ...type("web"));
  assertEquals(s.matches, 7, "web's six servers and its BACKEND");
  assertEquals(layout(s)[0], ">>> web");
  assertEquals(layout(s).at(-1), "web/BACKEND");
  assertMatch(messageLine(s), /Filter: web +7 matching/);
});

Deno.test("filter: `~` starts a regular expression; an invalid one is reported, not a crash", () => {
  let [s] = run(fixture(), ch("/"), ...type("~^web[13]$"));
  assertEquals(layout(s), [">>> web", "web/web1", "web/web3"]);
  assertEquals(s.matches, 2);
  [s] = run(fixture(), ch("/"), ...type("~dead|MAINT"));
  assertEquals(layout(s), [">>> web", "web/web4-dead", "web/web5-maint"]);
  [s] = run(fixture(), ch("/"), ...type("~web[("));
  assert(s.filterError?.startsWith("invalid regular expression"), s.filterError);
  assertMatch(messageLine(s), /^ Filter: ~web\[\( +invalid regular expression/);
  const lines = screen(s);
  assertEquals(lines.length, 25);
  [s] = run(s, key("enter"));
  assertMatch(messageLine(s), /Filter "~web\[\(": invalid regular expression/);
});

Deno.test("filter: ENTER keeps it, ESC later clears it (the mode stays); ESC while typing clears too", () => {
  const all = layout(fixture());
  let [s] = run(fixture(), ch("3"), ch("/"), ...type("api"), key("enter"));
  assert(!opened(s).filterEditing);
  assertEquals(s.filter, "api");
  assertEquals(layout(s), [">>> api", "api/api1", "api/api2", "api/api3-5xx", "api/BACKEND"]);
  assertMatch(messageLine(s), /^ Filter "api": 4 matching \(\/ edits, ESC clears\)/);
  [s] = run(s, ch("j"));
  assertEquals(s.filter, "api", "keys after ENTER are not typed into the filter");
  [s] = run(s, key("escape"));
  assertEquals(s.filter, "");
  assertEquals(s.view, "http", "the first ESC clears the filter rather than leaving the mode");
  assertEquals(layout(s), all);
  assertEquals(messageLine(s).trim(), "api/api1: UP", "the row selected under the filter stays selected");
  [s] = run(s, ch("/"), ...type("db"), key("escape"));
  assert(!opened(s).filterEditing);
  assertEquals(s.filter, "");
  assertEquals(layout(s), all);
});

Deno.test("filter: no match says so in the body", () => {
  const [s] = run(fixture(), ch("/"), ...type("zzz"));
  assertEquals(s.lines.length, 0);
  assertEquals(s.matches, 0);
  assertEquals(bodyRows(s)[0].trim(), 'nothing matches "zzz"');
  assertMatch(messageLine(s), /Filter: zzz +0 matching/);
});

Deno.test("filter: the cursor follows its row as the filter narrows and when it is cleared", () => {
  let s = cursorOn(fixture(), "web", "web3");
  [s] = run(s, ch("/"), ch("w"));
  assertEquals(selected(s), "web/web3");
  [s] = run(s, ...type("eb3"));
  assertEquals(selected(s), "web/web3");
  assertEquals(layout(s), [">>> web", "web/web3"]);
  [s] = run(s, key("enter"), key("escape"));
  assertEquals(selected(s), "web/web3");
  assertMatch(screen(s)[BODY + s.scroll.cursor - s.scroll.top], /^web3 +10 DRAIN/);
});
