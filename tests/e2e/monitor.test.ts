/**
 * End-to-end tests of the interactive monitor: the real program in tmux (100x30) against one real mixed-state
 * HAProxy lab (see scripts/lab/configs.ts for the state of every server). Steps that change HAProxy's state
 * restore it, so they can share the lab.
 *
 * @module
 */
import { assert, assertEquals } from "../support/assert.ts";
import { startMixedLab, statusOf } from "../support/lab.ts";
import { footer, hatopCommand, ROOT, rowMatches, startHatop } from "../support/program.ts";
import { startRecorder } from "../support/recorder.ts";
import { START_MS, waitForCommand } from "../support/lab_queries.ts";
import { moveTo, openMonitor } from "../support/mixed_monitor.ts";
import { startTmux } from "../support/tmux.ts";

Deno.test("monitor on the mixed lab", async (t) => {
  await using lab = await startMixedLab();

  await t.step("every mode's columns, the status of each kind of server, help and the CLI", async () => {
    await using tmux = await openMonitor(lab.sockets.admin);
    await tmux.waitForAll(
      /^NAME\s+W\s+STATUS\s+CHECK\s+ACT\s+BCK\s+QCUR\s+QMAX\s+SCUR\s+SMAX\s+SLIM\s+STOT$/m,
      rowMatches("s1", /^s1\s+1 UP\s+(?:\* )?L7OK\s/),
      rowMatches("s2", /^s2\s+50 DOWN\s+(?:\* )?L4CON\s/),
      rowMatches("s3", /^s3\s+1 MAINT\s/),
      rowMatches("s4", /^s4\s+1 UP\s+(?:\* )?L7OK\s+0\s+1\s/),
      rowMatches("s5", /^s5\s+1 no check\s/),
      rowMatches("s6", /^s6\s+20 DRAIN\s/),
      (s) => /^ 1-STATUS {2}2-TRAFFIC {2}3-HTTP {2}4-ERRORS {2}5-CLI /.test(footer(s)),
    );
    // be_tcp is below the first screen; END shows it.
    await tmux.send("End");
    // "MAINT (via be_app/s3)", cut on the right to the STATUS column's width (marked "..").
    await tmux.waitForAll(">>> be_tcp", rowMatches("t1", /^t1\s+1 MAINT( \(v\S*| ?\.\.)\s/));
    await tmux.send("Home");
    await tmux.waitFor(">>> fake_app");

    const headers: [string, RegExp][] = [
      ["2", /^NAME\s+W\s+STATUS\s+LBTOT\s+RATE\s+RLIM\s+RMAX\s+BIN\s+BOUT(\s+TREND)?$/m],
      ["3", /^NAME\s+W\s+STATUS\s+RATE\s+RMAX\s+RTOT\s+1xx\s+2xx\s+3xx\s+4xx\s+5xx\s+\?xx(\s+TREND)?$/m],
      ["4", /^NAME\s+W\s+STATUS\s+CHECK\s+CF\s+CD\s+CL\s+ECONN\s+EREQ\s+ERSP\s+DREQ\s+DRSP\s+DOWN$/m],
      ["1", /^NAME\s+W\s+STATUS\s+CHECK\s+ACT\s+BCK\s+QCUR/m],
    ];
    for (const [key, header] of headers) {
      await tmux.send(key);
      await tmux.waitForAll(header, rowMatches("s2", /^s2\s+50 DOWN\s/), rowMatches("s3", /^s3\s+1 MAINT\s/));
    }

    await tmux.send("h");
    // The table is gone under the help.
    await tmux.waitForAll("online help", "Display modes", (s) => !/^NAME\s+W\s+STATUS/m.test(s));
    await tmux.send("Escape");
    await tmux.waitFor(/^NAME\s+W\s+STATUS\s+CHECK\s+ACT/m);

    await tmux.send("5");
    await tmux.waitForAll("Welcome to the embedded HAProxy command line.", "haproxy command line", /^>$/m);
    await tmux.send("C-c");
    assertEquals(await tmux.exitStatus(), 0);
  });

  await t.step(
    "F10 disables be_app/s1 in HAProxy and on screen, F9 enables it; both logged in the CLI",
    async () => {
      await using tmux = await openMonitor(lab.sockets.admin);
      try {
        await moveTo(tmux, lab, "be_app", "s1");
        await tmux.send("F10");
        await lab.waitForStat((csv) => statusOf(csv, "be_app", "s1") === "MAINT");
        await tmux.waitFor(rowMatches("s1", /^s1\s+1 MAINT\s/));
        await tmux.send("F9");
        await lab.waitForStat((csv) => statusOf(csv, "be_app", "s1") === "UP");
        await tmux.waitFor(rowMatches("s1", /^s1\s+1 UP\s/));
        await tmux.send("5");
        await tmux.waitForAll("> enable server be_app/s1", "> disable server be_app/s1");
      } finally {
        await lab.command("enable server be_app/s1");
      }
    },
  );

  await t.step("F5 lowers be_app/s2's weight by 10, F4 restores the initial weight", async () => {
    await using tmux = await openMonitor(lab.sockets.admin);
    try {
      await moveTo(tmux, lab, "be_app", "s2");
      await tmux.send("F5");
      await waitForCommand(lab, "get weight be_app/s2", (out) => out.trim() === "40 (initial 50)");
      await tmux.waitFor(rowMatches("s2", /^s2\s+40 DOWN\s/));
      await tmux.send("F4");
      await waitForCommand(lab, "get weight be_app/s2", (out) => out.trim() === "50 (initial 50)");
      await tmux.waitFor(rowMatches("s2", /^s2\s+50 DOWN\s/));
    } finally {
      await lab.command("set weight be_app/s2 50");
    }
  });

  await t.step(
    "SPACE pastes be_app/s1 into the CLI; commands and ';' lines run and show their output",
    async () => {
      await using tmux = await openMonitor(lab.sockets.admin);
      await moveTo(tmux, lab, "be_app", "s1");
      await tmux.send("Space");
      await tmux.waitFor(/^> be_app\/s1$/m);
      await tmux.send("Home");
      await tmux.sendText("get weight ");
      await tmux.waitFor(/^> get weight be_app\/s1$/m);
      await tmux.send("Enter");
      await tmux.waitForAll(/^1 \(initial 1\)$/m, /^> get weight be_app\/s1$/m);
      await tmux.sendText("show cli level;get weight be_app/s2");
      await tmux.send("Enter");
      await tmux.waitForAll(
        /^50 \(initial 50\)$/m,
        /^> show cli level\nadmin$/m,
        /^> get weight be_app\/s2$/m,
      );
      await tmux.sendText("show backend");
      await tmux.send("Enter");
      await tmux.waitForAll(/^be_tcp$/m, /^> show backend$/m, /^>$/m);
    },
  );

  await t.step("a terminal too small shows a notice; back to 100x30 the table returns", async () => {
    await using tmux = await openMonitor(lab.sockets.admin);
    await tmux.resize(60, 15);
    await tmux.waitForAll("terminal too small", "60x15, need 78x20", (s) => !s.includes(">>> be_app"));
    await tmux.resize(100, 30);
    await tmux.waitForAll(
      rowMatches("s6", /DRAIN/),
      (s) => !s.includes("terminal too small"),
      /^NAME\s+W\s+STATUS\s+CHECK/m,
    );
  });

  await t.step("-n sends only read commands whatever keys are pressed, and says READ-ONLY", async () => {
    await using relay = await startRecorder(lab.sockets.admin);
    const tmux = await startHatop(["-s", relay.path, "-i", "1", "-n"]);
    try {
      await tmux.waitFor(rowMatches("s6", /DRAIN/), START_MS);
      await tmux.waitFor((s) => !footer(s).includes("5-CLI"));
      await moveTo(tmux, lab, "be_app", "s1");
      await tmux.waitFor((s) => /READ-ONLY \[#\d+\/#\d+\]$/.test(footer(s)));
      const keys = [
        "Enter",
        "F1",
        "F2",
        "F3",
        "F4",
        "F5",
        "F6",
        "F7",
        "F8",
        "F9",
        "F10",
        "F11",
        "Space",
        "5",
      ];
      for (const key of keys) await tmux.send(key);
      // Keys are handled in order: once "2" shows mode 2, every key above was handled; one more refresh
      // after that proves that any command they caused has reached the socket.
      await tmux.send("2");
      const screen = await tmux.waitFor(/^NAME\s+W\s+STATUS\s+LBTOT/m);
      assert(!screen.includes("haproxy command line"), "SPACE or 5 opened the CLI");
      const count = () => relay.commands().filter((c) => c === "show info").length;
      const before = count();
      await tmux.waitFor(() => count() > before + 1);
      const csv = await lab.command("show stat");
      assertEquals([statusOf(csv, "be_app", "s1"), statusOf(csv, "be_app", "s6")], ["UP", "DRAIN"]);
      assertEquals((await lab.command("get weight be_app/s1")).trim(), "1 (initial 1)");
      const allowed = /^(prompt|set timeout cli \d+|show info|show stat( .*)?|show cli level|quit)$/;
      const other = relay.commands().filter((c) => !allowed.test(c));
      assertEquals(other, [], `write or unexpected commands were sent: ${other.join(" | ")}`);
      assert(relay.commands().includes("show info"));
      assert(relay.commands().some((c) => c.startsWith("show stat")));
    } finally {
      await tmux.kill();
    }
  });

  await t.step("the cursor stays on its server when another server changes state", async () => {
    await using tmux = await openMonitor(lab.sockets.admin);
    try {
      const ids = await moveTo(tmux, lab, "be_app", "s6");
      assertEquals(await lab.command("disable server be_app/s1"), "\n");
      const screen = await tmux.waitFor(rowMatches("s1", /^s1\s+1 MAINT\s/));
      assert(footer(screen).includes(ids), `cursor moved: ${footer(screen)} (expected ${ids})`);
      await lab.command("enable server be_app/s1");
      const after = await tmux.waitFor(rowMatches("s1", /^s1\s+1 UP\s/));
      assert(footer(after).includes(ids), `cursor moved: ${footer(after)} (expected ${ids})`);
    } finally {
      await lab.command("enable server be_app/s1");
    }
  });

  for (const [how, end] of [["q", "q"], ["Ctrl-C", "C-c"], ["kill -TERM", "TERM"]] as const) {
    await t.step(`terminal settings are the same after the monitor ends with ${how}`, async () => {
      const dir = await Deno.makeTempDir({ prefix: "hatop-stty-" });
      try {
        const cmd = hatopCommand(["-s", lab.sockets.admin, "-i", "1"]).map((a) => `'${a}'`).join(" ");
        const script = `stty -g > "$1/before"; ${cmd}; echo $? > "$1/code"; stty -g > "$1/after"; ` +
          `echo __finished__; read`;
        await using tmux = await startTmux(["bash", "-c", script, "bash", dir], {
          columns: 100,
          rows: 30,
          cwd: ROOT,
        });
        await tmux.waitFor(rowMatches("s6", /DRAIN/), START_MS);
        if (end === "TERM") {
          const shell = await tmux.pid();
          const children = await Deno.readTextFile(`/proc/${shell}/task/${shell}/children`);
          const pid = Number(children.trim().split(/\s+/)[0]);
          assert(pid > 0, `no program under bash ${shell}`);
          Deno.kill(pid, "SIGTERM");
        } else await tmux.send(end);
        await tmux.waitFor("__finished__");
        assertEquals((await Deno.readTextFile(`${dir}/code`)).trim(), "0");
        const before = await Deno.readTextFile(`${dir}/before`);
        assert(before.trim() !== "");
        assertEquals(await Deno.readTextFile(`${dir}/after`), before);
        assertEquals(await tmux.display("#{alternate_on} #{cursor_flag}"), "0 1");
        await tmux.send("Enter");
        assertEquals(await tmux.exitStatus(), 0);
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    });
  }
});
