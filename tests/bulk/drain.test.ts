import { assertEquals } from "../support/assert.ts";
import { drainStep, isDrained } from "../../src/bulk/drain.ts";
import type { Target } from "../../src/bulk/plan.ts";
import type { Snapshot } from "../../src/stats/types.ts";
import { snapshotOf } from "./_helpers.ts";

const web = (sid: number, instance = "lb1"): Target => ({
  instance,
  proxy: "be_app",
  server: `web${sid}`,
  iid: 3,
  sid,
});
const TARGETS = [web(1), web(2), web(3)];

function pool(scur: [number | string, number | string, number | string]): Snapshot {
  return snapshotOf([
    ["be_app", "web1", 3, 1, 2, scur[0]],
    ["be_app", "web2", 3, 2, 2, scur[1]],
    ["be_app", "web3", 3, 3, 2, scur[2]],
    ["be_app", "BACKEND", 3, 0, 1, 99],
  ]);
}

const names = (ts: readonly Target[]) => ts.map((t) => `${t.instance}:${t.server}`);

Deno.test("who still has current sessions: scur > 0, in target order; scur 0 everywhere is drained", () => {
  const step = drainStep(TARGETS, new Map([["lb1", pool([3, 0, 1])]]));
  assertEquals(step.busy.map((b) => [b.server, b.scur]), [["web1", 3], ["web3", 1]]);
  assertEquals([step.unknown, step.gone], [[], []]);
  assertEquals(isDrained(step), false);
  const done = drainStep(TARGETS, new Map([["lb1", pool([0, 0, 0])]]));
  assertEquals(isDrained(done), true);
  assertEquals(done.busy, []);
});

Deno.test("a count that is not a number keeps the wait going (shown as NaN, never taken for 0)", () => {
  const step = drainStep(TARGETS, new Map([["lb1", pool(["", "x", 0])]]));
  assertEquals(step.busy.map((b) => [b.server, b.scur]), [["web1", NaN], ["web2", NaN]]);
  assertEquals(isDrained(step), false);
});

Deno.test("an instance without an answer leaves its targets unknown: not drained", () => {
  const targets = [web(1), web(1, "lb2")];
  const step = drainStep(targets, new Map([["lb1", pool([0, 0, 0])], ["lb2", undefined]]));
  assertEquals([step.busy, names(step.unknown), step.gone], [[], ["lb2:web1"], []]);
  assertEquals(isDrained(step), false);
});

Deno.test("ids that no longer name the planned server are gone: reported, nothing to wait for", () => {
  // A reload renumbered: #3/#2 is now web9; #3/#3 vanished.
  const renumbered = snapshotOf([["be_app", "web1", 3, 1, 2, 0], ["be_app", "web9", 3, 2, 2, 5]]);
  const step = drainStep(TARGETS, new Map([["lb1", renumbered]]));
  assertEquals([step.busy, names(step.gone)], [[], ["lb1:web2", "lb1:web3"]]);
  assertEquals(isDrained(step), true);
});
