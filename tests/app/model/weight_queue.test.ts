import { assert, assertEquals } from "../../support/assert.ts";
import { cursorOn, key, run, snap } from "../../support/app.ts";
import { init } from "../../../src/app/mod.ts";
import { selectedLine } from "../../../src/app/model/stat_table.ts";
import type { Command, Config, Event, State } from "../../../src/app/model/state.ts";
import { smallSnapshot } from "../../support/snapshots.ts";

const config: Config = { readOnly: false, intervalMs: 1000, color: false, socketName: "/a.sock" };
const size = { columns: 100, rows: 30 };
const weighing = (w: number) => smallSnapshot([["be", "s1", "UP", w, 3, 1, 2]]);

/** HAProxy answered every command of the last send with `output` ("" = done). */
const sent = (commands: Command[], output = ""): Event => {
  const send = commands.find((c) => c.type === "send");
  assert(send?.type === "send", "something was sent");
  return {
    type: "sent",
    origin: "action",
    results: send.commands.map((command) => ({ command, output })),
    rowKeys: send.rowKeys,
    now: 3,
  };
};

const weights = (c: Command[]) => c.flatMap((x) => (x.type === "send" ? x.commands : []));

function onS1(weight: number): State {
  const [s] = run(init(config, size, "status", 0), snap(weighing(weight)));
  return cursorOn(s, "be", "s1");
}

Deno.test("weight keys pressed while a change is pending are queued, then each planned on the confirmed weight", () => {
  let s = onS1(10);
  let c: Command[];
  [s, c] = run(s, key("f8"));
  assertEquals(weights(c), ["set weight be/s1 20"]);
  const first = c;
  [s, c] = run(s, key("f8"), key("f8"));
  assertEquals(c, [], "nothing is sent from the stale weight");
  assert(s.message?.text.includes("queued: W+10 on be/s1 (2 waiting"), s.message?.text);
  [s, c] = run(s, sent(first));
  assertEquals(c, [{ type: "refresh", seq: 1 }]);
  [s, c] = run(s, snap(weighing(10), 0));
  assertEquals(c, [], "a refresh started before the reply does not confirm the change");
  // Someone else set 25 meanwhile: the next +10 starts from what HAProxy says, not from 20.
  [s, c] = run(s, snap(weighing(25), 1));
  assertEquals(weights(c), ["set weight be/s1 35"]);
  [s, c] = run(s, sent(c));
  [s, c] = run(s, snap(weighing(35), 2));
  assertEquals(weights(c), ["set weight be/s1 45"]);
  [s, c] = run(s, sent(c), snap(weighing(45), 3));
  assertEquals(weights(c), [], "the queue is empty");
  assertEquals(s.queued.size, 0);
  assertEquals(s.pending.size, 0);
});

Deno.test("a queued key the weight cannot take says so; the next one is still sent", () => {
  let s = onS1(250);
  let c: Command[];
  [s, c] = run(s, key("f8"));
  assertEquals(weights(c), ["set weight be/s1 256"]);
  const first = c;
  [s] = run(s, key("f8"), key("f6"));
  [s, c] = run(s, sent(first), snap(weighing(256), 1));
  assertEquals(weights(c), ["set weight be/s1 255"]);
  assert(s.message?.text.includes("already 256"), s.message?.text);
});

Deno.test("a failed change drops the keys queued behind it, and says how many", () => {
  let s = onS1(10);
  let c: Command[];
  [s, c] = run(s, key("f8"));
  const first = c;
  [s] = run(s, key("f7"), key("f7"));
  [s, c] = run(s, sent(first, "Permission denied"));
  assertEquals(s.queued.size, 0);
  assert(s.message?.text.includes("not sent: 2 queued weight keys on be/s1"), s.message?.text);
  [, c] = run(s, snap(weighing(10), 1));
  assertEquals(weights(c), []);
});

Deno.test("with several instances, another instance's answer does not confirm a change", () => {
  const A = "/a.sock";
  const B = "/b.sock";
  const on = (instance: string, w: number, seq: number): Event => ({
    type: "snapshot",
    snapshot: weighing(w),
    seq,
    now: 2,
    instance,
  });
  let [s] = run(init(config, size, "status", 0, [], [A, B]), on(A, 10, 0), on(B, 10, 0));
  for (let i = 0; i < 20; i++) {
    const line = selectedLine(s);
    if (line?.kind === "row" && line.row.instance === B) break;
    [s] = run(s, key("down"));
  }
  let c: Command[];
  [s, c] = run(s, key("f8"));
  assertEquals(c.map((x) => x.type === "send" && [x.instance, x.commands]), [[B, ["set weight be/s1 20"]]]);
  const first = c;
  [s] = run(s, key("f8"));
  [s, c] = run(s, sent(first), on(A, 10, 1));
  assertEquals(weights(c), [], "A answered, B's weight on screen is still the old one");
  [, c] = run(s, on(B, 20, 1));
  assertEquals(c.map((x) => x.type === "send" && [x.instance, x.commands]), [[B, ["set weight be/s1 30"]]]);
});
