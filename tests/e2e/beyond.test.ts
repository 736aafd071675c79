/**
 * End-to-end tests of the features beyond the original, in tmux (100x30) against one real mixed-state
 * HAProxy lab (see scripts/lab/configs.ts): the `/` filter, `s`/`S` sort, the `i` detail view, the `a`
 * actions menu with its prompt and confirmation, mouse clicks, and the CLI history kept across runs. Steps
 * that change HAProxy's state restore it in `finally`, so they can share the lab.
 *
 * @module
 */
import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { startMixedLab, statusOf } from "../support/lab.ts";
import { footer, rowIndex, rowLine, rowMatches, scrollUntil } from "../support/program.ts";
import { startRecorder } from "../support/recorder.ts";
import { idsOf, waitForCommand } from "../support/lab_queries.ts";
import { moveTo, openMonitor } from "../support/mixed_monitor.ts";
import { poll } from "../support/poll.ts";

Deno.test("features beyond the original, on the mixed lab", async (t) => {
  await using lab = await startMixedLab();

  await t.step("`/` s6 shows only be_app's s6 with 1 matching; ESC restores every row", async () => {
    await using tmux = await openMonitor(lab.sockets.admin);
    await tmux.send("/");
    await tmux.sendText("s6");
    const filteredOut = (gone: string) => (s: string) => rowLine(s, gone) === undefined;
    await tmux.waitForAll(
      /^ Filter: s6 +1 matching/m,
      rowMatches("s6", /^s6\s+20 DRAIN\s/),
      ">>> be_app",
      ...["s1", "s2", "app", "FRONTEND", "BACKEND"].map(filteredOut),
      (s) => !s.includes(">>> fake_app"),
    );
    await tmux.send("Escape");
    await tmux.waitFor(rowMatches("s1", /UP/));
    await tmux.send("Home");
    await tmux.waitForAll(
      ">>> fake_app",
      (s) => !s.includes("matching"),
      rowMatches("s2", /^s2\s+50 DOWN\s/),
    );
  });

  await t.step("`s` twice sorts by W (header W^, s2's 50 last); `S` reverses (Wv, s2 first)", async () => {
    await using tmux = await openMonitor(lab.sockets.admin);
    await tmux.send("s", "s");
    const order = (lines: string[]) =>
      ["s1", "s2", "s3", "s4", "s5", "s6"].map((n) => [n, rowIndex(lines, n)] as const)
        .sort((a, b) => a[1] - b[1]).map(([n]) => n).join(",");
    const below = (name: string, n: number) => (_: string, lines: string[]) =>
      rowIndex(lines, name) === lines.indexOf(">>> be_app") + n;
    // Weights 1,1,1,1,20,50; be_app has no FRONTEND: servers start right below its line.
    await tmux.waitForAll(
      /^NAME\s+W\^ STATUS/m,
      (_, lines) => order(lines) === "s1,s3,s4,s5,s6,s2",
      below("s1", 1),
    );
    await tmux.send("S");
    // s2 (50) first, then s6 (20); fake_app's FRONTEND stays first and its BACKEND last.
    const fake = (n: number, re: RegExp) => (_: string, lines: string[]) =>
      re.test(lines[lines.indexOf(">>> fake_app") + n] ?? "");
    await tmux.waitForAll(
      /^NAME\s+Wv STATUS/m,
      below("s2", 1),
      below("s6", 2),
      fake(1, /^FRONTEND\s/),
      fake(3, /^BACKEND\s/),
    );
  });

  await t.step("`i` on s2 shows its check_desc (Layer4 connection problem); ESC closes", async () => {
    await using tmux = await openMonitor(lab.sockets.admin);
    await moveTo(tmux, lab, "be_app", "s2");
    await tmux.send("i");
    await tmux.waitFor("every field, live");
    // Newer releases have more fields in the first groups: scroll down to it, as the operator would.
    const screen = await scrollUntil(tmux, (s) => s.includes("Layer4 connection problem"));
    assertMatch(screen, /^ be_app\/s2 \[#\d+\/#\d+\]: every field, live/m);
    assertMatch(screen, /^ {2}check_desc +Layer4 connection problem/m);
    await tmux.send("Escape");
    await tmux.waitFor((s) => /^NAME\s+W STATUS/m.test(s) && !s.includes("check_desc"));
  });

  await t.step("`a` `d` drains s1, `a` `r` makes it ready again", async () => {
    await using tmux = await openMonitor(lab.sockets.admin);
    try {
      await moveTo(tmux, lab, "be_app", "s1");
      await tmux.send("a");
      await tmux.waitFor("Actions on be_app/s1");
      await tmux.send("d");
      await lab.waitForStat((csv) => statusOf(csv, "be_app", "s1") === "DRAIN");
      await tmux.waitFor(rowMatches("s1", /^s1\s+1 DRAIN\s/));
      await tmux.send("a");
      await tmux.waitFor("Actions on be_app/s1");
      await tmux.send("r");
      await lab.waitForStat((csv) => statusOf(csv, "be_app", "s1") === "UP");
      await tmux.waitFor(rowMatches("s1", /^s1\s+1 UP\s/));
    } finally {
      await lab.command("set server be_app/s1 state ready");
    }
  });

  await t.step("`a` `w` 25 sets s1's weight; `a` `w` 100% restores it", async () => {
    await using tmux = await openMonitor(lab.sockets.admin);
    try {
      await moveTo(tmux, lab, "be_app", "s1");
      await tmux.send("a", "w");
      await tmux.waitFor("ENTER sends, ESC cancels");
      await tmux.sendText("25");
      await tmux.send("Enter");
      await waitForCommand(lab, "get weight be_app/s1", (out) => out.trim() === "25 (initial 1)");
      await tmux.waitFor(rowMatches("s1", /^s1\s+25 UP\s/));
      await tmux.send("a", "w");
      await tmux.waitFor("ENTER sends, ESC cancels");
      await tmux.sendText("100%");
      await tmux.send("Enter");
      await waitForCommand(lab, "get weight be_app/s1", (out) => out.trim() === "1 (initial 1)");
      await tmux.waitFor(rowMatches("s1", /^s1\s+1 UP\s/));
    } finally {
      await lab.command("set weight be_app/s1 100%");
    }
  });

  await t.step("`a` `k` asks first; `n` sends nothing (seen through a recording relay)", async () => {
    await using relay = await startRecorder(lab.sockets.admin);
    await using tmux = await openMonitor(relay.path);
    await moveTo(tmux, lab, "be_app", "s1");
    await tmux.send("a", "k");
    await tmux.waitForAll("y sends, n or ESC cancels", "shutdown sessions server be_app/s1");
    await tmux.send("n");
    await tmux.waitForAll("cancelled: nothing was sent", (s) => !s.includes("y sends"));
    // Two more refreshes after the answer: any command it caused has reached the socket by then.
    const count = () => relay.commands().filter((c) => c === "show info").length;
    const before = count();
    await tmux.waitFor(() => count() > before + 1);
    const other = relay.commands().filter((c) => !/^(prompt|set timeout cli \d+|show .*|quit)$/.test(c));
    assertEquals(other, [], `commands sent: ${other.join(" | ")}`);
  });

  await t.step(
    "a mouse click (SGR bytes) on a body row selects it; on a heading, the row below",
    async () => {
      await using tmux = await openMonitor(lab.sockets.admin);
      // The cursor starts on the first row (fake_app's FRONTEND, under `>>> fake_app`), and HOME keeps it there.
      const frontend = await idsOf(lab, "fake_app", "FRONTEND");
      await tmux.send("Home");
      let screen = await tmux.waitFor((s) => footer(s).includes(frontend));
      const lines = screen.split("\n");
      const y = rowIndex(lines, "s2");
      assert(y > 0, screen);
      const s2 = await idsOf(lab, "be_app", "s2");
      await tmux.sendText(`\x1b[<0;3;${y + 1}M\x1b[<0;3;${y + 1}m`);
      await tmux.waitFor((s) => footer(s).includes(s2));
      // A click on `>>> be_app` selects be_app's first row, the line under it.
      const heading = lines.indexOf(lines.find((l) => l.startsWith(">>> be_app"))!);
      assert(heading > 0 && heading < y, screen);
      const first = await idsOf(lab, "be_app", lines[heading + 1].split(/\s+/)[0]);
      await tmux.sendText(`\x1b[<0;5;${heading + 1}M\x1b[<0;5;${heading + 1}m`);
      screen = await tmux.waitFor((s) => footer(s).includes(first));
      await tmux.sendText("\x1b[<0;14;30M");
      await tmux.waitFor(/^NAME\s+W\s+STATUS\s+LBTOT/m);
    },
  );

  await t.step(
    "a CLI line run in one monitor is in the next one's history (same XDG_STATE_HOME)",
    async () => {
      const state = await Deno.makeTempDir({ prefix: "hatop-history-" });
      try {
        const env = { XDG_STATE_HOME: state };
        {
          await using tmux = await openMonitor(lab.sockets.admin, [], env);
          await tmux.send("5");
          await tmux.waitFor("Welcome to the embedded HAProxy command line.");
          await tmux.sendText("show cli level");
          await tmux.send("Enter");
          await tmux.waitFor(/^admin$/m);
          const file = `${state}/hatop/history`;
          await poll(
            `${file} to get the line`,
            10_000,
            async () =>
              (await Deno.readTextFile(file).catch(() => "")).includes("show cli level") || undefined,
            {
              intervalMs: 25,
            },
          );
          await tmux.send("C-c");
          assertEquals(await tmux.exitStatus(), 0);
        }
        await using next = await openMonitor(lab.sockets.admin, [], env);
        await next.send("5");
        await next.waitFor("Welcome to the embedded HAProxy command line.");
        await next.send("Up");
        await next.waitFor(/^> show cli level$/m);
      } finally {
        await Deno.remove(state, { recursive: true });
      }
    },
  );
});
