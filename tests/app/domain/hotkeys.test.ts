import { assertEquals } from "../../support/assert.ts";
import {
  type HotkeyName,
  HOTKEYS,
  isWeightKey,
  planHotkey,
  userWeight,
} from "../../../src/app/domain/hotkeys.ts";
import { parseStat } from "../../../src/stats/csv.ts";
import type { StatRow } from "../../../src/stats/types.ts";

/** Rows from `[px, sv, weight, uweight, type]`. */
function rows(...specs: [string, string, string, string, number][]): StatRow[] {
  const csv = [
    "# pxname,svname,weight,uweight,iid,sid,type,",
    ...specs.map(([px, sv, w, uw, t], i) => `${px},${sv},${w},${uw},1,${i + 1},${t},`),
  ].join("\n");
  return parseStat(`${csv}\n`).rows;
}

Deno.test("planHotkey: the exact commands of each F-key, and what it refuses", () => {
  const all = rows(["a", "s1", "5", "5", 2], ["b", "s1", "1", "1", 2], ["a", "s2", "250", "250", 2], [
    "a",
    "BACKEND",
    "6",
    "",
    1,
  ]);
  const [s1, , s2, backend] = all;
  const plan = (k: HotkeyName, row: StatRow) => planHotkey(k, row, all);
  const cases: [HotkeyName, StatRow, unknown][] = [
    ["f1", s1, { commands: ["enable server a/s1", "enable server b/s1"], rowKeys: ["2|a|s1", "2|b|s1"] }],
    ["f2", s1, { commands: ["disable server a/s1", "disable server b/s1"], rowKeys: ["2|a|s1", "2|b|s1"] }],
    ["f3", s1, {
      commands: ["set server a/s1 state drain", "set server b/s1 state drain"],
      rowKeys: ["2|a|s1", "2|b|s1"],
    }],
    ["f4", s1, { commands: ["set weight a/s1 100%"], rowKeys: ["2|a|s1"] }],
    ["f5", s1, { commands: ["set weight a/s1 0"], rowKeys: ["2|a|s1"] }],
    ["f6", s1, { commands: ["set weight a/s1 4"], rowKeys: ["2|a|s1"] }],
    ["f7", s1, { commands: ["set weight a/s1 6"], rowKeys: ["2|a|s1"] }],
    ["f8", s2, { commands: ["set weight a/s2 256"], rowKeys: ["2|a|s2"] }],
    ["f9", s1, { commands: ["enable server a/s1"], rowKeys: ["2|a|s1"] }],
    ["f10", s1, { commands: ["disable server a/s1"], rowKeys: ["2|a|s1"] }],
    ["f11", s1, { commands: ["set server a/s1 state drain"], rowKeys: ["2|a|s1"] }],
    ["f1", backend, { refused: "hotkeys act on server rows only" }],
  ];
  for (const [k, row, want] of cases) assertEquals(plan(k, row), want, `${k} on ${row.pxname}/${row.svname}`);
  const [zero, top, unknown] = rows(["a", "z", "0", "0", 2], ["a", "t", "256", "256", 2], [
    "a",
    "u",
    "",
    "",
    2,
  ]);
  assertEquals(planHotkey("f5", zero, []), { refused: "the weight of a/z is already 0" });
  assertEquals(planHotkey("f8", top, []), { refused: "the weight of a/t is already 256" });
  assertEquals(planHotkey("f7", unknown, []), { refused: "the weight of a/u is unknown" });
});

Deno.test("the weight is the one the operator set (uweight), else the effective one; F4-F8 change it", () => {
  const [both, old] = rows(["a", "s", "3", "10", 2], ["a", "t", "7", "", 2]);
  assertEquals([userWeight(both), userWeight(old)], [10, 7]);
  assertEquals(HOTKEYS.filter((h) => isWeightKey(h.key)).map((h) => h.key), ["f4", "f5", "f6", "f7", "f8"]);
});
