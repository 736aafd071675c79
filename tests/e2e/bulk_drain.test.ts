/**
 * End-to-end tests of the scripted drain on a real HAProxy pool of three servers with sessions held open by
 * the test: drain, wait until drained (the test ends the session once the progress shows it), ready, server
 * after server; new sessions avoid a drained server; `--wait-drained` times out with exit 3 while a session
 * stays. Each run's recording equals its plan.
 *
 * @module
 */
import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { startLab, statusOf } from "../support/lab.ts";
import { idsOf, START_MS } from "../support/lab_queries.ts";
import { runHatop, spawnHatop } from "../support/program.ts";
import { poll } from "../support/poll.ts";
import { startRecorder } from "../support/recorder.ts";
import { startHeldServers } from "../support/held.ts";
import { collect, planCommands, poolBody, writes } from "../support/bulk.ts";

/** `scur` of `be_pool/<sv>` in a `show stat` CSV text. */
function scurOf(csv: string, sv: string): string | undefined {
  const header = csv.split("\n")[0].replace(/^# /, "").split(",");
  const row = csv.split("\n").find((l) => l.startsWith(`be_pool,${sv},`));
  return row?.split(",")[header.indexOf("scur")];
}

Deno.test("scripted rolling drain of a 3-server pool with traffic: drain, wait until drained, ready", async (t) => {
  await using pool = await startHeldServers(3);
  const front: { port?: number } = {};
  await using lab = await startLab(poolBody(pool.ports, front), { node: "pool" });
  const servers = ["web1", "web2", "web3"];
  // One session on each server: leastconn sends each new one to a server without any.
  const sessions: { client: Deno.Conn; server: number }[] = [];
  for (let i = 0; i < 3; i++) sessions.push(await pool.open(front.port!));
  assertEquals(sessions.map((s) => s.server).sort(), [0, 1, 2]);
  await lab.waitForStat((csv) => servers.every((sv) => scurOf(csv, sv) === "1"));

  for (const [i, sv] of servers.entries()) {
    await t.step(
      `${sv}: --drain waits while its session is open, exits 0 once the test ends it`,
      async () => {
        await using rec = await startRecorder(lab.sockets.admin);
        const ids = await idsOf(lab, "be_pool", sv);
        const child = spawnHatop(["-s", rec.path, "--drain", `be_pool/${sv}`, "--wait-drained", "300"]);
        const out = collect(child.stdout);
        const err = collect(child.stderr);
        try {
          const progress = new RegExp(
            `^wait: 1 of 1 server still has sessions: be_pool/${sv} \\${
              ids.slice(0, -1)
            }\\] scur 1 \\(\\d+s of 300s\\)$`,
            "m",
          );
          await poll(
            "a progress line naming the busy server",
            START_MS,
            () => progress.test(out.text()) || undefined,
            {
              detail: () => `stdout: ${out.text()} stderr: ${err.text()}`,
            },
          );
          // web3 has an agent check: HAProxy then says `DRAIN (agent)`.
          assertMatch(statusOf(await lab.command("show stat"), "be_pool", sv) ?? "", /^DRAIN( \(agent\))?$/);
          if (i === 0) {
            // New traffic avoids the drained server.
            const extra = await pool.open(front.port!);
            assert(extra.server !== i, `a new session went to the drained ${sv}`);
            extra.client.close();
            await poll("the extra session to end", 10_000, () => pool.held(extra.server) === 1 || undefined);
          }
          assert(pool.held(i) === 1, "the session is still open while the command waits");
          sessions.find((s) => s.server === i)!.client.close();
          const status = await child.status;
          await Promise.all([out.done, err.done]);
          assertEquals([status.code, err.text()], [0, ""], out.text());
        } finally {
          try {
            child.kill();
          } catch {
            // Already exited.
          }
        }
        assertMatch(out.text(), /^wait: drained: none of 1 server has sessions \(after \d+s\)$/m);
        assertMatch(out.text(), /^result: 1 ok$/m);
        assertEquals(writes(rec), planCommands(out.text()));
        assertEquals(planCommands(out.text()), [`set server ${ids.slice(1, -1)} state drain`]);

        const ready = await runHatop(["-s", rec.path, "--ready", `be_pool/${sv}`]);
        assertEquals([ready.code, ready.stderr], [0, ""]);
        assertEquals(statusOf(await lab.command("show stat"), "be_pool", sv), "no check");
        assertEquals(writes(rec), [...planCommands(out.text()), ...planCommands(ready.stdout)]);
      },
    );
  }

  await t.step("--wait-drained times out with exit 3 while the session stays open", async () => {
    const session = await pool.open(front.port!);
    const sv = servers[session.server];
    await lab.waitForStat((csv) => scurOf(csv, sv) === "1");
    await using rec = await startRecorder(lab.sockets.admin);
    const r = await runHatop(["-s", rec.path, "--drain", "be_pool/web*", "--wait-drained", "1"]);
    assertEquals([r.code, r.stderr], [3, ""], r.stdout);
    const ids = await idsOf(lab, "be_pool", sv);
    assertMatch(
      r.stdout,
      new RegExp(
        `^wait: timed out after \\d+s: 1 of 3 servers still has sessions: be_pool/${sv} \\${
          ids.slice(0, -1)
        }\\] scur 1$`,
        "m",
      ),
    );
    assertEquals(writes(rec), planCommands(r.stdout));
    assertEquals(planCommands(r.stdout).length, 3);
    assertEquals(pool.held(session.server), 1);
    assertEquals(scurOf(await lab.command("show stat"), sv), "1");
    const json = await runHatop([
      "-s",
      rec.path,
      "--drain",
      `be_pool/${sv}`,
      "--wait-drained",
      "0",
      "--format",
      "json",
    ]);
    assertEquals(json.code, 3, json.stderr);
    const doc = JSON.parse(json.stdout);
    assertEquals([doc.exit, doc.wait.drained, doc.wait.busy.map((b: { server: string }) => b.server)], [
      3,
      false,
      [sv],
    ]);
    const ready = await runHatop(["-s", rec.path, "--ready", "be_pool/*"]);
    assertEquals(ready.code, 0, ready.stderr);
  });
});
