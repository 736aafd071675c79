import { assert, assertEquals } from "../../support/assert.ts";
import { key, opened, run, screen } from "../../support/app.ts";
import { isConnected } from "../../../src/app/model/instances.ts";
import { init } from "../../../src/app/mod.ts";
import { selectedLine } from "../../../src/app/model/stat_table.ts";
import type { Command, Config, Event, State } from "../../../src/app/model/state.ts";
import { smallSnapshot } from "../../support/snapshots.ts";
import { parseShowProc } from "../../../src/haproxy/master.ts";

const config: Config = { readOnly: false, intervalMs: 1000, color: false, socketName: "/a.sock" };
const A = "/a.sock";
const B = "/b.sock";

const snap = (
  instance: string,
  snapshot = smallSnapshot([["be", "s1", "UP", 1, 3, 1, 2]]),
  extra = {},
): Event => ({
  type: "snapshot",
  snapshot,
  seq: 0,
  now: 1,
  instance,
  ...extra,
});
/** A master CLI's processes: current worker 20, old worker 10 still draining. */
const workers = parseShowProc(`#<PID> <type> <reloads> <uptime> <version>
1 master 1 [failed: 0] 0d00h01m 2.6
# workers
20 worker 0 0d00h00m 2.6
# old workers
10 worker 1 0d00h01m 2.6
`);

function select(s: State, label: string): State {
  for (let i = 0; i < 50; i++) {
    const l = selectedLine(s);
    if (l?.kind === "row" && l.row.get("svname") === label) return s;
    [s] = run(s, key("down"));
  }
  throw new Error(`no row ${label}`);
}

Deno.test("two instances: one view with an aggregate row and a row per instance", () => {
  const [s] = run(init(config, { columns: 100, rows: 30 }, "status", 0, [], [A, B]), snap(A), snap(B));
  const lines = screen(s);
  const at = lines.findIndex((l) => l.startsWith(">>> be"));
  assert(lines[at + 1].startsWith("s1 "), lines[at + 1]);
  assert(lines[at + 1].includes("UP 2/2"));
  assert(lines[at + 2].startsWith(`  ${A}`));
  assert(lines[at + 3].startsWith(`  ${B}`));
});

Deno.test("an instance that stops answering goes stale; the others keep updating", () => {
  let [s] = run(init(config, { columns: 100, rows: 30 }, "status", 0, [], [A, B]), snap(A), snap(B));
  [s] = run(s, { type: "refreshFailed", error: "connection refused", now: 2, instance: B });
  assert(isConnected(s), "one instance still answers");
  assert(s.message?.text.includes("stale"));
  const lines = screen(s);
  assert(lines.some((l) => l.startsWith(`  ${B}`) && l.includes("?UP")), "last known status marked ?");
  assert(
    lines.some((l) => l.startsWith("s1 ") && l.includes("UP 1/2")),
    "the stale instance is not healthy",
  );
  [s] = run(s, snap(B));
  assert(!screen(s).some((l) => l.includes("?UP")));
});

Deno.test("actions go to the selected row's instance; on an aggregate row to all, after confirmation", () => {
  let [s] = run(init(config, { columns: 100, rows: 30 }, "status", 0, [], [A, B]), snap(A), snap(B));
  s = select(s, `  ${B}`);
  let c: Command[];
  [, c] = run(s, key("f10"));
  assertEquals(c, [{
    type: "send",
    origin: "action",
    commands: ["disable server be/s1"],
    rowKeys: [`${B}|2|be|s1`],
    instance: B,
  }]);
  [s] = run(init(config, { columns: 100, rows: 30 }, "status", 0, [], [A, B]), snap(A), snap(B));
  s = select(s, "s1");
  let r: State;
  [r, c] = run(s, key("f10"));
  assertEquals(c, []);
  const question = opened(r).dialog;
  assert(question?.kind === "confirm" && question.title.includes("every instance"));
  [, c] = run(r, key("char", "y"));
  assertEquals(c[0].type === "send" && c[0].instance, "*");
});

Deno.test("the actions menu acts on the selected row's instance; on an aggregate row it asks first", () => {
  const start = () =>
    run(init(config, { columns: 100, rows: 30 }, "status", 0, [], [A, B]), snap(A), snap(B))[0];
  let [, c] = run(select(start(), `  ${B}`), key("char", "a"), key("char", "d"));
  assertEquals(c, [{
    type: "send",
    origin: "action",
    commands: ["set server be/s1 state drain"],
    rowKeys: [`${B}|2|be|s1`],
    instance: B,
  }]);
  [, c] = run(select(start(), `  ${B}`), key("char", "a"), key("char", "k"), key("char", "y"));
  assertEquals(c.map((x) => x.type === "send" && [x.commands, x.instance]), [[
    ["shutdown sessions server be/s1"],
    B,
  ]]);
  let r: State;
  [r, c] = run(select(start(), "s1"), key("char", "a"), key("char", "d"));
  const question = opened(r).dialog;
  assertEquals(c, [], "nothing is sent to every instance before the operator says so");
  assert(question?.kind === "confirm" && question.title.includes("every instance"), question?.kind);
  [, c] = run(r, key("char", "y"));
  assertEquals(c.map((x) => x.type === "send" && [x.commands, x.instance]), [[[
    "set server be/s1 state drain",
  ], "*"]]);
});

