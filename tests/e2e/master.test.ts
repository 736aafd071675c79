/**
 * End-to-end tests of the master CLI: one real master-worker HAProxy (`haproxy -W -S`) watched through its
 * master socket, reloaded during the test (SIGUSR2 to the master) while a TCP connection held open through
 * `fe_hold` keeps the old worker draining.
 *
 * @module
 */
import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { oneShot, startLab, statusOf } from "../support/lab.ts";
import { footer, rowIndex, runHatop, startHatop } from "../support/program.ts";
import { START_MS } from "../support/lab_queries.ts";
import { atLeast } from "../../src/haproxy/version.ts";
import {
  cursorLine,
  moveCursorTo,
  smallBody,
  type SmallPorts,
  startHoldServer,
  waitForProcs,
  workerCommand,
} from "../support/fleet.ts";

/** Wide enough for the whole header (`Worker: <pid> (...; N running, w switches)`), tall for every row. */
const SIZE = { columns: 120, rows: 40 };

Deno.test("master CLI: the worker's stats, reloads followed, old workers shown with w, actions to the current worker", async (t) => {
  await using hold = await startHoldServer();
  const ports: Partial<SmallPorts & { hold: number }> = {};
  await using lab = await startLab(smallBody(ports, { holdPort: hold.port }), { node: "mw", master: true });
  const master = lab.sockets.master!;
  await lab.waitForStat((csv) =>
    statusOf(csv, "be_app", "s1") === "UP" && statusOf(csv, "be_app", "s2") === "UP"
  );
  const first = (await waitForProcs(master, (p) => p.current.length === 1)).current[0];
  const stat = async (pid: number) => await workerCommand(master, pid, "show stat");

  await t.step("--batch and --check on the master socket show and judge the worker", async () => {
    const batch = await runHatop(["-s", master, "--batch"]);
    assertEquals([batch.code, batch.stderr], [0, ""]);
    // The header block first: the worker's pid and node, then the table.
    assertMatch(
      batch.stdout,
      new RegExp(`^ {2}HAProxy Version: .* PID: ${first} \\(proc 1\\)\n {9}Node: mw `),
    );
    assertMatch(batch.stdout, /\n\nNAME\s+W\s+STATUS\s+CHECK/);
    assertMatch(batch.stdout, /^>>> be_app$/m);
    assertMatch(batch.stdout, /^s1\s+1 UP\s+(?:\* )?L7OK\s/m);
    assertMatch(batch.stdout, /^>>> fe_hold$/m);
    assert(!batch.stdout.includes("master"), batch.stdout);
    const json = JSON.parse((await runHatop(["-s", master, "--batch", "--format", "json"])).stdout);
    assertEquals(json.info.Pid, String(first));
    assertEquals(json.info.node, "mw");
    const check = await runHatop(["-s", master, "--check"]);
    assertEquals([check.code, check.stdout], [0, "4/4 servers healthy\n"]);
  });

  await t.step(
    "a reload is followed: new pid, cursor and CLI log kept; w shows the draining worker",
    async () => {
      await using tmux = await startHatop(["-s", master, "-i", "1"], SIZE);
      const client = await Deno.connect({ hostname: "127.0.0.1", port: ports.hold! });
      try {
        await tmux.waitFor(`Worker: ${first} (current; 1 running, w switches)`, START_MS);
        // The master CLI's header shows the worker, not PID.
        let screen = await tmux.waitForAll(`Worker: ${first} (current; 1 running, w switches)`, /Node: mw /);
        assert(!screen.includes("PID:"), screen);

        // The CLI log: one command through the master socket to the worker.
        await tmux.send("5");
        await tmux.waitFor("haproxy command line");
        await tmux.sendText("get weight be_app/s1");
        await tmux.send("Enter");
        await tmux.waitFor(/^1 \(initial 1\)$/m);
        await tmux.send("M-1");
        await tmux.waitFor(/^NAME\s+W\s+STATUS\s+CHECK/m);

        // The cursor on be_app/s2.
        await moveCursorTo(tmux, (lines) => rowIndex(lines, "s2"));
        const ids = footer(await tmux.waitFor((s) => /\[#\d+\/#\d+\]$/.test(footer(s))))
          .match(/\[#\d+\/#\d+\]$/)![0];

        // A connection held through fe_hold keeps the old worker after the reload.
        await hold.accepted(1);
        Deno.kill(lab.pid, "SIGUSR2");
        const procs = await waitForProcs(master, (p) => p.current.length === 1 && p.current[0] !== first);
        const second = procs.current[0];
        assertEquals(procs.old, [first], "the old worker drains the held connection");

        // The cursor stays on its row.
        await tmux.waitForAll(
          `Worker: ${second} (current; 2 running, w switches)`,
          `HAProxy restarted or reloaded: pid ${first} -> ${second}`,
          (s) => footer(s).endsWith(ids),
        );
        assertMatch((await cursorLine(tmux))?.line ?? "", /^s2\s+1 UP\s/);

        await tmux.send("5");
        await tmux.waitForAll("haproxy command line", /^> get weight be_app\/s1$/m, /^1 \(initial 1\)$/m);
        await tmux.send("M-1");
        await tmux.waitFor(/^NAME\s+W\s+STATUS\s+CHECK/m);

        // (What the message line says about it is checked in its own step below.)
        await tmux.send("w");
        screen = await tmux.waitFor(`Worker: ${first} (old, 1 reload ago; 2 running, w switches)`);
        // The old worker's own stats: its fe_hold has the held session. HAProxy 2.2 leaves a draining worker's
        // stopped proxies out of its `show stat` (checked against the worker itself), and the body says so.
        if ((await stat(first)).trim().split("\n").length > 1) {
          await tmux.waitFor((s) =>
            /^FRONTEND\s.*\s1\s+\d+\s+\d+\s+1$/m.test(s.split(">>> fe_hold")[1] ?? "")
          );
        } else {
          assert(!atLeast(lab.version, "2.6"), `${lab.version}: the old worker lists no proxy`);
          await tmux.waitFor(
            `worker ${first} is draining (old, 1 reload ago) and lists no proxies: they are stopped`,
          );
        }
        await tmux.send("w");
        screen = await tmux.waitFor(`Worker: ${second} (current; 2 running, w switches)`);
        assertEquals(
          procs.old,
          (await waitForProcs(master, (p) => p.old.length === 1)).old,
          "still draining",
        );

        // F10 through the master socket reaches the current worker only.
        try {
          await moveCursorTo(tmux, (lines) => rowIndex(lines, "s1"));
          await tmux.send("F10");
          await tmux.waitFor(/^s1\s+1 MAINT\s/m);
          assertEquals(statusOf(await stat(second), "be_app", "s1"), "MAINT");
          // The old worker is left alone (2.2's draining worker lists no proxy at all, see above).
          const old = statusOf(await stat(first), "be_app", "s1");
          assertEquals(old, atLeast(lab.version, "2.6") ? "UP" : undefined, "the old worker is left alone");
          assertEquals(statusOf(await lab.command("show stat"), "be_app", "s1"), "MAINT");
          await tmux.send("F9");
          await tmux.waitFor(/^s1\s+1 UP\s/m);
          assertEquals(statusOf(await stat(second), "be_app", "s1"), "UP");
          await tmux.send("5");
          await tmux.waitForAll(
            "> enable server be_app/s1",
            "> disable server be_app/s1",
            /^> get weight be_app\/s1$/m,
          );
        } finally {
          await workerCommand(master, second, "enable server be_app/s1");
        }
        // The held connection closed, the old worker leaves and the header counts one worker again.
        await tmux.send("M-1");
        client.close();
        hold.release();
        await waitForProcs(master, (p) => p.old.length === 0 && p.current[0] === second);
        await tmux.waitFor(`Worker: ${second} (current; 1 running, w switches)`);
        await tmux.send("w");
        await tmux.waitFor(`only one worker (${second}) is running`);
        await tmux.send("C-c");
        assertEquals(await tmux.exitStatus(), 0);
      } finally {
        try {
          client.close();
        } catch {
          // Closed above.
        }
      }
    },
  );

  await t.step("w says which worker it shows; switching workers is not reported as a reload", async () => {
    const client = await Deno.connect({ hostname: "127.0.0.1", port: ports.hold! });
    try {
      await hold.accepted(2);
      const before = (await waitForProcs(master, (p) =>
        p.current.length === 1 && p.old.length === 0)).current[0];
      Deno.kill(lab.pid, "SIGUSR2");
      const after = (await waitForProcs(master, (p) =>
        p.current.length === 1 && p.current[0] !== before)).current[0];
      await using tmux = await startHatop(["-s", master, "-i", "1"], SIZE);
      await tmux.waitFor(`Worker: ${after} (current; 2 running, w switches)`, START_MS);
      await tmux.send("w");
      // The header and the message line come from the same refresh: the message must still say what w did.
      let screen = await tmux.waitForAll(
        `Worker: ${before} (old, 1 reload ago; 2 running, w switches)`,
        `showing worker ${before} (old, 1 reload ago)`,
      );
      assert(!screen.includes("HAProxy restarted or reloaded"), `w reported as a reload:\n${screen}`);
      await tmux.send("w");
      screen = await tmux.waitForAll(
        `Worker: ${after} (current; 2 running, w switches)`,
        `following the current worker (${after})`,
      );
      assert(!screen.includes("HAProxy restarted or reloaded"), `w reported as a reload:\n${screen}`);
    } finally {
      client.close();
      hold.release();
    }
  });

  await t.step("--batch after the reload shows the new worker", async () => {
    const current = (await waitForProcs(master, (p) => p.current.length === 1)).current[0];
    assert(current !== first);
    const json = JSON.parse((await runHatop(["-s", master, "--batch", "--format", "json"])).stdout);
    assertEquals(json.info.Pid, String(current));
    assertEquals((await oneShot(master, `@!${current} show cli level`)).trim(), "admin");
  });
});
