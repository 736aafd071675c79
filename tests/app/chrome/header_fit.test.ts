import { assert, assertEquals, assertMatch } from "../../support/assert.ts";
import { run, screen, snap } from "../../support/app.ts";
import { init } from "../../../src/app/mod.ts";
import type { Config } from "../../../src/app/model/state.ts";
import { fitStatus } from "../../../src/stats/layout.ts";
import { fixtureSnapshot, smallSnapshot } from "../../support/snapshots.ts";

const config: Config = { readOnly: false, intervalMs: 1000, color: false, socketName: "/a.sock" };

Deno.test("at 78x20 the header shows whole values or shorter forms, never a cut one", () => {
  const [s] = run(init(config, { columns: 78, rows: 20 }, "status", 0), snap(fixtureSnapshot()));
  const lines = screen(s);
  assertMatch(lines[4], /Threads: 2 +Idle: 100%\s*$/, "Idle keeps its %");
  assertMatch(lines[2], /PID: 21654\s*$/, "the PID without the process number, which does not fit");
  const wide = screen(run(init(config, { columns: 120, rows: 30 }, "status", 0), snap(fixtureSnapshot()))[0]);
  assertMatch(wide[2], /PID: 21654 \(proc 1\)/);
});

Deno.test("a long node name is cut with a marker; the threads and idle part still shows", () => {
  const snapshot = fixtureSnapshot();
  const info = new Map(snapshot.info).set("node", "a-very-long-node-name-of-a-load-balancer-in-a-rack");
  const [s] = run(init(config, { columns: 78, rows: 20 }, "status", 0), snap({ ...snapshot, info }));
  const line = screen(s)[4];
  assert(line.length <= 78, line);
  assertMatch(line, /Node: a-very-long-node-name.*\.\. +(Threads: 2 +)?Idle: 100%\s*$/);
});

Deno.test("STATUS: no check too narrow for itself is no chk, never no..", () => {
  assertEquals(fitStatus("no check", 8), "no check");
  assertEquals(fitStatus("no check", 6), "no chk");
  assertEquals(fitStatus("no check 2/2", 10), "no check..");
  assertEquals(fitStatus("no check 2/2", 6), "no chk");
  assertEquals(fitStatus("MAINT (via be/s1)", 7), "MAINT..");
  const unchecked = smallSnapshot([["be", "s5", "no check", 1, 3, 5, 2]]);
  const [s] = run(init(config, { columns: 78, rows: 20 }, "status", 0), snap(unchecked));
  assertMatch(screen(s).find((l) => l.startsWith("s5 ")) ?? "", /^s5 +1 no chk /);
});
