import { assertEquals } from "../support/assert.ts";
import { executePlan, judgeReply, summarize } from "../../src/bulk/execute.ts";
import { levelRefusal, readLevel } from "../../src/bulk/level.ts";
import { planAction, type Target } from "../../src/bulk/plan.ts";
import { HaproxyError } from "../../src/haproxy/errors.ts";
import type { CommandSender } from "../../src/haproxy/master.ts";

const t = (instance: string, sid: number): Target => ({
  instance,
  proxy: "be",
  server: `s${sid}`,
  iid: 3,
  sid,
});

/** A sender answering from a table by command; records what it was sent. */
function sender(replies: Record<string, string | Error>, sent: string[]): CommandSender {
  return {
    send(command) {
      sent.push(command);
      const reply = replies[command] ?? "\n";
      return reply instanceof Error ? Promise.reject(reply) : Promise.resolve(reply);
    },
  };
}

Deno.test("an empty reply is success; any text is HAProxy's refusal, kept as it is", () => {
  assertEquals(judgeReply("\n"), { outcome: "ok" });
  assertEquals(judgeReply(""), { outcome: "ok" });
  assertEquals(judgeReply("No such server.\n\n"), { outcome: "refused", message: "No such server." });
  assertEquals(judgeReply("Permission denied\n\n"), { outcome: "refused", message: "Permission denied" });
  assertEquals(judgeReply("line one\n  line two\n\n"), { outcome: "refused", message: "line one line two" });
});

Deno.test("exactly the planned commands are sent, and each target gets its own outcome", async () => {
  const plan = planAction({ kind: "agent", on: true }, [t("lb1", 1), t("lb1", 2), t("lb2", 1)]);
  const sent1: string[] = [];
  const sent2: string[] = [];
  const results = await executePlan(
    plan,
    new Map([
      [
        "lb1",
        sender(
          { "enable agent #3/#2": "Agent was not configured on this server, cannot enable.\n\n" },
          sent1,
        ),
      ],
      ["lb2", sender({ "enable agent #3/#1": "No such server.\n\n" }, sent2)],
    ]),
  );
  assertEquals(sent1, ["enable agent #3/#1", "enable agent #3/#2"]);
  assertEquals(sent2, ["enable agent #3/#1"]);
  assertEquals(results.map((r) => [r.instance, r.server, r.outcome, r.message]), [
    ["lb1", "s1", "ok", undefined],
    ["lb1", "s2", "refused", "Agent was not configured on this server, cannot enable."],
    ["lb2", "s1", "refused", "No such server."],
  ]);
  assertEquals(summarize(results), { ok: 1, refused: 2, failed: 0, "not sent": 0 });
});

Deno.test("a broken socket fails its target and stops that instance only; no sender: nothing sent", async () => {
  const plan = planAction({ kind: "drain" }, [
    t("lb1", 1),
    t("lb1", 2),
    t("lb1", 3),
    t("lb2", 1),
    t("lb3", 1),
  ]);
  const sent: string[] = [];
  const lost = new HaproxyError("closed", "HAProxy closed the connection; reconnecting in 0.5s");
  const results = await executePlan(
    plan,
    new Map([
      ["lb1", sender({ "set server #3/#2 state drain": lost }, sent)],
      ["lb2", sender({}, sent)],
    ]),
  );
  assertEquals(sent, [
    "set server #3/#1 state drain",
    "set server #3/#2 state drain",
    "set server #3/#1 state drain",
  ]);
  assertEquals(results.map((r) => [r.instance, r.server, r.outcome, r.message]), [
    ["lb1", "s1", "ok", undefined],
    ["lb1", "s2", "failed", "no reply: HAProxy closed the connection; reconnecting in 0.5s"],
    [
      "lb1",
      "s3",
      "not sent",
      "an earlier command on this instance failed (HAProxy closed the connection; reconnecting in 0.5s)",
    ],
    ["lb2", "s1", "ok", undefined],
    ["lb3", "s1", "not sent", "no connection to lb3"],
  ]);
  assertEquals(summarize(results), { ok: 2, refused: 0, failed: 1, "not sent": 2 });
});

Deno.test("the level: admin may act; operator, user and a refused question may not; unknown lets HAProxy say", () => {
  assertEquals(readLevel("admin\n\n"), "admin");
  assertEquals(readLevel("operator\n\n"), "operator");
  assertEquals(readLevel("user\n"), "user");
  assertEquals(readLevel("Permission denied!\n\n"), "denied");
  assertEquals(readLevel("Unknown command.\n\n"), undefined);
  assertEquals(levelRefusal("admin"), undefined);
  assertEquals(levelRefusal(undefined), undefined);
  assertEquals(
    levelRefusal("operator"),
    "the socket's level is operator: changing servers needs a socket with level admin",
  );
  assertEquals(
    levelRefusal("user"),
    "the socket's level is user: changing servers needs a socket with level admin",
  );
  assertEquals(
    levelRefusal("denied"),
    "the socket refused 'show cli level': changing servers needs a socket with level admin",
  );
});
