/**
 * End-to-end tests of the bulk actions from the command line, on a real HAProxy pool of three servers: the
 * plan names every target with its ids and exact command, and the socket recording of each run shows exactly
 * those commands (none for a dry run, for -n, for a pattern that matches nothing, for a level below admin);
 * HAProxy's refusals are reported per target with exit 1 while the others succeed.
 *
 * @module
 */
import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { startLab, statusOf } from "../support/lab.ts";
import { idsOf } from "../support/lab_queries.ts";
import { looksLikeCrash, runHatop } from "../support/program.ts";
import { startRecorder } from "../support/recorder.ts";
import { startHeldServers } from "../support/held.ts";
import { planCommands, poolBody, resultLines, writes } from "../support/bulk.ts";
import { executePlan, planAction } from "../../src/bulk/mod.ts";
import { HaproxyClient } from "../../src/haproxy/client.ts";

Deno.test("bulk actions on the pool: plans, recordings, refusals before and after sending", async (t) => {
  await using pool = await startHeldServers(3);
  await using lab = await startLab(poolBody(pool.ports, {}), { node: "pool" });
  await lab.waitForStat((csv) => statusOf(csv, "be_checked", "chk1") === "UP");
  const ids = {
    web1: await idsOf(lab, "be_pool", "web1"),
    web2: await idsOf(lab, "be_pool", "web2"),
    web3: await idsOf(lab, "be_pool", "web3"),
  };
  const ref = (sv: keyof typeof ids) => ids[sv].slice(1, -1);
  const status = async (sv: string) => statusOf(await lab.command("show stat"), "be_pool", sv);

  await t.step(
    "--dry-run prints every target with names, ids and the exact command, and sends nothing",
    async () => {
      await using rec = await startRecorder(lab.sockets.admin);
      const r = await runHatop(["-s", rec.path, "--drain", "be_pool/web*", "--dry-run"]);
      assertEquals([r.code, r.stderr], [0, ""]);
      assertEquals(
        r.stdout,
        "plan (dry run, nothing sent): drain 3 servers\n" +
          `  be_pool/web1 ${ids.web1}  set server ${ref("web1")} state drain\n` +
          `  be_pool/web2 ${ids.web2}  set server ${ref("web2")} state drain\n` +
          `  be_pool/web3 ${ids.web3}  set server ${ref("web3")} state drain\n`,
      );
      const json = await runHatop([
        "-s",
        rec.path,
        "--maint",
        "*/web2",
        "--dry-run",
        "-n",
        "--format",
        "json",
      ]);
      assertEquals(json.code, 0, json.stderr);
      const doc = JSON.parse(json.stdout);
      assertEquals([doc.action, doc.dry_run, doc.instances[0].level], ["maint", true, "admin"]);
      const [iid, sid] = ref("web2").split("/").map((id) => Number(id.slice(1)));
      assertEquals(doc.instances[0].targets, [
        { proxy: "be_pool", server: "web2", iid, sid, command: `set server ${ref("web2")} state maint` },
      ]);
      assertEquals(writes(rec), []);
      assertEquals(await status("web2"), "no check");
    },
  );

  await t.step("-n refuses before connecting: nothing is sent at all", async () => {
    await using rec = await startRecorder(lab.sockets.admin);
    const r = await runHatop(["-s", rec.path, "-n", "--drain", "be_pool/web*"]);
    assertEquals(r, {
      code: 4,
      stdout: "",
      stderr: "hatop: read-only mode (-n): nothing sent (--dry-run shows the plan)\n",
    });
    assertEquals([rec.connections(), rec.commands()], [0, []]);
  });

  await t.step("a pattern that matches nothing exits 2 naming it, and nothing is sent", async () => {
    await using rec = await startRecorder(lab.sockets.admin);
    const r = await runHatop(["-s", rec.path, "--drain", "be_pool/web1", "--drain", "be_pool/wbe*"]);
    assertEquals(r, {
      code: 2,
      stdout: "",
      stderr: "hatop: pattern 'be_pool/wbe*' matches no server (be_pool has: web1, web2, web3)\n",
    });
    const typo = await runHatop(["-s", rec.path, "--ready", "be_poll/*"]);
    assertEquals([typo.code, typo.stdout], [2, ""]);
    assertMatch(
      typo.stderr,
      /^hatop: pattern 'be_poll\/\*' matches no proxy with servers \(there are: .*be_pool/,
    );
    const malformed = await runHatop(["-s", rec.path, "--drain", "be_pool"]);
    assertEquals([malformed.code, malformed.stderr], [
      2,
      "hatop: pattern 'be_pool' is not proxy/server (for every server of it: 'be_pool/*')\n",
    ]);
    assertEquals(writes(rec), []);
    assertEquals(await status("web1"), "no check");
  });

  await t.step("a level below admin says so before any preview and sends nothing", async () => {
    for (const [level, socket] of [["operator", lab.sockets.operator], ["user", lab.sockets.user]]) {
      await using rec = await startRecorder(socket);
      const r = await runHatop(["-s", rec.path, "--maint", "be_pool/*"]);
      assertEquals(r, {
        code: 4,
        stdout: "",
        stderr: `hatop: ${rec.path}: the socket's level is ${level}: changing servers needs a socket with ` +
          "level admin; nothing sent\n",
      });
      assertEquals(writes(rec), []);
    }
    assertEquals(await status("web1"), "no check");
  });

  await t.step(
    "a refused target is reported with HAProxy's text and exit 1; the others succeed",
    async () => {
      await using rec = await startRecorder(lab.sockets.admin);
      const r = await runHatop(["-s", rec.path, "--agent", "be_pool/*=on"]);
      assertEquals([r.code, r.stderr], [1, ""]);
      assert(!looksLikeCrash(r.stderr));
      assertMatch(r.stdout, /^plan: agent checks on 3 servers$/m);
      assertMatch(r.stdout, /^result: 1 ok, 2 refused$/m);
      const refusal = "refused: Agent was not configured on this server, cannot enable.";
      assertEquals(resultLines(r.stdout), [
        `be_pool/web1 ${ids.web1}  ${refusal}`,
        `be_pool/web2 ${ids.web2}  ${refusal}`,
        `be_pool/web3 ${ids.web3}  ok`,
      ]);
      assertEquals(writes(rec), planCommands(r.stdout));
      assertEquals(
        planCommands(r.stdout),
        ["web1", "web2", "web3"].map((sv) => `enable agent ${ref(sv as "web1")}`),
      );
    },
  );

  await t.step("weights, absolute and in percent, as JSON; the recording equals the plan", async () => {
    await using rec = await startRecorder(lab.sockets.admin);
    const r = await runHatop(["-s", rec.path, "--weight", "be_pool/web*=50%", "--format", "json"]);
    assertEquals([r.code, r.stderr], [0, ""]);
    const doc = JSON.parse(r.stdout);
    assertEquals([doc.action, doc.value, doc.summary, doc.exit], ["weight", "50%", {
      ok: 3,
      refused: 0,
      failed: 0,
      "not sent": 0,
    }, 0]);
    const commands = doc.instances[0].targets.map((x: { command: string }) => x.command);
    assertEquals(writes(rec), commands);
    for (
      const [sv, w] of [["web1", "5 (initial 10)"], ["web2", "10 (initial 20)"], ["web3", "15 (initial 30)"]]
    ) {
      assertEquals((await lab.command(`get weight be_pool/${sv}`)).trim(), w);
    }
    const back = await runHatop([
      "-s",
      rec.path,
      "--weight",
      "be_pool/web1=10",
      "--weight",
      "be_pool/web2=10",
    ]);
    assertEquals(back.code, 0, back.stderr);
    assertEquals((await lab.command("get weight be_pool/web2")).trim(), "10 (initial 20)");
    assertEquals(writes(rec), [...commands, ...planCommands(back.stdout)]);
  });

  await t.step("a planned id that no longer exists gets HAProxy's refusal, not another server", async () => {
    const [iid, sid] = ref("web3").split("/").map((id) => Number(id.slice(1)));
    const instance = lab.sockets.admin;
    // As if web3 had been removed by a reload after the plan: its id, and one that never existed.
    const plan = planAction({ kind: "maint" }, [
      { instance, proxy: "be_pool", server: "web3", iid, sid: sid + 100 },
      { instance, proxy: "be_gone", server: "web1", iid: iid + 100, sid: 1 },
    ]);
    const client = new HaproxyClient({ transport: "unix", path: instance }, { timeoutMs: 5000 });
    await client.connect();
    try {
      const results = await executePlan(plan, new Map([[instance, client]]));
      assertEquals(results.map((r) => [r.outcome, r.message]), [
        ["refused", "No such server."],
        ["refused", "No such backend."],
      ]);
    } finally {
      await client.close();
    }
    for (const sv of ["web1", "web2", "web3"]) assertEquals(await status(sv), "no check");
  });

  await t.step("health checks off and on again", async () => {
    await using rec = await startRecorder(lab.sockets.admin);
    const off = await runHatop(["-s", rec.path, "--health", "be_checked/*=off"]);
    assertEquals([off.code, off.stderr, resultLines(off.stdout).length], [0, "", 1]);
    assertEquals(statusOf(await lab.command("show stat"), "be_checked", "chk1"), "no check");
    const on = await runHatop(["-s", rec.path, "--health", "be_checked/chk1=on"]);
    assertEquals([on.code, on.stderr], [0, ""]);
    await lab.waitForStat((csv) => statusOf(csv, "be_checked", "chk1") === "UP");
    assertEquals(writes(rec), [...planCommands(off.stdout), ...planCommands(on.stdout)]);
    assertMatch(writes(rec)[0], /^disable health #\d+\/#1$/);
    assertMatch(writes(rec)[1], /^enable health #\d+\/#1$/);
  });
});
