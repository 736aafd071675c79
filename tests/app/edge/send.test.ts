import { assertEquals, assertMatch, assertRejects } from "../../support/assert.ts";
import { handshake } from "../../support/fake_peer.ts";
import { type MonitorInstance, runBulk, sendCommand, senderFor } from "../../../src/app/edge/send.ts";
import { planAction, type TargetResult } from "../../../src/bulk/mod.ts";
import { init } from "../../../src/app/mod.ts";
import type { Command, Config } from "../../../src/app/model/state.ts";
import { commandsSeen, reply, withInstance } from "./_peer.ts";

const config: Config = { readOnly: false, intervalMs: 1000, color: false, socketName: "a, b" };
const send = (commands: string[], instance?: string): Extract<Command, { type: "send" }> => ({
  type: "send",
  origin: "action",
  commands,
  rowKeys: ["k"],
  ...(instance === undefined ? {} : { instance }),
});
const ok = handshake((c) => reply(`done: ${c}`));

Deno.test("send: each instance gets every command until one fails there; the others are still told, in order", async () => {
  const failing = handshake((c) => c.startsWith("disable") ? ["hang-up"] : reply(""));
  let seenA: string[] = [];
  const seenB = await withInstance("b", failing, async (b) => {
    seenA = await withInstance("a", ok, async (a) => {
      const s = init(config, { columns: 100, rows: 30 }, "status", 0, [], ["a", "b"]);
      const sent = await sendCommand(
        [a, b],
        s,
        send(["enable server be/s1", "disable server be/s1", "x"], "*"),
      );
      assertEquals(sent.results, [
        { command: "[a] enable server be/s1", output: "done: enable server be/s1" },
        { command: "[a] disable server be/s1", output: "done: disable server be/s1" },
        { command: "[a] x", output: "done: x" },
        { command: "[b] enable server be/s1", output: "" },
      ]);
      assertMatch(sent.error ?? "", /^\[b\] disable server be\/s1: .*closed/);
      assertEquals([sent.origin, sent.rowKeys], ["action", ["k"]]);
    });
  });
  assertEquals(commandsSeen(seenA), ["enable server be/s1", "disable server be/s1", "x"]);
  assertEquals(
    commandsSeen(seenB),
    ["enable server be/s1", "disable server be/s1"],
    "b is sent nothing after",
  );
});

Deno.test("send: to the instance named, labelled when there are several; the only one unlabelled", async () => {
  await withInstance("a", ok, async (a) => {
    const b: MonitorInstance = {
      id: "b",
      client: { isMaster: false, send: () => Promise.reject(new Error("no")) },
      statCommands: [],
    };
    const two = init(config, { columns: 100, rows: 30 }, "status", 0, [], ["a", "b"]);
    const sent = await sendCommand([a, b], two, send(["show info"], "a"));
    assertEquals([sent.results, sent.error], [
      [{ command: "[a] show info", output: "done: show info" }],
      undefined,
    ]);
    const one = init(config, { columns: 100, rows: 30 }, "status", 0, [], ["a"]);
    const only = await sendCommand([a], one, send(["show info"]));
    assertEquals(only.results, [{ command: "show info", output: "done: show info" }]);
  });
});

Deno.test("send: on a master CLI a command goes to the worker shown, an @ line to the master as typed", async () => {
  const sent: string[] = [];
  const master: MonitorInstance = {
    id: "m",
    client: { isMaster: true, send: (c) => (sent.push(c), Promise.resolve("")) },
    statCommands: [],
  };
  await senderFor(master, 20, "show info").send("show info");
  await senderFor(master, 20, "@master show proc").send("@master show proc");
  assertEquals(sent, ["@!20 show info", "@master show proc"]);
  await assertRejects(
    () => senderFor(master, undefined, "show info").send("show info"),
    /no worker is shown yet/,
  );
});

Deno.test("bulk: each instance gets exactly its part of the plan; a failure there stops only that instance", async () => {
  const failing = handshake((c) => c.includes("#3/#2") ? ["hang-up"] : reply(""));
  const refusing = handshake((c) => reply(c.includes("#3/#1") ? "No such server." : ""));
  const t = (instance: string, sid: number) => ({ instance, proxy: "be", server: `s${sid}`, iid: 3, sid });
  const plan = planAction({ kind: "drain" }, [t("a", 1), t("a", 2), t("a", 3), t("b", 1), t("b", 2)]);
  let results: TargetResult[] = [];
  let seenA: string[] = [];
  const seenB = await withInstance("b", refusing, async (b) => {
    seenA = await withInstance("a", failing, async (a) => {
      const s = init(config, { columns: 100, rows: 30 }, "status", 0, [], ["a", "b"]);
      results = await runBulk([a, b], s, { type: "bulk", plan, rowKeys: [] });
    });
  });
  assertEquals(results.map((r) => `${r.instance} ${r.command}: ${r.outcome}`), [
    "a set server #3/#1 state drain: ok",
    "a set server #3/#2 state drain: failed",
    "a set server #3/#3 state drain: not sent",
    "b set server #3/#1 state drain: refused",
    "b set server #3/#2 state drain: ok",
  ]);
  assertEquals(results[3].message, "No such server.");
  assertEquals(commandsSeen(seenA), ["set server #3/#1 state drain", "set server #3/#2 state drain"]);
  assertEquals(commandsSeen(seenB), ["set server #3/#1 state drain", "set server #3/#2 state drain"]);
});
