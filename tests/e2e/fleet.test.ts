/**
 * End-to-end tests with several HAProxy instances (`-s` given twice): two real labs, nodes `alpha` (every
 * server UP) and `beta` (`be_app/s2` DOWN), watched by the real program in batch, check and monitor modes.
 * Steps that change a lab's state restore it.
 *
 * @module
 */
import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { type Lab, startLab, statusOf } from "../support/lab.ts";
import { footer, runHatop, startHatop } from "../support/program.ts";
import { START_MS } from "../support/lab_queries.ts";
import { instanceRowIndex, moveCursorTo, smallBody, type SmallPorts } from "../support/fleet.ts";
import type { TmuxSession } from "../support/tmux.ts";

/** Big enough for every row of both labs, grouped by proxy, without scrolling. */
const SIZE = { columns: 110, rows: 45 };

/** Polls a lab's `show stat` until `be_app/<sv>` has `status`. */
function waitStatus(lab: Lab, sv: string, status: string): Promise<string> {
  return lab.waitForStat((csv) => statusOf(csv, "be_app", sv) === status);
}

/** The screen line of an instance row (`  <instance>` under `service` in `>>> proxy`), or "". */
function instanceRow(screen: string, proxy: string, service: string, instance: string): string {
  const lines = screen.split("\n");
  return lines[instanceRowIndex(lines, proxy, service, instance)] ?? "";
}

/** A matcher: the line `at(lines)` (an index; -1 for none) matches `re`. */
function lineMatches(at: (lines: string[]) => number, re: RegExp) {
  return (_: string, lines: string[]) => re.test(lines[at(lines)] ?? "");
}

/** A matcher: the instance row's text matches `re`. */
function instanceRowMatches(proxy: string, service: string, instance: string, re: RegExp) {
  return (screen: string) => re.test(instanceRow(screen, proxy, service, instance));
}

