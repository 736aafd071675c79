/**
 * `--record` and `--replay` in the pure monitor: the title bar's marks, a write error said once and its
 * recovery, a replay's keys as commands for the edge (in the stat views and under the detail view), the jump
 * prompt's times and errors, the recording's events up to the moment shown, and actions refused with the reason.
 *
 * @module
 */
import { assert, assertEquals } from "../../support/assert.ts";
import { ch, key, run, screen, typeText } from "../../support/app.ts";
import { smallSnapshot } from "../../support/snapshots.ts";
import { init } from "../../../src/app/mod.ts";
import type { Config, Event } from "../../../src/app/model/state.ts";
import type { ReplayStatus } from "../../../src/app/model/playback_state.ts";
import { timelineOf } from "../../../src/app/model/timeline.ts";
import type { TimelineEvent } from "../../../src/app/model/timeline_state.ts";
import { nextSpeed } from "../../../src/app/model/replay_keys.ts";
import { parseInfo } from "../../../src/stats/info.ts";
import { parseStat } from "../../../src/stats/csv.ts";
import { buildSnapshot } from "../../../src/stats/snapshot.ts";

const size = { columns: 120, rows: 30 };
const live: Config = { readOnly: false, intervalMs: 1000, color: false, socketName: "/a.sock" };
const replayConfig: Config = { ...live, readOnly: true, replay: "/r.rec" };
const snapshot: Event = {
  type: "snapshot",
  snapshot: smallSnapshot([["be", "s1", "UP", 1, 2, 1, 2], ["be", "s2", "UP", 1, 2, 2, 2]]),
  seq: 1,
  now: 2,
};
const START = Date.parse("2026-12-03T06:40:00Z");
const status = (index: number, extra: Partial<ReplayStatus> = {}): ReplayStatus => ({
  path: "/r.rec",
  time: START + index * 1000,
  start: START,
  end: START + 9000,
  index,
  count: 10,
  paused: true,
  speed: 1,
  ...extra,
});
const event = (seconds: number, service: string): TimelineEvent => ({
  time: START + seconds * 1000,
  instance: "lab",
  proxy: "be",
  service,
  kind: "admin",
  field: "status",
  before: "UP",
  after: "MAINT",
  instanceId: "/a.sock",
  seq: seconds,
});
const at = (index: number, events?: TimelineEvent[]): Event => ({
  type: "playback",
  change: { replay: status(index), ...(events ? { events } : {}) },
  now: 3,
});

Deno.test("recording: REC, REC FAILING with the error said once, then that it goes on", () => {
  const rec = (error?: string): Event => ({
    type: "playback",
    change: { record: { path: "/r.rec", ...(error ? { error } : {}) } },
    now: 3,
  });
  let [s] = run(init(live, size, "status", 0), snapshot, rec());
  assert(screen(s)[0].includes(" REC "));
  [s] = run(s, rec("disk full"));
  assert(screen(s)[0].includes(" REC FAILING "));
  assertEquals(s.message?.text, "recording failed, monitoring goes on: disk full");
  [s] = run(s, { type: "notice", text: "other", now: 4 }, rec("disk full"));
  assertEquals(s.message?.text, "other", "the same error is not said again");
  [s] = run(s, rec());
  assertEquals(s.message?.text, "recording to /r.rec goes on");
  assert(!screen(s)[0].includes("FAILING"));
});

