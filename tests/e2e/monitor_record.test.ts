/**
 * `--record FILE` while monitoring, on a real HAProxy in tmux: the title bar says REC, a change made through
 * the runtime API shows in the events view, and once the monitor quits the file replays it (the event, and
 * the row as the monitor showed it); a write error (the file size limit reached) is said on the message line
 * and marked REC FAILING while the rows go on updating, and what was recorded before stays readable.
 *
 * @module
 */
import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { startLab } from "../support/lab.ts";
import { hatopCommand, isolatedEnv, ROOT, rowLine, runHatop, startHatop } from "../support/program.ts";
import { quietBody, recordingDir, replayEvents, replayJson, seriesArgs } from "../support/recording.ts";
import { startTmux } from "../support/tmux.ts";

const titleLine = (screen: string) => screen.split("\n")[0];

Deno.test("--record in the monitor: REC, the change in the events view, and the file replays it", async () => {
  await using lab = await startLab(quietBody);
  await using tmp = await recordingDir();
  const file = `${tmp.dir}/live.rec`;
  await using tmux = await startHatop(["-s", lab.sockets.admin, "-i", "1", "--record", file]);
  await tmux.waitForAll(
    (s) => titleLine(s).includes(" REC "),
    (s) => /no check/.test(rowLine(s, "q1") ?? ""),
  );
  await lab.command("disable server be_quiet/q1");
  await tmux.waitFor((s) => /MAINT/.test(rowLine(s, "q1") ?? ""));
  await tmux.sendText("L");
  const events = await tmux.waitForAll(
    (s) => / be_quiet +q1 +admin +status +no check +MAINT/.test(s),
    (s) => titleLine(s).includes(" REC "),
  );
  assert(!events.includes("REC FAILING"), events);
  await tmux.sendText("q");
  assertEquals(await tmux.exitStatus(), 0);
  const recorded = await replayEvents(file);
  const admin = recorded.filter((e) => e.kind === "admin" && e.service === "q1");
  assertEquals(admin.map((e) => [e.proxy, e.before, e.after]), [["be_quiet", "no check", "MAINT"]]);
  const last = await replayJson(file, "-0s");
  const q1 = (last.stats as Record<string, unknown>[]).find((r) => r.svname === "q1");
  assertEquals(q1?.status, "MAINT");
});

Deno.test("--record in the monitor: a write error is shown, monitoring goes on, the file stays readable", async () => {
  await using lab = await startLab(quietBody);
  await using tmp = await recordingDir();
  const file = `${tmp.dir}/full.rec`;
  const first = await runHatop(seriesArgs(lab.sockets.admin, 2, file));
  assertEquals(first.code, 0, first.stderr);
  const before = await replayJson(file, "-0s");
  const size = (await Deno.stat(file)).size;
  // The file size limit (512-byte blocks) leaves room for this session's header, not for its first full
  // snapshot: that write fails ("File too large"); SIGXFSZ is ignored so the write fails instead.
  const blocks = Math.ceil((size + 600) / 512);
  const script = `trap '' XFSZ; ulimit -f ${blocks}; exec "$@"`;
  const command = hatopCommand(["-s", lab.sockets.admin, "-i", "1", "--record", file]);
  const env = isolatedEnv();
  try {
    await using tmux = await startTmux(["sh", "-c", script, "sh", ...command], {
      columns: 160,
      rows: 30,
      cwd: ROOT,
      env: env.env,
    });
    await tmux.waitForAll(
      (s) => titleLine(s).includes("REC FAILING"),
      (s) => /recording failed, monitoring goes on: .*full\.rec: File too large/.test(s),
      (s) => /no check/.test(rowLine(s, "q1") ?? ""),
    );
    await lab.command("disable server be_quiet/q2");
    const after = await tmux.waitForAll(
      (s) => /MAINT/.test(rowLine(s, "q2") ?? ""),
      (s) => titleLine(s).includes("REC FAILING"),
    );
    assertMatch(titleLine(after), /REC FAILING/);
    await tmux.sendText("q");
    assertEquals(await tmux.exitStatus(), 1, "exit 1: the recording lost records");
  } finally {
    env.cleanup();
  }
  assertEquals(await replayJson(file, "-0s"), before, "what was recorded before is intact");
  assert((await Deno.stat(file)).size <= blocks * 512);
});