Deno.test("several instances: batch, check and the monitor over two labs", async (t) => {
  const alphaPorts: Partial<SmallPorts> = {};
  const betaPorts: Partial<SmallPorts> = {};
  await using alpha = await startLab(smallBody(alphaPorts), { node: "alpha" });
  await using beta = await startLab(smallBody(betaPorts, { s2Down: true }), { node: "beta" });
  await alpha.waitForStat((csv) =>
    statusOf(csv, "be_app", "s1") === "UP" && statusOf(csv, "be_app", "s2") === "UP"
  );
  await beta.waitForStat((csv) =>
    statusOf(csv, "be_app", "s1") === "UP" && statusOf(csv, "be_app", "s2") === "DOWN"
  );
  const sockets = ["-s", alpha.sockets.admin, "-s", beta.sockets.admin];

  await t.step("--batch prints one table per instance under === <node> (<address>) ===", async () => {
    const { code, stdout, stderr } = await runHatop([...sockets, "--batch"]);
    assertEquals([code, stderr], [0, ""]);
    const parts = stdout.split(/^(?==== )/m);
    assertEquals(parts.length, 2, stdout);
    assertEquals(parts[0].split("\n")[0], `=== alpha (${alpha.sockets.admin}) ===`);
    assertEquals(parts[1].split("\n")[0], `=== beta (${beta.sockets.admin}) ===`);
    for (const [part, s2] of [[parts[0], "UP"], [parts[1], "DOWN"]]) {
      assertMatch(part, /^NAME\s+W\s+STATUS\s+CHECK/m);
      assertMatch(part, /^>>> be_app$/m);
      assertMatch(part, /^s1\s+1 UP\s+(?:\* )?L7OK\s/m);
      assertMatch(part, new RegExp(`^s2\\s+1 ${s2}\\s`, "m"));
    }
  });

  await t.step(
    "--format json has an instances array with instance, address and each one's rows",
    async () => {
      const { code, stdout } = await runHatop([...sockets, "--batch", "--format", "json"]);
      assertEquals(code, 0);
      const data = JSON.parse(stdout);
      const list = data.instances as {
        instance: string;
        address: string;
        info: Record<string, unknown>;
        stats: Record<string, unknown>[];
      }[];
      assertEquals(list.map((i) => [i.instance, i.address]), [
        ["alpha", alpha.sockets.admin],
        ["beta", beta.sockets.admin],
      ]);
      assertEquals(list.map((i) => i.info.node), ["alpha", "beta"]);
      assertEquals(list.map((i) => i.info.Pid), [String(alpha.pid), String(beta.pid)]);
      const s2 = list.map((i) => i.stats.find((r) => r.pxname === "be_app" && r.svname === "s2")?.status);
      assertEquals(s2, ["UP", "DOWN"]);
    },
  );

  await t.step("--check judges every instance: beta's DOWN server fails it; all healthy passes", async () => {
    let run = await runHatop([...sockets, "--check"]);
    assertEquals(run.code, 1, run.stdout + run.stderr);
    const lines = run.stdout.trim().split("\n");
    assertEquals(lines.length, 2, run.stdout);
    assertMatch(lines[0], /^beta: be_app\/s2\s+DOWN\s+last check: L4CON/);
    assertEquals(lines[1], "5/6 servers healthy");
    const json = JSON.parse((await runHatop([...sockets, "--check", "--format", "json"])).stdout);
    assertEquals(json.healthy, false);
    assertEquals(
      json.unhealthy.map((u: Record<string, string>) => [u.instance, u.proxy, u.server]),
      [["beta", "be_app", "s2"]],
    );
    try {
      await beta.command(`set server be_app/s2 addr 127.0.0.1 port ${betaPorts.app}`);
      await waitStatus(beta, "s2", "UP");
      run = await runHatop([...sockets, "--check"]);
      assertEquals([run.code, run.stdout], [0, "6/6 servers healthy\n"]);
    } finally {
      await beta.command(`set server be_app/s2 addr 127.0.0.1 port ${betaPorts.closed}`);
      await waitStatus(beta, "s2", "DOWN");
    }
  });

  /** Starts the monitor on both labs and waits until both instances' rows are on screen. */
  async function openMonitor(): Promise<TmuxSession> {
    const tmux = await startHatop([...sockets, "-i", "1"], SIZE);
    try {
      await tmux.waitFor(
        (s) => s.includes("Instances: 2/2 answering") && /DOWN/.test(instanceRow(s, "be_app", "s2", "beta")),
        START_MS,
      );
      return tmux;
    } catch (e) {
      await tmux.kill();
      throw e;
    }
  }

  await t.step(
    "by proxy: each proxy once, aggregate rows with counts, one row per instance; g groups by instance",
    async () => {
      await using tmux = await openMonitor();
      const once = (px: string) => (_: string, lines: string[]) =>
        lines.filter((l) => l === `>>> ${px}`).length === 1;
      const row = (sv: string, n = 0) => (lines: string[]) => {
        const at = instanceRowIndex(lines, "be_app", sv, "");
        return at < 0 ? -1 : at + n;
      };
      // The BACKEND aggregate counts healthy instances; each instance row keeps its own ACT count.
      const backend = (n: number) => (lines: string[]) => {
        const at = lines.findIndex((l, i) => i > row("s2")(lines) && l.startsWith("BACKEND"));
        return at < 0 ? -1 : at + n;
      };
      await tmux.waitForAll(
        instanceRowMatches("be_app", "s2", "alpha", /UP/),
        /Instances: 2\/2 answering, by proxy \(g\)/,
        ...["fake_app", "fe_main", "be_app"].map(once),
        lineMatches(row("s1"), /^s1\s+1 UP 2\/2\s/),
        lineMatches(row("s1", 1), /^ {2}alpha\s+1 UP\s+(?:\* )?L7OK\s/),
        lineMatches(row("s1", 2), /^ {2}beta\s+1 UP\s+(?:\* )?L7OK\s/),
        lineMatches(row("s2"), /^s2\s+1 UP 1\/2\s/),
        lineMatches(row("s2", 1), /^ {2}alpha\s+1 UP\s+(?:\* )?L7OK\s/),
        lineMatches(row("s2", 2), /^ {2}beta\s+1 DOWN\s+(?:\* )?L4CON\s/),
        lineMatches(backend(0), /^BACKEND\s+UP 2\/2\s/),
        lineMatches(backend(1), /^ {2}alpha\s+2 UP\s+2\s/),
        lineMatches(backend(2), /^ {2}beta\s+1 UP\s+1\s/),
      );

      await tmux.send("g");
      const betaApp = (n: number) => (lines: string[]) => {
        const at = lines.indexOf(">>> beta: be_app");
        return at < 0 ? -1 : at + n;
      };
      await tmux.waitForAll(
        /^>>> beta: be_app$/m,
        /Instances: 2\/2 answering, by instance/,
        /^>>> alpha: be_app$/m,
        /^>>> alpha: fake_app$/m,
        (s) => !/^>>> be_app$/m.test(s),
        // No instance rows when grouped by instance.
        (s) => !/^ {2}(alpha|beta)\s/m.test(s),
        lineMatches(betaApp(1), /^s1\s+1 UP\s+(?:\* )?L7OK\s/),
        lineMatches(betaApp(2), /^s2\s+1 DOWN\s+(?:\* )?L4CON\s/),
      );

      await tmux.send("g");
      await tmux.waitForAll(/^>>> be_app$/m, /Instances: 2\/2 answering, by proxy \(g\)/);
      await tmux.send("q");
      assertEquals(await tmux.exitStatus(), 0);
    },
  );

  await t.step(
    "F10 on an instance row acts on that instance only; on an aggregate row, after y, on every one",
    async () => {
      await using tmux = await openMonitor();
      try {
        const line = await moveCursorTo(tmux, (l) => instanceRowIndex(l, "be_app", "s1", "beta"));
        assertMatch(line, /^ {2}beta\s/);
        await tmux.send("F10");
        await waitStatus(beta, "s1", "MAINT");
        await tmux.waitFor(instanceRowMatches("be_app", "s1", "beta", /^ {2}beta\s+1 MAINT\s/));
        // One more refresh of alpha after beta's change: alpha's s1 is still UP there and on screen.
        assertEquals(statusOf(await alpha.command("show stat"), "be_app", "s1"), "UP");
        await tmux.waitForAll(
          instanceRowMatches("be_app", "s1", "alpha", /^ {2}alpha\s+1 UP\s/),
          /^s1\s+1 UP 1\/2\s/m,
        );
        await tmux.send("F9");
        await waitStatus(beta, "s1", "UP");
        await tmux.waitFor(/^s1\s+1 UP 2\/2\s/m);

        await moveCursorTo(tmux, (l) => instanceRowIndex(l, "be_app", "s1", ""));
        await tmux.send("F10");
        const dialog = await tmux.waitForAll(/every instance \(alpha, beta\)/, /disable server be_app\/s1/);
        assertEquals(statusOf(await alpha.command("show stat"), "be_app", "s1"), "UP", "sent before y");
        await tmux.send("y");
        await waitStatus(alpha, "s1", "MAINT");
        await waitStatus(beta, "s1", "MAINT");
        await tmux.waitForAll(
          instanceRowMatches("be_app", "s1", "beta", /MAINT/),
          instanceRowMatches("be_app", "s1", "alpha", /MAINT/),
          (s) => /\[#\d+\/#\d+\]$/.test(footer(s)),
        );
        await tmux.send("F9");
        await tmux.waitFor("every instance");
        await tmux.send("y");
        await waitStatus(alpha, "s1", "UP");
        await waitStatus(beta, "s1", "UP");
        await tmux.waitFor(/^s1\s+1 UP 2\/2\s/m);
        // Checked last so the steps above still run: the title read "F10 acts on on every instance".
        assertMatch(dialog, /F10 acts on every instance \(alpha, beta\):/);
      } finally {
        await alpha.command("enable server be_app/s1");
        await beta.command("enable server be_app/s1");
      }
    },
  );

  await t.step(
    "an instance that stops answering goes stale (?UP) while the other updates; back, it is fresh",
    async () => {
      await using tmux = await openMonitor();
      try {
        await beta.kill();
        // beta is not counted healthy while it does not answer.
        await tmux.waitForAll(
          "Instances: 1/2 answering",
          instanceRowMatches("be_app", "s1", "beta", /^ {2}beta\s+1 \?UP\s/),
          instanceRowMatches("be_app", "s2", "beta", /^ {2}beta\s+1 \?DOWN\s/),
          /stale \(retrying\): beta: /,
          /^s1\s+1 UP 1\/2\s/m,
        );
        // alpha keeps updating: a change there shows while beta is away.
        assertEquals(await alpha.command("disable server be_app/s1"), "\n");
        await tmux.waitForAll(
          instanceRowMatches("be_app", "s1", "alpha", /^ {2}alpha\s+1 MAINT\s/),
          instanceRowMatches("be_app", "s1", "beta", /\?UP/),
        );
        assertEquals(await alpha.command("enable server be_app/s1"), "\n");
        await tmux.waitFor(instanceRowMatches("be_app", "s1", "alpha", /^ {2}alpha\s+1 UP\s/));

        await beta.restart();
        await tmux.waitForAll(
          "Instances: 2/2 answering",
          instanceRowMatches("be_app", "s1", "beta", /^ {2}beta\s+1 UP\s/),
          // No stale marks left.
          (s) => !/^ {2}\w+\s+\d* ?\?/m.test(s),
        );
        await tmux.send("q");
        assertEquals(await tmux.exitStatus(), 0);
      } finally {
        await alpha.command("enable server be_app/s1");
      }
    },
  );

  await t.step("one instance restarting is reported with its own pids, not another instance's", async () => {
    await using tmux = await openMonitor();
    const before = alpha.pid;
    await alpha.kill();
    await tmux.waitFor("Instances: 1/2 answering");
    await alpha.restart();
    assert(alpha.pid !== before);
    // The refresh that brings alpha back also says it restarted (alpha's old pid, not beta's): on this screen.
    await tmux.waitForAll(
      "Instances: 2/2 answering",
      instanceRowMatches("be_app", "s1", "alpha", /^ {2}alpha\s+1 UP\s/),
      `HAProxy restarted or reloaded: pid ${before} -> ${alpha.pid}`,
    );
  });
});
