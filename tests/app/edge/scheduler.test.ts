import { assert, assertEquals, assertMatch } from "../../support/assert.ts";
import { poll } from "../../support/poll.ts";
import { ManualTimers } from "../../support/fake_timers.ts";
import { handshake } from "../../support/fake_peer.ts";
import {
  HOLD_MS,
  Scheduler,
  type SchedulerOptions,
  TICK_MS,
  TICK_WAIT_MS,
} from "../../../src/app/edge/scheduler.ts";
import type { MonitorInstance } from "../../../src/app/edge/send.ts";
import { init } from "../../../src/app/mod.ts";
import type { Config, Event } from "../../../src/app/model/state.ts";
import { commandsSeen, Gate, haproxy, reply, withInstance } from "./_peer.ts";

const config: Config = { readOnly: false, intervalMs: 2000, color: false, socketName: "a" };

/** A scheduler on one instance, with the events it dispatches. */
function scheduler(instance: MonitorInstance, timers = new ManualTimers(), reads?: SchedulerOptions["poll"]) {
  const events: Event[] = [];
  const s = init(config, { columns: 100, rows: 30 }, "status", 0, [], [instance.id]);
  const scheduler = new Scheduler({
    instances: [instance],
    intervalMs: config.intervalMs,
    state: () => s,
    dispatch: (e) => events.push(e),
    timers,
    now: timers.now,
    poll: reads,
  });
  const of = (type: Event["type"]) => events.filter((e) => e.type === type);
  return { scheduler, events, of, timers };
}

Deno.test("scheduler: a refresh asked for while one is in flight runs right after it, never alongside", async () => {
  const gate = new Gate();
  let held = false;
  const hold = (c: string) => c === "show info" && !held ? (held = true, gate) : undefined;
  const seen = await withInstance("a", haproxy(hold), async (instance) => {
    const { scheduler: sch, of } = scheduler(instance);
    sch.refreshAll();
    sch.refreshAll();
    assert(sch.busy, "the first refresh waits for its show info");
    gate.open();
    await poll("two snapshots", 10_000, () => of("snapshot").length === 2 || undefined);
    assertEquals(of("snapshot").map((e) => e.type === "snapshot" && e.round), [1, 2], "each in its round");
    assertEquals(of("level").map((e) => e.type === "level" && e.level), ["admin"], "the level is asked once");
    assert(!sch.busy);
  });
  assertEquals(commandsSeen(seen), ["show info", "show stat", "show info", "show stat"]);
});

Deno.test("scheduler: the tick waits for a refresh in flight, at most TICK_WAIT_MS; an event meanwhile answers it", async () => {
  const gate = new Gate();
  await withInstance("a", haproxy((c) => c === "show stat" ? gate : undefined), async (instance) => {
    const { scheduler: sch, of, timers } = scheduler(instance);
    sch.refreshAll();
    sch.tick();
    assertEquals(of("tick").length, 0, "no tick while a refresh is in flight");
    timers.advance(TICK_WAIT_MS - 1);
    assertEquals(of("tick").length, 0);
    timers.advance(1);
    assertEquals(of("tick").length, 1, "TICK_WAIT_MS later it ticks anyway");
    sch.tick();
    sch.eventArrived();
    timers.advance(TICK_WAIT_MS);
    assertEquals(of("tick").length, 1, "an event's frame showed the time: no tick");
    gate.open();
    await poll("the snapshot", 10_000, () => of("snapshot").length === 1 || undefined);
    sch.tick();
    assertEquals(of("tick").length, 2, "nothing in flight: at once");
  });
});

Deno.test("scheduler: start refreshes every interval and ticks every second; stop ends both", async () => {
  await withInstance("a", haproxy(), async (instance) => {
    const { scheduler: sch, of, timers } = scheduler(instance);
    sch.start();
    timers.advance(TICK_MS);
    assertEquals([of("tick").length, of("snapshot").length], [1, 0]);
    timers.advance(config.intervalMs - TICK_MS);
    assert(sch.busy, "the interval started a refresh; the tick due with it waits for it");
    await poll("the first refresh", 10_000, () => of("snapshot").length === 1 || undefined);
    assertEquals(of("tick").length, 1);
    timers.advance(TICK_WAIT_MS);
    assertEquals(of("tick").length, 2);
    sch.stop();
    assertEquals(timers.size, 0, "no timer is left");
    sch.refreshAll();
    timers.advance(10 * config.intervalMs);
    assertEquals([of("snapshot").length, of("tick").length], [1, 2], "stopped: no refresh, no tick");
    assert(!sch.busy);
  });
});