Deno.test("replay: the keys are commands for the edge, in the stat views and under the detail view", () => {
  let [s] = run(init(replayConfig, size, "status", 0), at(3), snapshot);
  assert(screen(s)[0].includes(" REPLAY paused 1x 4/10 "));
  assert(screen(s)[0].includes(new Date(START + 3000).getFullYear().toString()));
  const control = (e: Event) => run(s, e)[1].map((c) => c.type === "replay" ? c.control : c);
  assertEquals(control(ch(" ")), [{ kind: "resume" }]);
  assertEquals(control(key("left")), [{ kind: "step", by: -1 }]);
  assertEquals(control(key("right")), [{ kind: "step", by: 1 }]);
  assertEquals(control(ch("+")), [{ kind: "speed", by: 1 }]);
  assertEquals(control(ch("-")), [{ kind: "speed", by: -1 }]);
  [s] = run(s, key("down"), key("down"), ch("i"));
  assertEquals(control(key("right")), [{ kind: "step", by: 1 }], "under the detail view too");
  assertEquals([nextSpeed(1, 1), nextSpeed(100, 1), nextSpeed(1, -1), nextSpeed(20, -1)], [2, 100, 1, 10]);
});

Deno.test("replay: J asks for a time; an invalid one is said and the prompt stays", () => {
  let [s] = run(init(replayConfig, size, "status", 0), at(0), snapshot, ch("J"));
  [s] = run(s, ...typeText("noon"), key("enter"));
  assert(screen(s).some((l) => l.includes("Jump to: noon") && l.includes("invalid time: 'noon'")));
  [s] = run(s, key("ctrl", "u"), ...typeText("+5s"));
  const [closed, commands] = run(s, key("enter"));
  assertEquals(commands, [{ type: "replay", control: { kind: "at", time: START + 5000 } }]);
  assert(!screen(closed).some((l) => l.includes("Jump to:")));
});

Deno.test("replay: the events view shows the recording's events up to the moment shown", () => {
  let [s] = run(init(replayConfig, size, "events", 0), at(0, [event(1, "s1"), event(4, "s2")]), snapshot);
  assertEquals(timelineOf(s).events.length, 0);
  [s] = run(s, at(2), snapshot);
  assertEquals(timelineOf(s).events.map((e) => e.service), ["s1"]);
  [s] = run(s, at(9), snapshot);
  assertEquals(timelineOf(s).events.map((e) => e.service), ["s2", "s1"]);
  [s] = run(s, at(1), snapshot);
  assertEquals(timelineOf(s).events.map((e) => e.service), ["s1"], "stepping back drops what came later");
});

Deno.test("replay: actions and the CLI are refused with the reason; nothing is sent", () => {
  let [s, c] = run(init(replayConfig, size, "status", 0), at(0), snapshot, key("down"), key("down"));
  [s, c] = run(s, key("f10"), key("enter"), ch("5"));
  assertEquals(c.filter((x) => x.type === "send" || x.type === "bulk"), []);
  assertEquals(s.message?.text, "a replay sends nothing: no actions, no CLI (there is no socket)");
  assertEquals(s.view, "status");
});

Deno.test("a replay that moved back rebuilds the charts from the moments before the one shown", () => {
  const at = (stot: number) =>
    buildSnapshot(parseInfo("Name: HAProxy\nPid: 1\n"), [
      parseStat(`# pxname,svname,status,iid,sid,type,stot,\nbe,s1,UP,2,1,2,${stot},\n`),
    ]);
  let [s] = run(init(replayConfig, size, "traffic", 0, [], ["/a.sock"]), {
    type: "snapshot",
    snapshot: at(999),
    seq: 1,
    now: 1,
  });
  s = { ...s, trends: new Map([["2|be|s1", { rate: [5], req_rate: [5] }]]) };
  // Moments 0 s, 5 s, 10 s before the one shown at 12 s: 10 then 20 sessions in their 5 s.
  const history = [0, 5, 10].map((sec, k) => ({
    time: START + sec * 1000,
    snapshots: [{ instance: "/a.sock", snapshot: at([0, 10, 30][k]) }],
  }));
  [s] = run(s, { type: "playback", change: { replay: status(12), history }, now: 3 });
  assertEquals(s.charts?.of("2|be|s1")?.series[0], [2, 4]);
  assertEquals(s.trends.size, 0, "the trends start anew from the moment shown");
});
