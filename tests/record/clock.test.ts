import { assertEquals } from "../support/assert.ts";
import {
  advanceDuration,
  clockColumns,
  observedAdvance,
  predictInfo,
  predictProcs,
  predictRow,
} from "../../src/record/clock.ts";

const FIELDS = ["status", "lastchg", "downtime", "lastsess"];
const at = clockColumns(FIELDS);

Deno.test("lastchg counts up with the clock, downtime only while DOWN or MAINT, lastsess once a session was seen", () => {
  const table: [string[], number, string[]][] = [
    [["UP", "10", "4", "-1"], 3, ["UP", "13", "4", "-1"]],
    [["DOWN", "10", "4", "7"], 3, ["DOWN", "13", "7", "10"]],
    [["MAINT", "0", "0", "-1"], 1, ["MAINT", "1", "1", "-1"]],
    [["MAINT (via be/s1)", "0", "0", "0"], 2, ["MAINT (via be/s1)", "2", "2", "2"]],
    [["DOWN 1/2", "5", "5", ""], 1, ["DOWN 1/2", "6", "6", ""]],
    [["UP 1/3", "5", "5", ""], 1, ["UP 1/3", "6", "5", ""]],
    [["DRAIN", "5", "5", ""], 1, ["DRAIN", "6", "5", ""]],
    [["OPEN", "", "", ""], 5, ["OPEN", "", "", ""]],
  ];
  for (const [values, seconds, expected] of table) {
    assertEquals([...predictRow(values, at, seconds)], expected, `${values} +${seconds}s`);
  }
  const same = ["UP", "10", "0", "-1"];
  assertEquals(predictRow(same, at, 0), same, "no time, the same array");
});

Deno.test("durations advance in the style they were printed in", () => {
  assertEquals(advanceDuration("0d 0h00m26s", 40), "0d 0h01m06s", "show info: hours not padded");
  assertEquals(advanceDuration("0d 9h59m59s", 1), "0d 10h00m00s");
  assertEquals(advanceDuration("0d 23h59m59s", 2), "1d 0h00m01s", "a new day");
  assertEquals(advanceDuration("0d00h00m02s", 3600), "0d01h00m02s", "show proc: hours padded");
  assertEquals(advanceDuration("2d23h59m30s", 31), "3d00h00m01s");
  assertEquals(advanceDuration("not a duration", 5), "not a duration");
});

Deno.test("show info and show proc are predicted: Uptime_sec, Uptime and each uptime", () => {
  const info = new Map([["Pid", "7"], ["Uptime", "0d 0h00m10s"], ["Uptime_sec", "10"], ["Idle_pct", "99"]]);
  assertEquals([...predictInfo(info, 5)], [["Pid", "7"], ["Uptime", "0d 0h00m15s"], ["Uptime_sec", "15"], [
    "Idle_pct",
    "99",
  ]]);
  const procs = [{ pid: 1, type: "master", reloads: 0, uptime: "0d00h00m09s", version: "3.0", old: false }];
  assertEquals(predictProcs(procs, 2)[0].uptime, "0d00h00m11s");
});

Deno.test("HAProxy's clock advance is what most rows' lastchg says; resets and missing values do not count", () => {
  const cols = [at, at, at, at];
  const before = [["UP", "10", "0", ""], ["UP", "20", "0", ""], ["UP", "30", "0", ""], ["UP", "40", "0", ""]];
  const after = [["UP", "12", "0", ""], ["UP", "22", "0", ""], ["DOWN", "0", "0", ""], ["UP", "", "0", ""]];
  assertEquals(observedAdvance(before, after, cols, 1), 2);
  assertEquals(observedAdvance([], [], [], 1), 1, "no row: the elapsed time");
  assertEquals(
    observedAdvance([before[0], before[1]], [["UP", "11", "0", ""], ["UP", "22", "0", ""]], [at, at], 2),
    2,
    "a tie: the elapsed time wins",
  );
});
