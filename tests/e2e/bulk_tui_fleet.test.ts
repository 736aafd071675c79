/**
 * End-to-end tests of a bulk action in the monitor over two sockets and through a master CLI, on real HAProxy:
 * the servers tagged by a filter on both instances are previewed grouped by instance, and each instance's
 * recording shows only its own part of the plan, command for command; on a master CLI the commands go to the
 * worker on screen (`@!<pid>`).
 *
 * @module
 */
import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { startLab, statusOf } from "../support/lab.ts";
import { idsOf, START_MS } from "../support/lab_queries.ts";
import { rowMatches, startHatop } from "../support/program.ts";
import { startRecorder } from "../support/recorder.ts";
import { startHeldServers } from "../support/held.ts";
import { forwarded, poolBody, writes } from "../support/bulk.ts";
import { waitForProcs } from "../support/fleet.ts";
import { boxLines, tagByFilter } from "../support/bulk_tui.ts";

Deno.test("a bulk action over two sockets: targets grouped by instance, each lab gets only its commands", async () => {
  await using pool = await startHeldServers(3);
  await using lb1 = await startLab(poolBody(pool.ports, {}), { node: "lb1" });
  await using lb2 = await startLab(poolBody(pool.ports, {}), { node: "lb2" });
  await using rec1 = await startRecorder(lb1.sockets.admin);
  await using rec2 = await startRecorder(lb2.sockets.admin);
  const ref1 = (await idsOf(lb1, "be_pool", "web1")).slice(1, -1);
  const ref2 = (await idsOf(lb2, "be_pool", "web1")).slice(1, -1);
  try {
    await using tmux = await startHatop(["-s", rec1.path, "-s", rec2.path, "-i", "1"]);
    await tmux.waitFor(rowMatches("web1", /no check 2\/2/), START_MS);
    await tmux.waitForAll("Instances: 2/2 answering", "Nodes: lb1 + lb2");
    await tagByFilter(tmux, "web1", 2);
    await tmux.send("a");
    await tmux.waitFor("Bulk actions on 2 servers");
    await tmux.send("d");
    const one = `be_pool/web1 [${ref1}]  set server ${ref1} state drain`;
    const two = `be_pool/web1 [${ref2}]  set server ${ref2} state drain`;
    const head1 = `lb1 (${rec1.path}):`;
    const head2 = `lb2 (${rec2.path}):`;
    const preview = await tmux.waitForAll("Preview: drain for 2 servers on 2 instances", head1, head2);
    assertEquals(boxLines(preview), [one, two]);
    const lines = preview.split("\n");
    const at = lines.findIndex((l) => l.includes(`| ${head1}`));
    assert(at > 0, preview);
    assertMatch(lines[at + 1], new RegExp(`\\| {3}${one.replace(/[[\]/#]/g, "\\$&")} +\\|`));
    assert(lines[at + 2].includes(`| ${head2}`), preview);
    assertEquals([writes(rec1), writes(rec2)], [[], []], "nothing is sent before y");
    await tmux.send("y");
    const result = await tmux.waitForAll("Result: drain: 2 ok", head1, head2);
    assertEquals(boxLines(result), [`be_pool/web1 [${ref1}]  ok`, `be_pool/web1 [${ref2}]  ok`]);
    assertEquals(writes(rec1), [`set server ${ref1} state drain`]);
    assertEquals(writes(rec2), [`set server ${ref2} state drain`]);
    for (const lab of [lb1, lb2]) {
      assertEquals(statusOf(await lab.command("show stat"), "be_pool", "web1"), "DRAIN");
      assertEquals(statusOf(await lab.command("show stat"), "be_pool", "web2"), "no check");
    }
  } finally {
    for (const lab of [lb1, lb2]) await lab.command("set server be_pool/web1 state ready");
  }
});

Deno.test("a bulk action in the monitor on a master CLI goes to the worker on screen", async () => {
  await using pool = await startHeldServers(3);
  await using lab = await startLab(poolBody(pool.ports, {}), { node: "mw", master: true });
  const worker = (await waitForProcs(lab.sockets.master!, (p) => p.current.length === 1)).current[0];
  await using rec = await startRecorder(lab.sockets.master!);
  const ref = (await idsOf(lab, "be_pool", "web2")).slice(1, -1);
  try {
    await using tmux = await startHatop(["-s", rec.path, "-i", "1"]);
    await tmux.waitFor(rowMatches("web3", /no check/), START_MS);
    await tagByFilter(tmux, "web2", 1);
    await tmux.send("b");
    await tmux.waitFor("Bulk actions on 1 server");
    await tmux.send("m");
    const line = `be_pool/web2 [${ref}]  set server ${ref} state maint`;
    assertEquals(boxLines(await tmux.waitForAll("Preview: maint for 1 server", line)), [line]);
    await tmux.send("y");
    await tmux.waitForAll("Result: maint: 1 ok", `be_pool/web2 [${ref}]  ok`);
    assertEquals(writes(rec), [`set server ${ref} state maint`]);
    assertEquals(forwarded(rec).filter((c) => !/ show /.test(c)), [
      `@!${worker} set server ${ref} state maint`,
    ]);
    assertEquals(statusOf(await lab.command("show stat"), "be_pool", "web2"), "MAINT");
  } finally {
    await lab.command("set server be_pool/web2 state ready");
  }
});
