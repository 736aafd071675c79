/**
 * End-to-end tests of the bulk actions over several sockets (targets grouped by instance, each instance's
 * recording equal to its part of the plan) and through a master CLI (the commands go to the current worker
 * with `@!<pid>`), on real HAProxy.
 *
 * @module
 */
import { assertEquals, assertMatch } from "../support/assert.ts";
import { startLab, statusOf } from "../support/lab.ts";
import { idsOf } from "../support/lab_queries.ts";
import { runHatop } from "../support/program.ts";
import { startRecorder } from "../support/recorder.ts";
import { startHeldServers } from "../support/held.ts";
import { waitForProcs } from "../support/fleet.ts";
import { forwarded, planCommands, poolBody, writes } from "../support/bulk.ts";

Deno.test("bulk actions over two sockets: one plan grouped by instance, each instance gets its part", async () => {
  await using pool = await startHeldServers(3);
  await using lb1 = await startLab(poolBody(pool.ports, {}), { node: "lb1" });
  await using lb2 = await startLab(poolBody(pool.ports, {}), { node: "lb2" });
  await using rec1 = await startRecorder(lb1.sockets.admin);
  await using rec2 = await startRecorder(lb2.sockets.admin);
  const ids = await idsOf(lb1, "be_pool", "web1");
  assertEquals(await idsOf(lb2, "be_pool", "web1"), ids);
  const ref = ids.slice(1, -1);

  const r = await runHatop([
    "-s",
    rec1.path,
    "-s",
    rec2.path,
    "--drain",
    "be_pool/web1",
    "--wait-drained",
    "30",
  ]);
  assertEquals([r.code, r.stderr], [0, ""]);
  assertEquals(
    r.stdout.replace(/\(after \d+s\)$/m, "(after Ns)"),
    [
      "plan: drain 2 servers on 2 instances",
      `  lb1 (${rec1.path}):`,
      `    be_pool/web1 ${ids}  set server ${ref} state drain`,
      `  lb2 (${rec2.path}):`,
      `    be_pool/web1 ${ids}  set server ${ref} state drain`,
      "result: 2 ok",
      `  lb1 (${rec1.path}):`,
      `    be_pool/web1 ${ids}  ok`,
      `  lb2 (${rec2.path}):`,
      `    be_pool/web1 ${ids}  ok`,
      "wait: drained: none of 2 servers has sessions (after Ns)",
      "",
    ].join("\n"),
  );
  assertEquals(writes(rec1), [planCommands(r.stdout)[0]]);
  assertEquals(writes(rec2), [planCommands(r.stdout)[1]]);
  for (const lab of [lb1, lb2]) {
    assertEquals(statusOf(await lab.command("show stat"), "be_pool", "web1"), "DRAIN");
  }

  const ready = await runHatop(["-s", rec1.path, "-s", rec2.path, "--ready", "*/web1", "--format", "json"]);
  assertEquals([ready.code, ready.stderr], [0, ""]);
  const doc = JSON.parse(ready.stdout);
  assertEquals(doc.instances.map((i: { instance: string; address: string }) => [i.instance, i.address]), [
    ["lb1", rec1.path],
    ["lb2", rec2.path],
  ]);
  assertEquals(writes(rec1), [`set server ${ref} state drain`, `set server ${ref} state ready`]);
  assertEquals(writes(rec2), [`set server ${ref} state drain`, `set server ${ref} state ready`]);
  for (const lab of [lb1, lb2]) {
    assertEquals(statusOf(await lab.command("show stat"), "be_pool", "web1"), "no check");
  }
});

Deno.test("bulk actions through a master CLI go to the current worker", async () => {
  await using pool = await startHeldServers(3);
  await using lab = await startLab(poolBody(pool.ports, {}), { node: "mw", master: true });
  const worker = (await waitForProcs(lab.sockets.master!, (p) => p.current.length === 1)).current[0];
  await using rec = await startRecorder(lab.sockets.master!);
  const ids = await idsOf(lab, "be_pool", "web2");

  const r = await runHatop(["-s", rec.path, "--maint", "be_pool/web2", "--wait-drained", "30"]);
  assertEquals([r.code, r.stderr], [0, ""]);
  assertMatch(r.stdout, /^result: 1 ok$/m);
  assertEquals(planCommands(r.stdout), [`set server ${ids.slice(1, -1)} state maint`]);
  assertEquals(writes(rec), planCommands(r.stdout));
  assertEquals(forwarded(rec).filter((c) => !/ show /.test(c)), [`@!${worker} ${planCommands(r.stdout)[0]}`]);
  assertEquals(statusOf(await lab.command("show stat"), "be_pool", "web2"), "MAINT");

  const ready = await runHatop(["-s", rec.path, "--ready", "be_pool/web2"]);
  assertEquals([ready.code, ready.stderr], [0, ""]);
  assertEquals(statusOf(await lab.command("show stat"), "be_pool", "web2"), "no check");
});
