import { assert, assertEquals } from "../support/assert.ts";
import { AggregateRow, type InstanceSnapshot, mergeSnapshots } from "../../src/stats/fleet.ts";
import { smallSnapshot } from "../support/snapshots.ts";
import type { StatRow } from "../../src/stats/types.ts";

const lb1 = smallSnapshot([
  ["fe", "FRONTEND", "OPEN", "", 2, 0, 0],
  ["be", "s1", "UP", 10, 3, 1, 2],
  ["be", "s2", "DOWN", 10, 3, 2, 2],
  ["be", "BACKEND", "UP", 10, 3, 0, 1],
]);
const lb2 = smallSnapshot([
  ["fe", "FRONTEND", "OPEN", "", 2, 0, 0],
  ["be", "s1", "UP", 20, 3, 1, 2],
  ["be", "s2", "UP", 10, 3, 2, 2],
  ["be", "s9", "UP", 1, 3, 9, 2],
  ["be", "BACKEND", "UP", 31, 3, 0, 1],
]);
const instances = (stale2 = false): InstanceSnapshot[] => [
  { id: "/a.sock", name: "lb1", snapshot: lb1, stale: false },
  { id: "/b.sock", name: "lb2", snapshot: lb2, stale: stale2 },
];
const rows = (px: { frontend?: StatRow; servers: readonly StatRow[]; backend?: StatRow }) =>
  [px.frontend, ...px.servers, px.backend].filter((r): r is StatRow => r !== undefined);
const names = (rs: StatRow[]) => rs.map((r) => `${r.get("svname")}|${r.get("status")}|${r.instance}`);

Deno.test("by proxy: each proxy once, each service aggregated with its instances right below", () => {
  const merged = mergeSnapshots(instances(), "proxy");
  assertEquals(merged.proxies.map((p) => p.name), ["fe", "be"]);
  assertEquals(names(rows(merged.proxies[1])), [
    "s1|UP 2/2|*",
    "  lb1|UP|/a.sock",
    "  lb2|UP|/b.sock",
    "s2|UP 1/2|*",
    "  lb1|DOWN|/a.sock",
    "  lb2|UP|/b.sock",
    "s9|UP 1/1|*",
    "  lb2|UP|/b.sock",
    "BACKEND|UP 2/2|*",
    "  lb1|UP|/a.sock",
    "  lb2|UP|/b.sock",
  ]);
  assertEquals(names(rows(merged.proxies[0])), [
    "FRONTEND|OPEN 2/2|*",
    "  lb1|OPEN|/a.sock",
    "  lb2|OPEN|/b.sock",
  ]);
  assertEquals(merged.services, 14);
});

Deno.test("aggregates sum counters, keep agreeing settings, blank disagreeing ones", () => {
  const merged = mergeSnapshots(instances(), "proxy");
  const [s1, , , s2] = rows(merged.proxies[1]);
  assert(s1 instanceof AggregateRow);
  assertEquals(s1.get("scur"), "0");
  assertEquals(s1.get("weight"), "", "10 and 20 disagree");
  assertEquals(s2.get("weight"), "10");
  assertEquals(s1.svname, "s1", "actions still see the real server name");
  assertEquals(s1.pxname, "be");
  assertEquals((s2 as AggregateRow).counts, { healthy: 1, total: 2 });
  const down = mergeSnapshots([{ id: "a", name: "a", snapshot: lb1, stale: false }], "proxy");
  assertEquals(rows(down.proxies[1])[2].get("status"), "DOWN 0/1");
});

Deno.test("a stale instance keeps its rows, marked, and counts as not healthy in the aggregates", () => {
  const merged = mergeSnapshots(instances(true), "proxy");
  const r = names(rows(merged.proxies[1]));
  assertEquals(r.slice(0, 3), ["s1|UP 1/2|*", "  lb1|UP|/a.sock", "  lb2|?UP|/b.sock"], "stale: not healthy");
  assertEquals(r.slice(6, 8), ["s9|? 0/1|*", "  lb2|?UP|/b.sock"], "only the stale one has it");
});

Deno.test("by instance: each instance's proxies in turn, rows with their own names", () => {
  const merged = mergeSnapshots(instances(), "instance");
  assertEquals(merged.proxies.map((p) => p.name), ["lb1: fe", "lb1: be", "lb2: fe", "lb2: be"]);
  assertEquals(names(rows(merged.proxies[3])).slice(0, 2), ["s1|UP|/b.sock", "s2|UP|/b.sock"]);
});

Deno.test("aggregate colours come from the counts; with none healthy the worst state is named", () => {
  const down = smallSnapshot([["be", "s1", "MAINT", 1, 3, 1, 2]]);
  const worse = smallSnapshot([["be", "s1", "DOWN", 1, 3, 1, 2]]);
  const merged = mergeSnapshots([
    { id: "a", name: "a", snapshot: down, stale: false },
    { id: "b", name: "b", snapshot: worse, stale: false },
  ], "proxy");
  const agg = rows(merged.proxies[0])[0] as AggregateRow;
  assertEquals(agg.get("status"), "DOWN 0/2");
  assertEquals(agg.statusClass, "down");
  const all = rows(mergeSnapshots(instances(), "proxy").proxies[1])[0] as AggregateRow;
  assertEquals([all.get("status"), all.statusClass], ["UP 2/2", "up"]);
  const some = rows(mergeSnapshots(instances(), "proxy").proxies[1])[3] as AggregateRow;
  assertEquals([some.get("status"), some.statusClass], ["UP 1/2", "transitional"]);
});

Deno.test("an aggregate of servers without checks says no check, not UP", () => {
  const unchecked = (status: string) => smallSnapshot([["be", "s5", status, 1, 3, 5, 2]]);
  const merge = (a: string, b: string) =>
    mergeSnapshots([
      { id: "/a.sock", name: "lb1", snapshot: unchecked(a), stale: false },
      { id: "/b.sock", name: "lb2", snapshot: unchecked(b), stale: false },
    ], "proxy").proxies[0].servers[0] as AggregateRow;
  assertEquals(merge("no check", "no check").get("status"), "no check 2/2");
  assertEquals(merge("no check", "no check").statusClass, "nocheck");
  assertEquals(merge("no check", "MAINT").get("status"), "no check 1/2");
  assertEquals(merge("no check", "UP").get("status"), "UP 2/2", "one instance checks it: UP");
  assertEquals(merge("UP", "UP").statusClass, "up");
});