Deno.test("scheduler: an instance that does not answer is an event with the reason; the next refresh tries again", async () => {
  let fail = true;
  const act = handshake((c) => c === "show stat" && fail ? (fail = false, ["hang-up"]) : haproxyAnswer(c));
  const haproxyAnswer = (c: string) => c === "show info" ? reply("Name: HAProxy\nPid: 1") : reply("");
  await withInstance("a", act, async (instance) => {
    const { scheduler: sch, of } = scheduler(instance);
    sch.refreshAll();
    await poll("the failure", 10_000, () => of("refreshFailed").length === 1 || undefined);
    const failed = of("refreshFailed")[0];
    assertMatch(failed.type === "refreshFailed" ? failed.error : "", /closed/);
    assert(!sch.busy, "not stuck in flight");
  });
});

Deno.test("scheduler: after a refresh, the shown view's own commands are read through the same socket", async () => {
  const act = haproxy(
    undefined,
    (c) => c === "show sess" ? reply("0x1: proto=tcpv4 src=127.0.0.1:1 fe=fe be=be srv=s1") : reply(""),
  );
  const seen = await withInstance("a", act, async (instance) => {
    const reads: SchedulerOptions["poll"] = (_s, id) =>
      id === "a" ? { view: "sessions", commands: ["show sess"] } : undefined;
    const { scheduler: sch, events } = scheduler(instance, new ManualTimers(), reads);
    sch.refreshAll();
    await poll("the view's data", 10_000, () => events.find((e) => e.type === "sourceData"));
    const data = events.find((e) => e.type === "sourceData");
    assertEquals(data?.type === "sourceData" && [data.view, data.instance, data.commands, data.replies], [
      "sessions",
      "a",
      ["show sess"],
      ["0x1: proto=tcpv4 src=127.0.0.1:1 fe=fe be=be srv=s1"],
    ]);
    assert(!sch.busy, "read inside the refresh, which then ends");
  });
  assertEquals(commandsSeen(seen), ["show info", "show stat", "show sess"]);
});

/** A scheduler on two instances, with the events it dispatches. */
function fleetScheduler(a: MonitorInstance, b: MonitorInstance, timers = new ManualTimers()) {
  const events: Event[] = [];
  const s = init(config, { columns: 100, rows: 30 }, "status", 0, [], [a.id, b.id]);
  const scheduler = new Scheduler({
    instances: [a, b],
    intervalMs: config.intervalMs,
    state: () => s,
    dispatch: (e) => events.push(e),
    timers,
    now: timers.now,
  });
  const answers = () =>
    events.flatMap((e) => e.type === "snapshot" ? [`${e.instance}${e.defer ? " (defer)" : ""}`] : []);
  return { scheduler, events, answers, timers };
}

Deno.test("scheduler: with several instances a round's answers are held for each other and merged once", async () => {
  const gate = new Gate();
  await withInstance("a", haproxy(), async (a) => {
    await withInstance("b", haproxy((c) => c === "show stat" ? gate : undefined), async (b) => {
      const { scheduler: sch, answers, timers } = fleetScheduler(a, b);
      sch.refreshAll();
      // a answers while b is still reading: a is held.
      await poll("a's answer held", 10_000, () => timers.size === 1 || undefined);
      assertEquals(answers(), []);
      gate.open();
      await poll("both answers", 10_000, () => answers().length === 2 || undefined);
      assertEquals(answers(), ["a (defer)", "b"], "the first deferred: the model merges once, with b's");
      assertEquals(timers.size, 0, "no hold timer left");
    });
  });
});

Deno.test("scheduler: an instance that does not answer holds the others back HOLD_MS at most", async () => {
  const gate = new Gate();
  await withInstance("a", haproxy(), async (a) => {
    await withInstance("b", haproxy((c) => c === "show stat" ? gate : undefined), async (b) => {
      const { scheduler: sch, answers, timers } = fleetScheduler(a, b);
      sch.refreshAll();
      await poll("a's answer held", 10_000, () => timers.size === 1 || undefined);
      assertEquals(answers(), []);
      timers.advance(HOLD_MS - 1);
      assertEquals(answers(), []);
      timers.advance(1);
      assertEquals(answers(), ["a"], "a alone once HOLD_MS has passed, merged at once");
      gate.open();
      await poll("b's answer", 10_000, () => answers().length === 2 || undefined);
      assertEquals(answers(), ["a", "b"], "b answering last: at once");
    });
  });
});
