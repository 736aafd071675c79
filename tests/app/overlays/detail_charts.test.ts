/**
 * The detail view's braille charts: a stat row's rates over the last minutes (one point per 5 s at `-i 1`),
 * with the max and min they reached and their value now, redrawn as refreshes come; only the charts the row
 * has fields for; `c` widens each in turn to the whole body with its time axis; none on a short screen.
 *
 * @module
 */
import { assert, assertEquals } from "../../support/assert.ts";
import { ch, key, run, screen } from "../../support/app.ts";
import { init } from "../../../src/app/mod.ts";
import { CHART_SERIES } from "../../../src/app/domain/charts.ts";
import type { Config, Event, State } from "../../../src/app/model/state.ts";
import { parseInfo } from "../../../src/stats/info.ts";
import { parseStat } from "../../../src/stats/csv.ts";
import { buildSnapshot } from "../../../src/stats/snapshot.ts";

const config: Config = { readOnly: false, intervalMs: 1000, color: false, socketName: "/a.sock" };
const HTTP = "stot,req_tot,bin,bout,hrsp_4xx,hrsp_5xx,qcur,rtime";

/** The refresh at second `i` where be/s1 has had `stot` sessions (twice as many requests, 100 bytes each). */
function refresh(i: number, stot: number, fields = HTTP): Event {
  const all: Record<string, number> = {
    stot,
    req_tot: 2 * stot,
    bin: 100 * stot,
    bout: 0,
    hrsp_4xx: 0,
    hrsp_5xx: 0,
    qcur: 0,
    rtime: 0,
  };
  const values = fields.split(",").map((f) => all[f]).join(",");
  const csv = `# pxname,svname,status,weight,iid,sid,type,${fields},\n` +
    `be,s1,UP,1,2,1,2,${values},\nbe,BACKEND,UP,1,2,0,1,${values},\n`;
  const snapshot = buildSnapshot(parseInfo("Name: HAProxy\nVersion: 2.6.12\nPid: 1\n"), [parseStat(csv)]);
  return { type: "snapshot", snapshot, seq: i + 1, now: 1000 * i };
}

/** Refreshes each second from `from`, the sessions growing by `rates[k]` a second in the k-th 5 s. */
function refreshes(rates: readonly number[], from = 0, stot = 0, fields = HTTP): Event[] {
  const events: Event[] = [];
  for (let i = 0; i <= 5 * rates.length; i++) {
    events.push(refresh(from + i, stot, fields));
    stot += rates[Math.floor(i / 5)] ?? 0;
  }
  return events;
}

function detail(events: Event[], rows = 40): State {
  const [s] = run(init(config, { columns: 100, rows }, "traffic", 0), ...events);
  return run(s, key("down"), ch("i"))[0];
}

Deno.test("the detail view charts the row's rates with their max, min and value now", () => {
  let s = detail(refreshes([0, 4, 8, 2]));
  let lines = screen(s);
  const title = lines.find((l) => l.includes("sessions/s:"))!;
  assert(title.includes("sessions/s: max 8 min 0 now 2"), title);
  assert(title.includes("requests/s: max 16 min 0 now 4"), title);
  assert(lines.some((l) => l.includes("bytes in/s: max 800 min 0 now 200")), lines.join("\n"));
  assert(lines.some((l) => l.includes("queue: max 0 min 0 now 0")));
  const at = lines.indexOf(title);
  const chart = lines.slice(at + 1, at + 4).map((l) => l.slice(2, 4));
  assert(chart.every((c) => /^[\u2800-\u28ff]{2}$/.test(c)), JSON.stringify(chart));
  assert(chart.join("") !== "\u2800".repeat(6), "dots are drawn");
  assert(lines.some((l) => l.trimStart().startsWith("pxname")), "the fields follow the charts");
  // 20 sessions a second for the next 5 s: the charts follow the refreshes.
  [s] = run(s, ...refreshes([20], 20, 70).slice(1));
  lines = screen(s);
  assert(lines.some((l) => l.includes("sessions/s: max 20 min 0 now 20")), lines.join("\n"));
  const [short] = run(s, { type: "resize", size: { columns: 100, rows: 14 }, now: 30_000 });
  assertEquals(screen(short).some((l) => l.includes("sessions/s:")), false, "no room: only the fields");
});

Deno.test("the detail view charts only what the row has: a TCP row has no requests/s nor 4xx/5xx", () => {
  const lines = screen(detail(refreshes([3, 1], 0, 0, "stot,bin,bout,qcur")));
  const titles = lines.flatMap((l) => [...l.matchAll(/([a-z0-9/]+(?: [a-z/]+)?): max /g)].map((m) => m[1]));
  assertEquals(titles, ["sessions/s", "bytes in/s", "bytes out/s", "queue"]);
});

Deno.test("c widens each chart to the whole body with its time axis and max/min, then back to the fields", () => {
  let s = detail(refreshes([0, 4, 8, 2]));
  [s] = run(s, ch("c"));
  let lines = screen(s);
  const title = lines.findIndex((l) => l.includes("sessions/s over the last 20s, a point every 5s"));
  assert(title >= 0, lines.join("\n"));
  assertEquals(lines[title + 1].slice(0, 8).trim(), "8", "the max at the top of the value axis");
  const axis = lines.findIndex((l) => /^\s+-20s\s+now\s*$/.test(l));
  assert(axis > title + 2, `the time axis: 4 points of 5 s back, to now\n${lines.join("\n")}`);
  assertEquals(lines[axis - 1].slice(0, 8).trim(), "0", "the min at the bottom");
  assert(!lines.some((l) => l.trimStart().startsWith("pxname")), "the chart takes the whole body");
  for (const series of CHART_SERIES.slice(1)) {
    [s] = run(s, ch("c"));
    lines = screen(s);
    assert(lines.some((l) => l.includes(`${series.title} over the last 20s`)), series.title);
  }
  assert(lines.some((l) => l.slice(0, 8).trim() === "0"));
  [s] = run(s, ch("c"));
  assert(screen(s).some((l) => l.includes("sessions/s: max 8 min 0")), "back to the fields under the charts");
});
