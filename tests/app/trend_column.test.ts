/**
 * The TREND column of modes 2 and 3: sparklines, when they fit, how many refreshes they keep. Each test
 * drives `update` with events and reads what `view` draws.
 *
 * @module
 */
import { ch, run, screen, snap } from "../support/app.ts";
import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { bodyRows, HEADER, rateSnapshot, SIZE, start } from "./_stat_views.ts";
import { TREND_LENGTH } from "../../src/app/domain/trends.ts";
import type { Event, ViewId } from "../../src/app/model/state.ts";
import { fixtureSnapshot } from "../support/snapshots.ts";

Deno.test("trend: a sparkline of rate (mode 2) / req_rate (mode 3) at 120 columns, none at 80", () => {
  const events: Event[] = [];
  for (let i = 0; i < 8; i++) {
    events.push(snap(rateSnapshot([["be", "s1", 2, 1, i, 7 - i], ["be", "BACKEND", 1, 0, i, 7 - i]]), i));
  }
  let [s] = run(start("traffic", {}, { columns: 120, rows: 25 }), ...events);
  assertMatch(screen(s)[HEADER], /TREND *$/);
  assertMatch(bodyRows(s)[1], /^s1 .* ▁▂▃▄▅▆▇█$/);
  [s] = run(s, ch("3"));
  assertMatch(screen(s)[HEADER], /TREND *$/);
  assertMatch(bodyRows(s)[1], /^s1 .* █▇▆▅▄▃▂▁$/, "mode 3 draws req_rate");
  [s] = run(s, ch("1"));
  assert(!screen(s)[HEADER].includes("TREND"), "mode 1 has no trend");
  const narrow = run(start("traffic", {}, SIZE), ...events)[0];
  assert(!screen(narrow)[HEADER].includes("TREND"), screen(narrow)[HEADER]);
  assert(!screen(narrow).some((l) => /[▁▂▃▄▅▆▇█]/.test(l)));
});

Deno.test("trend: shown only when every column's minimum fits (89 columns in modes 2 and 3)", () => {
  const at = (view: ViewId, columns: number) =>
    screen(run(start(view, {}, { columns, rows: 25 }), snap(fixtureSnapshot()))[0])[HEADER];
  assertMatch(at("traffic", 89), /TREND *$/);
  assert(!at("traffic", 88).includes("TREND"));
  assertMatch(at("http", 89), /TREND *$/);
  assert(!at("http", 88).includes("TREND"));
});

Deno.test("trend: keeps the last 30 refreshes; an all-zero trend is the lowest bar", () => {
  const events: Event[] = [];
  for (let i = 0; i < TREND_LENGTH + 5; i++) {
    events.push(snap(rateSnapshot([["be", "s1", 2, 1, i, 0]]), i));
  }
  const [s] = run(start("traffic", {}, { columns: 120, rows: 25 }), ...events);
  const t = s.trends.get("2|be|s1");
  assertEquals(t?.rate.length, TREND_LENGTH);
  assertEquals(t?.rate[0], 5);
  assertEquals(t?.rate.at(-1), TREND_LENGTH + 4);
  const [m3] = run(s, ch("3"));
  assertMatch(bodyRows(m3)[1], / ▁{10,30}$/, "req_rate stayed 0");
  assertMatch(bodyRows(s)[1], / [▁▂▃▄▅▆▇]+█+$/, "rate grew: the newest value is the highest bar");
});