Deno.test("g groups by instance and back", () => {
  let [s] = run(init(config, { columns: 100, rows: 30 }, "status", 0, [], [A, B]), snap(A), snap(B));
  [s] = run(s, key("char", "g"));
  assertEquals(s.grouping, "instance");
  assert(screen(s).some((l) => l.startsWith(`>>> ${A}: be`)));
  [s] = run(s, key("char", "g"));
  assert(screen(s).some((l) => l.startsWith(">>> be")));
});

Deno.test("w cycles the worker shown on a master CLI socket, then follows the current one again", () => {
  let [s] = run(
    init(config, { columns: 100, rows: 30 }, "status", 0),
    snap(A, undefined, { workers, worker: 20 }),
  );
  let c: Command[];
  [s, c] = run(s, key("char", "w"));
  assertEquals(c, [{ type: "refresh", seq: 0, instance: A }]);
  assertEquals(s.instances[0].pinned, 10);
  assert(s.message?.text.includes("worker 10 (old, 1 reload ago)"));
  [s, c] = run(s, key("char", "w"));
  assertEquals(c, [{ type: "refresh", seq: 0, instance: A }]);
  assertEquals(s.instances[0].pinned, undefined);
  assert(s.message?.text.includes("following the current worker (20)"));
});

Deno.test("the second instance's first answer is not a configuration change; trends move once per round", () => {
  const s0 = init(config, { columns: 100, rows: 30 }, "traffic", 0, [], [A, B]);
  const round = (n: number) => ({ round: n });
  let [s] = run(s0, snap(A, undefined, round(1)), snap(B, undefined, round(1)));
  assertEquals(s.message, undefined);
  [s] = run(s, snap(B, undefined, round(2)), snap(A, undefined, round(2)), snap(A, undefined, round(3)));
  const trend = s.trends.get(`*|2|be|s1`);
  assert(trend, [...s.trends.keys()].join(","));
  assertEquals(trend.rate.length, 3, "three rounds, three points, whichever instance answers first");
  [s] = run(s, snap(A, undefined, round(3)));
  assertEquals(s.trends.get(`*|2|be|s1`)?.rate.length, 3, "a refresh of one instance alone (w) adds none");
});

Deno.test("trends keep moving while the first instance does not answer", () => {
  let [s] = run(
    init(config, { columns: 100, rows: 30 }, "traffic", 0, [], [A, B]),
    snap(A, undefined, { round: 1 }),
    snap(B, undefined, { round: 1 }),
  );
  for (let n = 2; n <= 5; n++) {
    [s] = run(s, { type: "refreshFailed", error: "connection refused", now: n, instance: A });
    [s] = run(s, snap(B, undefined, { round: n }));
  }
  assertEquals(s.trends.get(`*|2|be|s1`)?.rate.length, 5, "a point per round");
  assertEquals(s.trends.get(`${B}|2|be|s1`)?.rate.length, 4, "B's row, from round 2 (round 1's came from A)");
});

Deno.test("switching workers with w is not reported as a reload; a real reload is", () => {
  const at = (pid: number) => smallSnapshot([["be", "s1", "UP", 1, 3, 1, 2]], pid);
  let [s] = run(
    init(config, { columns: 100, rows: 30 }, "status", 0),
    snap(A, at(20), { workers, worker: 20 }),
  );
  [s] = run(s, key("char", "w"), snap(A, at(10), { workers, worker: 10 }));
  assert(s.message?.text.includes("showing worker 10"), s.message?.text);
  [s] = run(s, key("char", "w"), snap(A, at(20), { workers, worker: 20 }));
  assert(!s.message?.text.includes("reloaded"), s.message?.text);
  [s] = run(s, snap(A, at(30), { workers, worker: 30 }));
  assert(s.message?.text.includes("pid 20 -> 30"), s.message?.text);
});

Deno.test("the CLI goes to the selected row's instance and says so", () => {
  let [s] = run(init(config, { columns: 100, rows: 30 }, "status", 0, [], [A, B]), snap(A), snap(B));
  for (let i = 0; i < 4; i++) [s] = run(s, key("down"));
  const line = selectedLine(s);
  assert(line?.kind === "row" && line.row.instance === B, "on B's row");
  let c: Command[];
  [s, c] = run(s, key("char", "5"), ...[..."show info"].map((t) => key("char", t)), key("enter"));
  assertEquals(c[0].type === "send" && c[0].instance, B);
  assert(screen(s)[11].includes(`(to ${B})`));
});

Deno.test("an action needs level admin on the instances it goes to, not on the others", () => {
  const [s] = run(
    init(config, { columns: 100, rows: 30 }, "status", 0, [], [A, B]),
    snap(A),
    snap(B),
    { type: "level", level: "operator", now: 1, instance: A },
    { type: "level", level: "admin", now: 1, instance: B },
  );
  const [, c] = run(select(s, `  ${B}`), key("f10"));
  assertEquals(c[0]?.type === "send" && c[0].instance, B, "B is admin: sent");
  const [r] = run(select(s, "s1"), key("f10"));
  assert(r.message?.text.includes("level is operator"), "the aggregate goes to A too: refused");
});
