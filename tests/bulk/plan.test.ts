import { assertEquals } from "../support/assert.ts";
import {
  type BulkAction,
  commandFor,
  describeAction,
  parseWeight,
  planAction,
  type Target,
} from "../../src/bulk/plan.ts";

const t = (instance: string, iid: number, sid: number, server = `s${sid}`): Target => ({
  instance,
  proxy: "be_app",
  server,
  iid,
  sid,
});

Deno.test("each action's command names the server by #iid/#sid", () => {
  const cases: [BulkAction, string, string][] = [
    [{ kind: "ready" }, "set server #3/#2 state ready", "ready"],
    [{ kind: "drain" }, "set server #3/#2 state drain", "drain"],
    [{ kind: "maint" }, "set server #3/#2 state maint", "maint"],
    [{ kind: "weight", weight: "50" }, "set weight #3/#2 50", "weight 50"],
    [{ kind: "weight", weight: "50%" }, "set weight #3/#2 50%", "weight 50%"],
    [{ kind: "health", on: true }, "enable health #3/#2", "health checks on"],
    [{ kind: "health", on: false }, "disable health #3/#2", "health checks off"],
    [{ kind: "agent", on: true }, "enable agent #3/#2", "agent checks on"],
    [{ kind: "agent", on: false }, "disable agent #3/#2", "agent checks off"],
  ];
  for (const [action, command, words] of cases) {
    assertEquals(commandFor(action, "#3/#2"), command);
    assertEquals(describeAction(action), words);
  }
});

Deno.test("a plan groups the targets by instance, in order of first appearance, one command each", () => {
  const plan = planAction({ kind: "drain" }, [
    t("lb1", 3, 1),
    t("lb2", 3, 1),
    t("lb1", 3, 2),
    t("lb2", 4, 7),
  ]);
  assertEquals(plan.size, 4);
  assertEquals(plan.instances.map((i) => [i.instance, i.targets.map((x) => x.command)]), [
    ["lb1", ["set server #3/#1 state drain", "set server #3/#2 state drain"]],
    ["lb2", ["set server #3/#1 state drain", "set server #4/#7 state drain"]],
  ]);
  // Names are kept for the preview; only ids are in the command.
  assertEquals(plan.instances[0].targets[0].server, "s1");
  assertEquals(planAction({ kind: "ready" }, []).instances, []);
});

Deno.test("weights: N from 0 to 256 or N% of the initial weight", () => {
  assertEquals(parseWeight("0"), { weight: "0" });
  assertEquals(parseWeight("256"), { weight: "256" });
  assertEquals(parseWeight(" 50% "), { weight: "50%" });
  assertEquals(parseWeight("007"), { weight: "7" });
  assertEquals(parseWeight("150%"), { weight: "150%" });
  assertEquals(parseWeight("257"), { error: "an absolute weight is at most 256" });
  for (const bad of ["", "-1", "1.5", "50 %", "x", "%", "12345"]) {
    assertEquals(parseWeight(bad), { error: "a weight is N (0-256) or N% of the initial weight" }, bad);
  }
});
