import { assertEquals } from "../support/assert.ts";
import {
  bulkJson,
  type Labels,
  planText,
  progressLine,
  resultsText,
  waitEndLine,
} from "../../src/cli/bulk_report.ts";
import { planAction, type Target, type TargetResult } from "../../src/bulk/mod.ts";

const t = (instance: string, server: string, sid: number): Target => ({
  instance,
  proxy: "be_app",
  server,
  iid: 3,
  sid,
});
const ONE: Labels = new Map([["/run/a.sock", {
  name: "/run/a.sock",
  address: "/run/a.sock",
  level: "admin",
}]]);
const TWO: Labels = new Map([
  ["/run/a.sock", { name: "lb1", address: "/run/a.sock", level: "admin" }],
  ["/run/b.sock", { name: "lb2", address: "/run/b.sock", level: "admin" }],
]);

Deno.test("the plan lists every target with names, ids and the exact command; grouped by instance", () => {
  const one = planAction({ kind: "drain" }, [t("/run/a.sock", "web1", 1), t("/run/a.sock", "web2", 2)]);
  assertEquals(
    planText(one, ONE, false),
    "plan: drain 2 servers\n" +
      "  be_app/web1 [#3/#1]  set server #3/#1 state drain\n" +
      "  be_app/web2 [#3/#2]  set server #3/#2 state drain\n",
  );
  const two = planAction({ kind: "weight", weight: "50%" }, [
    t("/run/a.sock", "web1", 1),
    t("/run/b.sock", "web1", 1),
  ]);
  assertEquals(
    planText(two, TWO, true),
    "plan (dry run, nothing sent): weight 50% 2 servers on 2 instances\n" +
      "  lb1 (/run/a.sock):\n" +
      "    be_app/web1 [#3/#1]  set weight #3/#1 50%\n" +
      "  lb2 (/run/b.sock):\n" +
      "    be_app/web1 [#3/#1]  set weight #3/#1 50%\n",
  );
});

Deno.test("results: a summary, then each target with ok or HAProxy's own text", () => {
  const plan = planAction({ kind: "agent", on: true }, [
    t("/run/a.sock", "web1", 1),
    t("/run/a.sock", "web3", 3),
  ]);
  const [a, b] = plan.instances[0].targets;
  const results: TargetResult[] = [
    { ...a, outcome: "refused", message: "Agent was not configured on this server, cannot enable." },
    { ...b, outcome: "ok" },
  ];
  assertEquals(
    resultsText(results, ONE),
    "result: 1 ok, 1 refused\n" +
      "  be_app/web1 [#3/#1]  refused: Agent was not configured on this server, cannot enable.\n" +
      "  be_app/web3 [#3/#3]  ok\n",
  );
  const json = JSON.parse(bulkJson(plan, ONE, { dryRun: false, results, exit: 1 }));
  assertEquals(json, {
    action: "agent",
    value: "on",
    dry_run: false,
    summary: { ok: 1, refused: 1, failed: 0, "not sent": 0 },
    instances: [{
      instance: "/run/a.sock",
      address: "/run/a.sock",
      level: "admin",
      targets: [
        {
          proxy: "be_app",
          server: "web1",
          iid: 3,
          sid: 1,
          command: "enable agent #3/#1",
          outcome: "refused",
          message: "Agent was not configured on this server, cannot enable.",
        },
        {
          proxy: "be_app",
          server: "web3",
          iid: 3,
          sid: 3,
          command: "enable agent #3/#3",
          outcome: "ok",
          message: null,
        },
      ],
    }],
    exit: 1,
  });
  const dry = JSON.parse(bulkJson(plan, ONE, { dryRun: true, exit: 0 }));
  assertEquals([dry.dry_run, dry.summary, Object.keys(dry.instances[0].targets[0])], [true, undefined, [
    "proxy",
    "server",
    "iid",
    "sid",
    "command",
  ]]);
});

Deno.test("drain wait lines: who is left with their scur, who did not answer, who is gone", () => {
  const busy = { ...t("/run/a.sock", "web1", 1), scur: 3 };
  const step = { busy: [busy, { ...t("/run/b.sock", "web2", 2), scur: NaN }], unknown: [], gone: [] };
  assertEquals(
    progressLine(step, 3, 4, 120, TWO),
    "wait: 2 of 3 servers still have sessions: lb1: be_app/web1 [#3/#1] scur 3, lb2: be_app/web2 [#3/#2] scur ? " +
      "(4s of 120s)\n",
  );
  const other = { busy: [], unknown: [t("/run/b.sock", "web1", 1)], gone: [t("/run/a.sock", "web9", 9)] };
  assertEquals(
    progressLine(other, 1, 0, 5, TWO),
    "wait: 1 of 1 server still has sessions (0s of 5s); no answer from lb2; " +
      "gone (no server with these ids now): lb1: be_app/web9 [#3/#9]\n",
  );
  assertEquals(
    waitEndLine({ busy: [busy], unknown: [], gone: [] }, 2, 5, false, ONE),
    "wait: timed out after 5s: 1 of 2 servers still has sessions: be_app/web1 [#3/#1] scur 3\n",
  );
  assertEquals(
    waitEndLine({ busy: [], unknown: [], gone: [] }, 2, 7, true, ONE),
    "wait: drained: none of 2 servers has sessions (after 7s)\n",
  );
  const plan = planAction({ kind: "drain" }, [busy]);
  const json = JSON.parse(bulkJson(plan, TWO, {
    dryRun: false,
    results: [{ ...plan.instances[0].targets[0], outcome: "ok" }],
    wait: { seconds: 5, drained: false, elapsedS: 5, step: { busy: [busy], unknown: [], gone: [] } },
    exit: 3,
  }));
  assertEquals(json.wait, {
    seconds: 5,
    drained: false,
    elapsed_seconds: 5,
    busy: [{ instance: "lb1", proxy: "be_app", server: "web1", iid: 3, sid: 1, scur: 3 }],
    unknown: [],
    gone: [],
  });
});
