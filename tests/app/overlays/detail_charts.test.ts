/**
 * The detail view's braille charts: a stat row's sessions/s and requests/s over the refreshes kept, with the
 * max and min the rates reached, redrawn as refreshes come; none for a row without a trend or a short screen.
 *
 * @module
 */
import { assert, assertEquals } from "../../support/assert.ts";
import { ch, key, run, screen } from "../../support/app.ts";
import { init } from "../../../src/app/mod.ts";
import type { Config, Event } from "../../../src/app/model/state.ts";
import { parseInfo } from "../../../src/stats/info.ts";
import { parseStat } from "../../../src/stats/csv.ts";
import { buildSnapshot } from "../../../src/stats/snapshot.ts";

const config: Config = { readOnly: false, intervalMs: 1000, color: false, socketName: "/a.sock" };

/** A refresh where be/s1 has `rate` sessions/s and twice as many requests/s. */
function refresh(rate: number, seq: number): Event {
  const csv = "# pxname,svname,status,weight,iid,sid,type,rate,req_rate,\n" +
    `be,s1,UP,1,2,1,2,${rate},${2 * rate},\nbe,BACKEND,UP,1,2,0,1,${rate},${2 * rate},\n`;
  const snapshot = buildSnapshot(parseInfo("Name: HAProxy\nVersion: 2.6.12\nPid: 1\n"), [parseStat(csv)]);
  return { type: "snapshot", snapshot, seq, now: seq };
}

Deno.test("the detail view charts the row's sessions/s and requests/s with their max and min", () => {
  const rates = [0, 4, 8, 2];
  let [s] = run(init(config, { columns: 100, rows: 40 }, "traffic", 0), ...rates.map(refresh));
  [s] = run(s, key("down"), ch("i"));
  let lines = screen(s);
  const title = lines.find((l) => l.includes("sessions/s:"))!;
  assert(title.includes("sessions/s: max 8 min 0"), title);
  assert(title.includes("requests/s: max 16 min 0"), title);
  const at = lines.indexOf(title);
  const chart = lines.slice(at + 1, at + 4).map((l) => l.slice(2, 4));
  assert(chart.every((c) => /^[\u2800-\u28ff]{2}$/.test(c)), JSON.stringify(chart));
  assert(chart.join("") !== "\u2800".repeat(6), "dots are drawn");
  assert(lines.some((l) => l.trimStart().startsWith("pxname")), "the fields follow the charts");
  [s] = run(s, refresh(20, 9));
  lines = screen(s);
  assert(lines.some((l) => l.includes("sessions/s: max 20 min 0")), "the charts follow the refreshes");
  const [short] = run(s, { type: "resize", size: { columns: 100, rows: 24 }, now: 10 });
  assertEquals(screen(short).some((l) => l.includes("sessions/s:")), false, "no room: only the fields");
});

Deno.test("c widens one chart to the whole body with its time axis and max/min, then the next, then back", () => {
  const rates = [0, 4, 8, 2, 6];
  let [s] = run(init(config, { columns: 100, rows: 40 }, "traffic", 0), ...rates.map(refresh));
  [s] = run(s, key("down"), ch("i"), ch("c"));
  let lines = screen(s);
  const title = lines.findIndex((l) => l.includes("sessions/s over the last 5 refreshes"));
  assert(title >= 0, lines.join("\n"));
  assertEquals(lines[title + 1].slice(0, 8).trim(), "8", "the max at the top of the value axis");
  const axis = lines.findIndex((l) => /^\s+-4s\s+now\s*$/.test(l));
  assert(axis > title + 2, "the time axis: 4 refreshes of 1 s back, to now");
  assertEquals(lines[axis - 1].slice(0, 8).trim(), "0", "the min at the bottom");
  assert(!lines.some((l) => l.trimStart().startsWith("pxname")), "the chart takes the whole body");
  [s] = run(s, ch("c"));
  lines = screen(s);
  assert(lines.some((l) => l.includes("requests/s over the last 5 refreshes")));
  assert(lines.some((l) => l.slice(0, 8).trim() === "16"));
  [s] = run(s, ch("c"));
  assert(screen(s).some((l) => l.includes("sessions/s: max 8 min 0")), "back to the fields under the charts");
});
