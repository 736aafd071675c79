/** Events between two snapshots, one table row per kind, and the events of a whole recording. */
import { assertEquals } from "../support/assert.ts";
import { adminState, events, eventsOf, type Observed, Recorder, Recording } from "../../src/record/mod.ts";
import type { ProcEntry } from "../../src/haproxy/master.ts";
import { type Row, snapshotOf, tempDir, webSnapshot, webSteps } from "./_helpers.ts";

const AT = { time: Date.UTC(2026, 11, 3, 6, 40, 0), instance: "lb1" };

/** The events from the web lab to the web lab with `change`, as [service, kind, field, before, after]. */
function diff(
  change: Partial<Record<string, Partial<Row>>>,
  info = {},
  before: Observed = { snapshot: webSnapshot() },
) {
  return events(before, { snapshot: webSnapshot(change, info) }, AT).map((e) => [
    e.proxy === "" ? "" : `${e.proxy}/${e.service}`,
    e.kind,
    e.field,
    e.before,
    e.after,
  ]);
}

Deno.test("one event per transition, table of kinds", () => {
  const table: [string, Partial<Record<string, Partial<Row>>>, string[][]][] = [
    ["nothing", { w1: { lastchg: 5, stot: 10 } }, []],
    ["a server goes DOWN", { w1: { status: "DOWN" } }, [["web/w1", "status", "status", "UP", "DOWN"]]],
    ["transitional", { w1: { status: "UP 1/3" } }, [["web/w1", "status", "status", "UP", "UP 1/3"]]],
    ["disabled", { w1: { status: "MAINT", check: "" } }, [["web/w1", "admin", "status", "UP", "MAINT"]]],
    ["drained", { w2: { status: "DRAIN" } }, [["web/w2", "admin", "status", "UP", "DRAIN"]]],
    ["maint via a tracked server", { w3: { status: "MAINT (via web/w1)" } }, [[
      "web/w3",
      "admin",
      "status",
      "UP",
      "MAINT (via web/w1)",
    ]]],
    ["agent drain is not an admin change", { w3: { status: "DRAIN (agent)" } }, [[
      "web/w3",
      "status",
      "status",
      "UP",
      "DRAIN (agent)",
    ]]],
    ["check status and code", { w1: { check: "L7STS", code: "503" } }, [
      ["web/w1", "check", "check_status", "L7OK", "L7STS"],
      ["web/w1", "check", "check_code", "200", "503"],
    ]],
    ["a check running is not a change", { w1: { check: "* L7OK" } }, []],
    ["a running check's code (0 on 3.x) is not a result", { w1: { check: "* L7OK", code: "0" } }, []],
    ["a paused check is not a result", { w1: { check: "", code: "" } }, []],
    ["weight", { w2: { weight: 50 } }, [["web/w2", "weight", "weight", "1", "50"]]],
    ["a backend's weight is its servers'", { BACKEND: { weight: 2 } }, []],
    ["the last server gone", { BACKEND: { act: 0, status: "DOWN" } }, [
      ["web/BACKEND", "status", "status", "UP", "DOWN"],
      ["web/BACKEND", "last-server", "act+bck", "3", "0"],
    ]],
    ["a frontend stopped", { FRONTEND: { status: "STOP" } }, [[
      "fe/FRONTEND",
      "status",
      "status",
      "OPEN",
      "STOP",
    ]]],
    ["a service added", { w3: { sv: "w4", sid: 4 } }, [
      ["web/w4", "added", "status", "", "UP"],
      ["web/w3", "removed", "status", "UP", ""],
    ]],
  ];
  for (const [name, change, expected] of table) assertEquals(diff(change), expected, name);
});

Deno.test("a check code change caught around a running check is one event, on 2.x and 3.x alike", () => {
  const pass = (...changes: Partial<Record<string, Partial<Row>>>[]) => {
    const codes = new Map<string, string>();
    const snaps = changes.map((c) => ({ snapshot: webSnapshot(c) }));
    return snaps.slice(1).map((next, i) =>
      events(snaps[i], next, AT, codes).filter((e) => e.field === "check_code").map((
        e,
      ) => [e.before, e.after])
    );
  };
  const down = { w1: { check: "L7STS", code: "503" } };
  // 2.x: a running check keeps the last result's code, which is the change.
  assertEquals(pass(down, { w1: { check: "* L7OK", code: "200" } }, { w1: { check: "L7OK" } }), [[[
    "503",
    "200",
  ]], []]);
  // 3.x: a running check's code reads 0; the change is seen when the check has ended.
  assertEquals(pass(down, { w1: { check: "* L7OK", code: "0" } }, { w1: { check: "L7OK" } }), [[], [[
    "503",
    "200",
  ]]]);
  // Several refreshes catch the check running, one of them while a server is added (rows paired by name
  // then, not by position): still the one change, when the check has ended.
  const running = { w1: { check: "* L7OK", code: "0" } };
  const added = { ...running, w3: { sv: "w4", sid: 4 } };
  assertEquals(pass(down, running, added, running, { w1: { check: "L7OK" } }), [[], [], [], [[
    "503",
    "200",
  ]]]);
  // A code seen and then the same code again after a running check is no change.
  assertEquals(pass(down, running, running, down), [[], [], []]);
});

