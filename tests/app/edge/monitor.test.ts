import { assert, assertEquals } from "../../support/assert.ts";
import { poll } from "../../support/poll.ts";
import { ManualTimers } from "../../support/fake_timers.ts";
import { FakeTerminal } from "../../support/fake_terminal.ts";
import { runMonitor } from "../../../src/app/mod.ts";
import type { Config } from "../../../src/app/model/state.ts";
import type { MonitorInstance } from "../../../src/app/edge/send.ts";
import { commandsSeen, Gate, haproxy, withInstance } from "./_peer.ts";

const config: Config = { readOnly: false, intervalMs: 2000, color: false, socketName: "unix socket /a.sock" };

/** A monitor of one instance on a fake terminal and hand-driven timers (`now`: the timers' clock). */
function monitor(instance: MonitorInstance, terminal: FakeTerminal, timers: ManualTimers, now = timers.now) {
  return runMonitor({ instances: [instance], terminal, config, view: "status", timers, now });
}

Deno.test("monitor: the first frame at once, the refresh's when it answers; keys of one turn give one frame", async () => {
  const terminal = new FakeTerminal();
  const timers = new ManualTimers();
  await withInstance("/a.sock", haproxy(), async (instance) => {
    const done = monitor(instance, terminal, timers);
    assertEquals(terminal.writes.length, 1, "the first frame is drawn before anything answers");
    assert(terminal.writes[0].includes("connecting to unix socket /a.sock"));
    await poll("the refresh's frame", 10_000, () => {
      timers.advance(0);
      return terminal.writes.some((w) => w.includes("s1")) || undefined;
    });
    const before = terminal.writes.length;
    terminal.press({ name: "down" }, { name: "down" }, { name: "up" });
    await poll("the keys read", 10_000, () => terminal.read === 3 || undefined);
    timers.advance(0);
    assertEquals(terminal.writes.length, before + 1, "three keys, one frame");
    terminal.end();
    assertEquals(await done, 0, "the end of input ends the monitor");
  });
});

Deno.test("monitor: a refresh that answers after quit draws nothing, asks nothing more; quit gives 0", async () => {
  const terminal = new FakeTerminal();
  const timers = new ManualTimers();
  const gate = new Gate();
  let asked = 0;
  const now = () => (asked++, timers.now());
  const seen = await withInstance(
    "/a.sock",
    haproxy((c) => c === "show stat" ? gate : undefined),
    async (instance) => {
      const done = monitor(instance, terminal, timers, now);
      terminal.press({ name: "char", text: "q" });
      assertEquals(await done, 0);
      const writes = terminal.writes.length;
      const before = asked;
      gate.open();
      await poll("the held refresh's answer", 10_000, () => asked > before || undefined);
      timers.advance(10 * config.intervalMs);
      assertEquals(terminal.writes.length, writes, "no frame after quit");
      assertEquals(timers.size, 0, "no timer left");
    },
  );
  assertEquals(commandsSeen(seen), ["show info", "show stat"], "no refresh after quit");
  assert(!seen.includes("show cli level"), "no level asked after quit");
});

Deno.test("monitor: a resize repaints the whole screen at the new size", async () => {
  const terminal = new FakeTerminal({ columns: 100, rows: 30 });
  const timers = new ManualTimers();
  await withInstance("/a.sock", haproxy(), async (instance) => {
    const done = monitor(instance, terminal, timers);
    terminal.resize({ columns: 120, rows: 30 });
    timers.advance(0);
    const repaint = terminal.writes.at(-1) ?? "";
    assert(repaint.includes("hatop version"), "the title is written again");
    terminal.end();
    assertEquals(await done, 0);
  });
});
