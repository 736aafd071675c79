import { assert, assertMatch } from "../../support/assert.ts";
import { run, screen } from "../../support/app.ts";
import { init } from "../../../src/app/mod.ts";
import type { Config, Event } from "../../../src/app/model/state.ts";
import { smallSnapshot } from "../../support/snapshots.ts";

const config: Config = { readOnly: false, intervalMs: 1000, color: false, socketName: "/a.sock, /b.sock" };
const A = "/a.sock";
const B = "/b.sock";

/** An instance's answer: its node, connections (current of max) and idle percentage. */
function answer(
  instance: string,
  node: string,
  conns: number,
  maxconn: number,
  idle: number,
): Extract<Event, { type: "snapshot" }> {
  const snapshot = smallSnapshot([["be", "s1", "UP", 1, 3, 1, 2]]);
  const info = new Map(snapshot.info)
    .set("node", node)
    .set("CurrConns", String(conns))
    .set("Maxconn", String(maxconn))
    .set("Idle_pct", String(idle))
    .set("Nbthread", "2")
    .set("Tasks", "10");
  return { type: "snapshot", snapshot: { ...snapshot, info }, seq: 0, now: 2, instance };
}

Deno.test("several sockets: the header names every node and sums their figures, and says so", () => {
  let [s] = run(
    init(config, { columns: 100, rows: 30 }, "status", 0, [], [A, B]),
    answer(A, "alpha", 5, 100, 90),
    answer(B, "beta", 7, 200, 60),
  );
  let lines = screen(s);
  assertMatch(
    lines[4],
    /Nodes: alpha \+ beta \(figures: sums over those answering\) +Threads: 4 +Idle: 60% min/,
  );
  assertMatch(lines[7], /Connections: \[.* 12\/300\]/);
  assertMatch(lines[9], /Tasks: +20 /);
  [s] = run(s, { type: "refreshFailed", error: "connection refused", now: 3, instance: B });
  lines = screen(s);
  assertMatch(lines[4], /Nodes: alpha \+ beta \(lost\) /, "beta is not answering");
  assertMatch(lines[7], /Connections: \[.* 5\/100\]/, "sums over those answering");
  assert(!lines[2].includes("PID"), "no single PID for several processes");
});

Deno.test("several sockets: each instance's state in the node line, labels kept over node names, the others updating", () => {
  const labelled = [{ id: A, label: "lb-a" }, { id: B, label: "lb-b" }];
  let s = init(config, { columns: 120, rows: 30 }, "status", 0, [], labelled);
  const nodes = () => screen(s)[4];
  [s] = run(s, answer(A, "alpha", 5, 100, 90));
  assertMatch(nodes(), /Nodes: lb-a \+ lb-b \(connecting\) /, "b has not answered yet");
  [s] = run(s, answer(B, "beta", 7, 200, 60));
  assertMatch(nodes(), /Nodes: lb-a \+ lb-b \(figures/, "labels, not the nodes' names");
  [s] = run(s, { type: "refreshFailed", error: "connection refused", now: 3, instance: B });
  assertMatch(nodes(), /Nodes: lb-a \+ lb-b \(lost\) /);
  [s] = run(s, answer(A, "alpha", 9, 100, 90), {
    type: "refreshFailed",
    error: "connection refused",
    now: 4,
    instance: B,
  });
  assertMatch(nodes(), /Nodes: lb-a \+ lb-b \(reconnecting\) /);
  assertMatch(screen(s)[7], /Connections: \[.* 9\/100\]/, "a still updates while b reconnects");
  [s] = run(s, answer(B, "beta", 1, 200, 60));
  assertMatch(nodes(), /Nodes: lb-a \+ lb-b \(figures/, "b is up again");
  assertMatch(screen(s)[7], /Connections: \[.* 10\/300\]/);
  [s] = run(s, { type: "refreshFailed", error: "timeout", now: 5, instance: A }, {
    type: "refreshFailed",
    error: "timeout",
    now: 6,
    instance: B,
  });
  assertMatch(
    nodes(),
    /Nodes: lb-a \(lost\) \+ lb-b \(lost\) /,
    "a first failure after being up again is lost",
  );
});

Deno.test("several sockets: a deferred answer is kept and merged with the answer that follows it", () => {
  let [s] = run(
    init(config, { columns: 100, rows: 30 }, "status", 0, [], [A, B]),
    answer(A, "alpha", 5, 100, 90),
    answer(B, "beta", 7, 200, 60),
  );
  assertMatch(screen(s)[7], /Connections: \[.* 12\/300\]/);
  const merged = s.snapshot;
  [s] = run(s, { ...answer(A, "alpha", 50, 100, 90), defer: true });
  assertMatch(
    screen(s)[7],
    /Connections: \[.* 57\/300\]/,
    "the answer is kept (the header reads each instance)",
  );
  assert(s.snapshot === merged, "the table's merge waits for the answer that follows");
  [s] = run(s, answer(B, "beta", 70, 200, 60));
  assertMatch(screen(s)[7], /Connections: \[.* 120\/300\]/);
  assert(s.snapshot !== merged, "both merged by the second");
});