Deno.test("restart and counters reset, from show info and the session counters", () => {
  const busy = { snapshot: webSnapshot({ w1: { stot: 40 }, w2: { stot: 2 } }, { pid: 100, uptime: 500 }) };
  assertEquals(diff({}, { pid: 200, uptime: 1 }, busy), [["", "restart", "Pid", "100", "200"]]);
  assertEquals(diff({}, { pid: 100, uptime: 3 }, busy), [["", "restart", "Uptime_sec", "500", "3"]]);
  assertEquals(diff({ w1: { stot: 0 }, w2: { stot: 2 } }, { pid: 100, uptime: 501 }, busy), [[
    "",
    "counters-reset",
    "stot",
    "42",
    "2",
  ]]);
  assertEquals(diff({ w1: { stot: 41 }, w2: { stot: 2 } }, { pid: 100, uptime: 501 }, busy), []);
});

Deno.test("a reload and an old worker leaving, from the master CLI's process list", () => {
  const worker = (pid: number, old = false, reloads = 0): ProcEntry => ({
    pid,
    type: "worker",
    reloads,
    uptime: "0d00h00m01s",
    version: "3.0",
    old,
  });
  const master: ProcEntry = {
    pid: 1,
    type: "master",
    reloads: 1,
    uptime: "0d00h01m00s",
    version: "3.0",
    old: false,
  };
  const snapshot = webSnapshot();
  const e = (a: ProcEntry[], b: ProcEntry[]) =>
    events({ snapshot, workers: a }, { snapshot, workers: b }, AT).map((x) => [x.kind, x.before, x.after]);
  assertEquals(e([master, worker(10)], [master, worker(11), worker(10, true, 1)]), [["reload", "10", "11"]]);
  assertEquals(e([master, worker(11), worker(10, true, 1)], [master, worker(11)]), [[
    "worker-exit",
    "10",
    "",
  ]]);
  assertEquals(e([master, worker(11)], [master, worker(11)]), []);
});

Deno.test("admin state as the status shows it", () => {
  const table: [string, string][] = [
    ["UP", "ready"],
    ["MAINT", "maint"],
    ["MAINT (via b/s)", "maint"],
    ["MAINT (resolution)", "maint"],
    ["DRAIN", "drain"],
    ["DRAIN 1/2", "drain"],
    ["DRAIN (agent)", "ready"],
    ["no check", "ready"],
  ];
  for (const [status, state] of table) assertEquals(adminState(status), state, status);
});

Deno.test("the events of a recording: transitions in order, and an instance unreachable and back", async () => {
  using tmp = tempDir();
  const path = `${tmp.dir}/rec`;
  const instances = [{ name: "lb1", address: "/a" }];
  const recorder = await Recorder.open({ path, instances, interval: 1, hatop: "t", fullEverySeconds: 2 });
  const steps = webSteps(6, AT.time);
  for (const [k, step] of steps.entries()) {
    const down = { error: "cannot connect to /a: connection refused" };
    await recorder.record(step.time, 0, k === 4 ? down : { snapshot: step.snapshot });
  }
  await recorder.close(AT.time + 6000);
  const list = (await eventsOf(await Recording.open(path))).map((e) => [
    (e.time - AT.time) / 1000,
    e.instance,
    e.service,
    e.kind,
    e.field,
    e.before,
    e.after,
  ]);
  assertEquals(list, [
    [2, "lb1", "w1", "status", "status", "UP", "DOWN"],
    [2, "lb1", "w1", "check", "check_status", "L7OK", "L4CON"],
    [4, "lb1", "", "unreachable", "connection", "", "cannot connect to /a: connection refused"],
    [5, "lb1", "", "reachable", "connection", "cannot connect to /a: connection refused", ""],
  ]);
  // The same snapshots with nothing changing: no event at all, full snapshots included.
  const quiet = snapshotOf([{ px: "web", sv: "w1", iid: 3, sid: 1, type: 2 }]);
  const again = await Recorder.open({
    path: `${tmp.dir}/quiet`,
    instances,
    interval: 1,
    hatop: "t",
    fullEverySeconds: 1,
  });
  for (let k = 0; k < 4; k++) await again.record(AT.time + k * 1000, 0, { snapshot: quiet });
  await again.close();
  assertEquals(await eventsOf(await Recording.open(`${tmp.dir}/quiet`)), []);
});
