/**
 * `--replay FILE` in the monitor, on a recording of a real HAProxy made while the test changed its servers
 * through the runtime API (disable, weight, drain): the replay starts at `--at`, paused, the title bar showing
 * REPLAY and the recording's time; stepping forward and back, and jumping with `J`, shows at each moment the
 * rows the live `--batch --format json` printed then; the events view lists the changes made up to the moment
 * shown; an action key is refused with the reason, and nothing can be sent (there is no socket).
 *
 * @module
 */
import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { startLab } from "../support/lab.ts";
import { startHatop } from "../support/program.ts";
import {
  quietBody,
  recordingDir,
  replayRowsAsRecorded as rowsAsRecorded,
  replayTitleAt as titleAt,
  rowOf,
  seriesArgs,
  type SeriesLine,
  startRecorder,
} from "../support/recording.ts";

const titleLine = (screen: string) => screen.split("\n")[0];

Deno.test("--replay in the monitor: step, jump and see the rows the live monitor printed then", async () => {
  await using lab = await startLab(quietBody);
  await using tmp = await recordingDir();
  const file = `${tmp.dir}/changes.rec`;
  await using recorder = startRecorder(seriesArgs(lab.sockets.admin, 0, file));
  const status = (l: SeriesLine, sv: string) => rowOf(l, `be_quiet/${sv}`)?.status;
  const weight = (l: SeriesLine, sv: string) => rowOf(l, `be_quiet/${sv}`)?.weight;
  await recorder.waitForLine("two refreshes", () => recorder.lines.length >= 2);
  await lab.command("disable server be_quiet/q1");
  await recorder.waitForLine("q1 in MAINT", (l) => status(l, "q1") === "MAINT");
  await lab.command("set weight be_quiet/q2 3");
  await recorder.waitForLine("q2 weighing 3", (l) => weight(l, "q2") === 3);
  await lab.command("set server be_quiet/q4 state drain");
  const drained = await recorder.waitForLine("q4 draining", (l) => status(l, "q4") === "DRAIN");
  await recorder.waitForLine("one more refresh", (l) => Date.parse(l.time) > Date.parse(drained.time));
  const stopped = await recorder.stop("SIGTERM");
  assertEquals(stopped.code, 0, stopped.stderr);
  const lines = recorder.lines;
  const count = lines.length;
  const maint = lines.findIndex((l) => status(l, "q1") === "MAINT");
  const weighed = lines.findIndex((l) => weight(l, "q2") === 3);
  const drain = lines.findIndex((l) => status(l, "q4") === "DRAIN");
  assert(
    0 < maint && maint < weighed && weighed < drain && drain < count - 1,
    `${maint} ${weighed} ${drain}`,
  );

  await using tmux = await startHatop(["--replay", file, "--at", lines[maint].time], {
    columns: 120,
    rows: 30,
  });
  await tmux.waitForAll(titleAt(lines[maint], maint, count), rowsAsRecorded(lines[maint]));
  // Step forward to each change, and one back: the rows are those printed at that moment.
  for (let k = maint + 1; k <= drain; k++) {
    await tmux.send("Right");
    await tmux.waitForAll(titleAt(lines[k], k, count), rowsAsRecorded(lines[k]));
  }
  await tmux.send("Left");
  await tmux.waitForAll(titleAt(lines[drain - 1], drain - 1, count), rowsAsRecorded(lines[drain - 1]));
  // The events view: the changes made up to the moment shown, newest first.
  await tmux.sendText("L");
  const events = await tmux.waitForAll(
    / be_quiet +q2 +weight +weight +7 +3/,
    / be_quiet +q1 +admin +status +no check +MAINT/,
    titleAt(lines[drain - 1], drain - 1, count),
  );
  assert(!/q4 +admin/.test(events), "the drain comes after the moment shown");
  await tmux.send("Right");
  await tmux.waitForAll(/ be_quiet +q4 +admin +status +no check +DRAIN/, titleAt(lines[drain], drain, count));
  // J jumps to a time: +0s is the first moment.
  await tmux.sendText("1J");
  await tmux.waitFor("Jump to:");
  await tmux.sendText("noon");
  await tmux.send("Enter");
  await tmux.waitFor("invalid time: 'noon'");
  await tmux.send("C-u");
  await tmux.sendText("+0s");
  await tmux.send("Enter");
  await tmux.waitForAll(titleAt(lines[0], 0, count), rowsAsRecorded(lines[0]));
  // An action is refused with the reason; the CLI is not there.
  // Onto q2 (the rows the cursor rests on: fe_quiet's FRONTEND, q1, q2).
  await tmux.send("Home", "Down", "Down");
  await tmux.waitFor(/ be_quiet\/q2: no check/);
  await tmux.send("F10");
  await tmux.waitFor("a replay sends nothing: no actions, no CLI (there is no socket)");
  await tmux.sendText("5");
  const screen = await tmux.waitFor(/REPLAY paused/);
  assert(!screen.includes("5-CLI"), screen);
  // + raises the speed, SPACE plays.
  await tmux.sendText("++");
  await tmux.waitFor((s) => titleLine(s).includes(" REPLAY paused 5x "));
  await tmux.sendText(" ");
  await tmux.waitFor((s) => / REPLAY (playing 5x \d+|paused 5x \d+)\/\d+ /.test(titleLine(s)));
  await tmux.sendText("q");
  assertEquals(await tmux.exitStatus(), 0);
});

Deno.test("--replay in the monitor: a file that is not a recording is refused before the screen", async () => {
  await using tmp = await recordingDir();
  const file = `${tmp.dir}/not.rec`;
  await Deno.writeTextFile(file, "hello\n");
  await using lab = await startLab(quietBody);
  assert(lab.version.length > 0);
  await using tmux = await startHatop(["--replay", file]);
  assertEquals(await tmux.exitStatus(), 1);
  assertMatch(await tmux.capture(), /hatop: cannot replay .*not\.rec/);
});
