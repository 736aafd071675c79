/**
 * Issue #18's scenario end to end, at its length: two minutes of a real HAProxy recorded while the test
 * changes its servers through the runtime API at set points of the recording (disable, weight, drain, enable
 * again), then replayed in the monitor in tmux. At each change the replay, jumped to the moment before it and
 * stepped onto it, shows the rows the live `--batch --format json` printed at those moments; `--replay --batch
 * --at T` prints those same moments; the recording's events are the changes the test made, in its order.
 *
 * The points are recording time (the JSON lines' own times), waited for line by line: nothing sleeps.
 *
 * @module
 */
import { assert, assertEquals } from "../support/assert.ts";
import { startLab } from "../support/lab.ts";
import { startHatop } from "../support/program.ts";
import {
  batchOf,
  quietBody,
  recordingDir,
  replayEvents,
  replayJson,
  replayRowsAsRecorded,
  replayTitleAt,
  rowOf,
  seriesArgs,
  type SeriesLine,
  startRecorder,
} from "../support/recording.ts";

/** How long the recording runs, and the runtime API command of each change with its point and its sign. */
const LENGTH_S = 120;
const CHANGES: readonly {
  at: number;
  command: string;
  server: string;
  shows: (row: Record<string, unknown>) => boolean;
  event: string;
}[] = [
  {
    at: 15,
    command: "disable server be_quiet/q1",
    server: "q1",
    shows: (r) => r.status === "MAINT",
    event: "be_quiet/q1 admin status no check MAINT",
  },
  {
    at: 45,
    command: "set weight be_quiet/q2 3",
    server: "q2",
    shows: (r) => r.weight === 3,
    event: "be_quiet/q2 weight weight 7 3",
  },
  {
    at: 75,
    command: "set server be_quiet/q4 state drain",
    server: "q4",
    shows: (r) => r.status === "DRAIN",
    event: "be_quiet/q4 admin status no check DRAIN",
  },
  {
    at: 100,
    command: "enable server be_quiet/q1",
    server: "q1",
    shows: (r) => r.status === "no check",
    event: "be_quiet/q1 admin status MAINT no check",
  },
];

Deno.test("two minutes recorded with scripted changes replay in tmux as the live monitor printed them", async () => {
  await using lab = await startLab(quietBody);
  await using tmp = await recordingDir();
  const file = `${tmp.dir}/two-minutes.rec`;
  await using recorder = startRecorder(seriesArgs(lab.sockets.admin, 0, file));
  const first = await recorder.waitForLine("the first refresh", () => true);
  const start = Date.parse(first.time);
  const since = (l: SeriesLine) => (Date.parse(l.time) - start) / 1000;
  for (const change of CHANGES) {
    await recorder.waitForLine(`+${change.at}s`, (l) => since(l) >= change.at, (change.at + 30) * 1000);
    const sent = recorder.lines.length;
    await lab.command(change.command);
    const after = (l: SeriesLine) => recorder.lines.indexOf(l) >= sent;
    await recorder.waitForLine(
      change.command,
      (l) => after(l) && change.shows(rowOf(l, `be_quiet/${change.server}`)!),
    );
  }
  await recorder.waitForLine(`+${LENGTH_S}s`, (l) => since(l) >= LENGTH_S, 60_000);
  const stopped = await recorder.stop("SIGTERM");
  assertEquals(stopped.code, 0, stopped.stderr);
  const lines = recorder.lines;
  const count = lines.length;
  assert(since(lines[count - 1]) >= LENGTH_S, `recorded ${since(lines[count - 1])} s`);
  // The first moment that shows each change (after the one before it).
  const shown: number[] = [];
  for (const change of CHANGES) {
    const from = (shown.at(-1) ?? 0) + 1;
    const k = lines.findIndex((l, i) => i >= from && change.shows(rowOf(l, `be_quiet/${change.server}`)!));
    assert(k > 0, `${change.command} is not in the recording`);
    shown.push(k);
  }

  // The events: the changes made, in order (nothing else changed in this lab).
  const events = (await replayEvents(file))
    .map((e) => `${e.proxy}/${e.service} ${e.kind} ${e.field} ${e.before} ${e.after}`);
  assertEquals(events, CHANGES.map((c) => c.event));

  // `--replay --batch --at T` prints what the live `--batch` printed at T, before and at each change.
  for (const k of shown) {
    for (const i of [k - 1, k]) assertEquals(await replayJson(file, lines[i].time), batchOf(lines[i]));
  }

  // In the monitor: jump to the moment before each change, see its rows, step onto the change, see them change.
  await using tmux = await startHatop(["--replay", file, "--at", lines[0].time], { columns: 120, rows: 30 });
  await tmux.waitForAll(replayTitleAt(lines[0], 0, count), replayRowsAsRecorded(lines[0]));
  for (const k of shown) {
    await tmux.sendText("J");
    await tmux.waitFor("Jump to:");
    await tmux.sendText(lines[k - 1].time);
    await tmux.send("Enter");
    await tmux.waitForAll(replayTitleAt(lines[k - 1], k - 1, count), replayRowsAsRecorded(lines[k - 1]));
    await tmux.send("Right");
    await tmux.waitForAll(replayTitleAt(lines[k], k, count), replayRowsAsRecorded(lines[k]));
  }
  // The last moment, one step before the end and onto it.
  await tmux.sendText("J");
  await tmux.waitFor("Jump to:");
  await tmux.sendText(lines[count - 1].time);
  await tmux.send("Enter");
  await tmux.waitForAll(
    replayTitleAt(lines[count - 1], count - 1, count),
    replayRowsAsRecorded(lines[count - 1]),
  );
  await tmux.sendText("q");
  assertEquals(await tmux.exitStatus(), 0);
});
