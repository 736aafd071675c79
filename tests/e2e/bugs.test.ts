/**
 * End-to-end tests of the operator-found bugs of issue 13, in tmux (100x30) against one real mixed-state
 * HAProxy lab (scripts/lab/configs.ts), each through a socket recording relay so the exact commands sent to
 * HAProxy are known: weight keys in a burst, CLI lines that would change the monitor's own session, refused
 * lines left in the input, the DISCONNECTED line, and what a lone ESC closes. Steps that change HAProxy's state
 * restore it in `finally`, so they can share the lab.
 *
 * @module
 */
import { assert, assertEquals } from "../support/assert.ts";
import { startMixedLab, statusOf } from "../support/lab.ts";
import { footer, rowMatches } from "../support/program.ts";
import { startRecorder } from "../support/recorder.ts";
import { waitForCommand } from "../support/lab_queries.ts";
import { moveTo, openMonitor } from "../support/mixed_monitor.ts";
import { poll } from "../support/poll.ts";

Deno.test("operator-found bugs, on the mixed lab", async (t) => {
  await using lab = await startMixedLab();

  await t.step(
    "five F8 in one burst send five set weight commands, each on the confirmed weight",
    async () => {
      await using relay = await startRecorder(lab.sockets.admin);
      await using tmux = await openMonitor(relay.path);
      try {
        await moveTo(tmux, lab, "be_app", "s2");
        await tmux.send("F8", "F8", "F8", "F8", "F8");
        await waitForCommand(lab, "get weight be_app/s2", (out) => out.trim() === "100 (initial 50)");
        await tmux.waitFor(rowMatches("s2", /^s2\s+100 DOWN\s/));
        const sent = relay.commands().filter((c) => c.startsWith("set weight"));
        assertEquals(sent, [60, 70, 80, 90, 100].map((w) => `set weight be_app/s2 ${w}`));
        await tmux.send("F6", "F6", "F6");
        await waitForCommand(lab, "get weight be_app/s2", (out) => out.trim() === "97 (initial 50)");
        await tmux.waitFor(rowMatches("s2", /^s2\s+97 DOWN\s/));
        assertEquals(
          relay.commands().filter((c) => c.startsWith("set weight")).slice(5),
          [99, 98, 97].map((w) => `set weight be_app/s2 ${w}`),
        );
      } finally {
        await lab.command("set weight be_app/s2 50");
      }
    },
  );

  await t.step("a refused CLI line leaves the input line: the next line is not glued to it", async () => {
    await using relay = await startRecorder(lab.sockets.admin);
    await using tmux = await openMonitor(relay.path);
    await tmux.send("5");
    await tmux.waitFor("Welcome to the embedded HAProxy command line.");
    const run = async (line: string, ...expect: (string | RegExp)[]) => {
      await tmux.sendText(line);
      await tmux.send("Enter");
      return await tmux.waitForAll(...expect);
    };
    await run("prompt", "* command not allowed: prompt (");
    await tmux.waitFor(/^>$/m); // the input line is empty again
    await run("quit", "* command not allowed: quit (");
    await run("set timeout cli 5", "* command not allowed: set timeout cli (");
    await run("get weight be_app/s1", /^1 \(initial 1\)$/m, /^> get weight be_app\/s1$/m);
    const sent = relay.commands();
    assert(sent.includes("get weight be_app/s1"), sent.join(" | "));
    const glued = ["promptquit", "quit", "set timeout cli 5", "set timeout cli 5get weight be_app/s1"];
    for (const line of glued) assert(!sent.includes(line), `"${line}" reached HAProxy`);
  });

  await t.step(
    "user, operator and set severity-output are refused in the CLI; the connection stays admin",
    async () => {
      await using relay = await startRecorder(lab.sockets.admin);
      await using tmux = await openMonitor(relay.path);
      try {
        await tmux.send("5");
        await tmux.waitFor("Welcome to the embedded HAProxy command line.");
        for (const line of ["user", "operator", "set severity-output number"]) {
          await tmux.sendText(line);
          await tmux.send("Enter");
          await tmux.waitFor(`* command not allowed: ${line.split(" ").slice(0, 2).join(" ")} (`);
        }
        // expert-mode only unlocks commands: it is sent.
        await tmux.sendText("expert-mode on; show cli level");
        await tmux.send("Enter");
        await tmux.waitFor(/^admin$/m);
        const refused = relay.commands().filter((c) => /^(user|operator|set severity-output)\b/.test(c));
        assertEquals(refused, [], "nothing refused reached HAProxy");
        assert(relay.commands().includes("expert-mode on"));
        // The hotkeys still work: the monitor's connection is still admin.
        await tmux.send("M-1");
        await moveTo(tmux, lab, "be_app", "s1");
        await tmux.send("F10");
        await lab.waitForStat((csv) => statusOf(csv, "be_app", "s1") === "MAINT");
        const screen = await tmux.waitFor(rowMatches("s1", /^s1\s+1 MAINT\s/));
        assert(!screen.includes("Permission denied"), screen);
      } finally {
        await lab.command("enable server be_app/s1");
      }
    },
  );

  await t.step(
    "DISCONNECTED keeps 'Data shown is from HH:MM:SS' in view; an F-key then says it sent nothing, and logs it",
    async () => {
      await using own = await startMixedLab();
      await using relay = await startRecorder(own.sockets.admin);
      await using tmux = await openMonitor(relay.path);
      await moveTo(tmux, own, "be_app", "s1");
      await own.kill();
      const line = (screen: string) => screen.split("\n")[28] ?? "";
      // The reason (the relay's path, HAProxy's hang-up) is longer than the line: it is cut, the age is not.
      const screen = await tmux.waitFor((s) =>
        /^ DISCONNECTED: .+\. Data shown is from \d\d:\d\d:\d\d\.$/.test(line(s))
      );
      assert(line(screen).length <= 100, line(screen));
      await tmux.send("F10");
      await tmux.waitFor((s) =>
        line(s).includes("not sent: HAProxy is not connected (F10") &&
        /Data shown is from \d\d:\d\d:\d\d\.$/.test(line(s))
      );
      await tmux.send("5");
      await tmux.waitFor(/^! not sent: HAProxy is not connected \(F10: disable server be_app\/s1\)$/m);
      assertEquals(relay.commands().filter((c) => c.startsWith("disable")), []);
    },
  );

  await t.step(
    "a lone ESC closes the hotkey menu, then the message, before it goes back to the CLI",
    async () => {
      await using tmux = await openMonitor(lab.sockets.admin);
      await tmux.send("5");
      await tmux.waitFor("Welcome to the embedded HAProxy command line.");
      await tmux.send("M-1");
      await tmux.waitFor(/^NAME\s+W\s+STATUS\s+CHECK/m);
      await moveTo(tmux, lab, "be_app", "s1");
      const table = (more: (screen: string) => boolean) => (screen: string) =>
        /^NAME\s+W\s+STATUS\s+CHECK/m.test(screen) && !screen.includes("haproxy command line") &&
        more(screen);
      await tmux.send("Enter");
      await tmux.waitFor((s) => footer(s).startsWith(" HOTKEYS:"));
      await tmux.send("Escape");
      await tmux.waitFor(table((s) => footer(s).startsWith(" 1-STATUS")));
      await tmux.send("g");
      await tmux.waitFor(table((s) => s.includes("grouping needs several sockets")));
      await tmux.send("Escape");
      await tmux.waitFor(table((s) => !s.includes("grouping needs several sockets")));
      await tmux.send("Escape");
      await tmux.waitFor("haproxy command line");
    },
  );

  await t.step(
    "two monitors at once do not share CLI lines live; a monitor started later has them",
    async () => {
      const state = await Deno.makeTempDir({ prefix: "hatop-history-" });
      try {
        const env = { XDG_STATE_HOME: state };
        await using first = await openMonitor(lab.sockets.admin, [], env);
        await using second = await openMonitor(lab.sockets.admin, [], env);
        for (const tmux of [first, second]) {
          await tmux.send("5");
          await tmux.waitFor("Welcome to the embedded HAProxy command line.");
        }
        await first.sendText("show cli level");
        await first.send("Enter");
        await first.waitFor(/^admin$/m);
        const file = `${state}/hatop/history`;
        await poll(
          `${file} to get the line`,
          10_000,
          async () => (await Deno.readTextFile(file).catch(() => "")).includes("show cli level") || undefined,
        );
        // Keys are handled in order: had UP recalled the other monitor's line, "x" would follow it.
        await second.send("Up");
        await second.sendText("x");
        await second.waitFor(/^> x$/m);
        await using third = await openMonitor(lab.sockets.admin, [], env);
        await third.send("5");
        await third.waitFor("Welcome to the embedded HAProxy command line.");
        await third.send("Up");
        await third.waitFor(/^> show cli level$/m);
      } finally {
        await Deno.remove(state, { recursive: true });
      }
    },
  );
});
