/**
 * The events view over the live snapshots: the transitions between refreshes listed newest first, filtered,
 * sorted, opened in the detail view, ENTER jumping to the service in the STATUS view, connection losses, the
 * bound on how many are kept, and several instances each diffed against its own previous snapshot.
 *
 * @module
 */
import { assert, assertEquals } from "../../support/assert.ts";
import { ch, key, opened, run, screen, typeText } from "../../support/app.ts";
import { smallSnapshot } from "../../support/snapshots.ts";
import { init } from "../../../src/app/mod.ts";
import { screenLayout } from "../../../src/app/model/layout.ts";
import { selectedLine } from "../../../src/app/model/stat_table.ts";
import type { Config, Event, State } from "../../../src/app/model/state.ts";
import { EVENTS_KEPT, timelineOf } from "../../../src/app/model/timeline.ts";
import type { Snapshot } from "../../../src/stats/types.ts";

const config: Config = { readOnly: false, intervalMs: 1000, color: false, socketName: "/a.sock" };
const size = { columns: 120, rows: 30 };

type Status = [s1: string, w1: number, s2: string];
const at = ([s1, w1, s2]: Status, pid = 100): Snapshot =>
  smallSnapshot([
    ["fe", "FRONTEND", "OPEN", "", 1, 0, 0],
    ["be", "s1", s1, w1, 2, 1, 2],
    ["be", "s2", s2, 1, 2, 2, 2],
    ["be", "BACKEND", "UP", 2, 2, 0, 1],
  ], pid);
const snapAt = (status: Status, now: number, instance?: string, pid?: number): Event => ({
  type: "snapshot",
  snapshot: at(status, pid),
  seq: now,
  now,
  ...(instance ? { instance } : {}),
});

/** The column header and the rows. */
function body(s: State): string[] {
  const { header, body } = screenLayout(s.size);
  return screen(s).slice(header.y, body.y + body.height).filter((l) => l.trim() !== "");
}

function recorded(): State {
  const [s] = run(
    init(config, size, "status", 0),
    snapAt(["UP", 1, "UP"], 1000),
    snapAt(["DOWN", 1, "UP"], 2000),
    snapAt(["DOWN", 1, "MAINT"], 3000),
    snapAt(["UP", 5, "MAINT"], 4000),
    ch("L"),
  );
  return s;
}

Deno.test("the events view lists each transition between refreshes, newest first", () => {
  const s = recorded();
  const rows = body(s).slice(1).map((l) => l.trim().split(/\s+/).slice(2).join(" "));
  assertEquals(rows, [
    "be s1 status status DOWN UP",
    "be s1 weight weight 1 5",
    "be s2 admin status UP MAINT",
    "be s1 status status UP DOWN",
  ]);
  assertEquals(body(s)[0].split(/\s+/).slice(0, 4), ["TIME", "INSTANCE", "PROXY", "SERVICE"]);
  assert(screen(s).some((l) => l.includes("be/s1: status DOWN -> UP (ENTER shows it)")));
});

Deno.test("events filter and sort like the other tables, and open in the detail view", () => {
  let [s] = run(recorded(), ch("/"), ...typeText("s2"), key("enter"));
  assertEquals(body(s).slice(1).length, 1);
  assert(body(s)[1].includes("MAINT"));
  [s] = run(s, ch("i"));
  assert(opened(s).detail);
  assert(screen(s).some((l) => l.includes("admin: be/s2")), screen(s).join("\n"));
  assert(screen(s).some((l) => l.includes(new Date(3000).toISOString())));
  [s] = run(recorded(), ch("s"));
  const times = body(s).slice(1).map((l) => l.split(/\s+/)[0]);
  assertEquals(times, [...times].sort(), "sorted by time, oldest first");
  assertEquals(body(s)[0].split(/\s+/)[0], "TIME^");
});

Deno.test("ENTER on an event shows its service in the STATUS view", () => {
  let [s] = run(recorded(), key("down"), key("down"));
  assert(body(s).some((l) => l.includes("s2") && l.includes("MAINT")));
  [s] = run(s, key("enter"));
  assertEquals(s.view, "status");
  const line = selectedLine(s);
  assert(line?.kind === "row" && line.row.svname === "s2", JSON.stringify(line?.key));
  // A filter that hides the row is cleared.
  [s] = run(s, ch("/"), ...typeText("fe"), key("enter"), ch("L"), key("home"), key("enter"));
  const first = selectedLine(s);
  assert(first?.kind === "row" && first.row.svname === "s1");
  assertEquals(s.filter, "");
});

Deno.test("a restart, a lost connection and its return are events of the instance", () => {
  let [s] = run(
    init(config, size, "events", 0),
    snapAt(["UP", 1, "UP"], 1000),
    { type: "refreshFailed", error: "connection refused", now: 2000 },
    { type: "refreshFailed", error: "connection refused", now: 3000 },
    snapAt(["UP", 1, "UP"], 4000, undefined, 200),
  );
  const kinds = timelineOf(s).events.map((e) => [e.kind, e.before, e.after]);
  assertEquals(kinds, [
    ["reachable", "connection refused", ""],
    ["restart", "100", "200"],
    ["unreachable", "", "connection refused"],
  ]);
  [s] = run(s, key("enter"));
  assertEquals(s.view, "events");
  assert(s.message?.text.includes("itself, not a service"));
});

Deno.test(`the newest ${EVENTS_KEPT} events are kept, the cursor on the newest`, () => {
  let s = init(config, size, "events", 0);
  const n = EVENTS_KEPT / 2 + 10;
  for (let i = 0; i <= n; i++) {
    [s] = run(s, snapAt(i % 2 ? ["DOWN", 1, "DOWN"] : ["UP", 1, "UP"], 1000 * (i + 1)));
  }
  const t = timelineOf(s);
  assertEquals(t.events.length, EVENTS_KEPT);
  assertEquals(t.seen, 2 * n);
  assertEquals(t.events[0].time, 1000 * (n + 1));
  assert(body(s)[1].includes(i2s(n % 2 ? "DOWN" : "UP")), body(s)[1]);
});

function i2s(status: string): string {
  return ` ${status}`;
}

Deno.test("several instances: each is compared with its own previous snapshot", () => {
  const [s] = run(
    init(config, size, "events", 0, [], ["/a.sock", "/b.sock"]),
    snapAt(["UP", 1, "UP"], 1000, "/a.sock"),
    snapAt(["DOWN", 1, "UP"], 1100, "/b.sock"),
    snapAt(["UP", 1, "UP"], 2000, "/a.sock"),
    snapAt(["UP", 1, "UP"], 2100, "/b.sock"),
  );
  const events = timelineOf(s).events.map((e) => [e.instanceId, e.service, e.before, e.after]);
  assertEquals(events, [["/b.sock", "s1", "DOWN", "UP"]]);
  const [jumped] = run(s, key("enter"));
  assertEquals(jumped.selectedKey, "/b.sock|2|be|s1");
});
