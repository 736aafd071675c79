/**
 * `hatop --replay FILE --batch --format json --at T` equals the live `hatop --batch --format json` taken at T
 * by another process while the recording ran, field for field; and the text of `--replay --batch --at T`
 * equals the live `--batch` text. The lab has no health checks and no traffic, so between two reads only
 * clock-driven fields move (as in batch_fields.test.ts): a live value is right when it equals the recorded
 * refresh before T or the one after, or lies between them. `show info` also counts the live program's own
 * connection (CumConns, rates): its keys are the same, its identity and clock values are checked.
 */
import { assert, assertEquals } from "../support/assert.ts";
import { startLab } from "../support/lab.ts";
import { runHatop } from "../support/program.ts";
import {
  batchOf,
  quietBody,
  recordingDir,
  replayJson,
  rowOf,
  seriesArgs,
  type SeriesLine,
  startRecorder,
} from "../support/recording.ts";

/** `show info` keys that stay the same while the lab runs. */
const STABLE_INFO = ["Name", "Version", "Release_date", "Pid", "node", "description", "Maxconn", "Ulimit-n"];

type Stats = { stats: Record<string, unknown>[]; info: Record<string, string> };

/** Whether `value` equals `a` or `b` or lies between them, as a number. */
function within(value: unknown, a: unknown, b: unknown): boolean {
  if (value === a || value === b) return true;
  const [v, x, y] = [Number(value), Number(a), Number(b)];
  return value !== null && Number.isFinite(v) && x <= v && v <= y;
}

/** Live JSON against the recorded refreshes before and after it, field for field. */
function assertLiveBetween(live: Stats, before: SeriesLine, after: SeriesLine, what: string) {
  assertEquals(
    live.stats.map((r) => `${r.pxname}/${r.svname}`),
    before.stats.map((r) => `${r.pxname}/${r.svname}`),
  );
  for (const row of live.stats) {
    const key = `${row.pxname}/${row.svname}`;
    const [a, b] = [rowOf(before, key)!, rowOf(after, key)!];
    assertEquals(Object.keys(row), Object.keys(a), `${what} ${key}: the same fields`);
    for (const [field, value] of Object.entries(row)) {
      assert(
        within(value, a[field], b[field]),
        `${what} ${key} ${field}: live ${value}, recorded ${a[field]} then ${b[field]}`,
      );
    }
  }
  assertEquals(Object.keys(live.info), Object.keys(before.info), `${what}: the same show info keys`);
  for (const key of STABLE_INFO) assertEquals(live.info[key], before.info[key], `${what} ${key}`);
  assert(within(live.info.Uptime_sec, before.info.Uptime_sec, after.info.Uptime_sec), `${what} Uptime_sec`);
}

Deno.test("--replay --batch --at T equals the live --batch taken at T, JSON and text", async () => {
  await using lab = await startLab(quietBody, { node: "replay-lab" });
  await using tmp = await recordingDir();
  const file = `${tmp.dir}/quiet.rec`;
  await using recorder = startRecorder(seriesArgs(lab.sockets.admin, 0, file));
  await recorder.waitForLine("the first refresh", () => true);
  const takes: { command: string; start: number; end: number; live: Stats; text: string }[] = [];
  const changes: [string, (l: SeriesLine) => boolean][] = [
    ["disable server be_quiet/q1", (l) => rowOf(l, "be_quiet/q1")?.status === "MAINT"],
    ["set server be_quiet/q2 state drain", (l) => rowOf(l, "be_quiet/q2")?.status === "DRAIN"],
    ["set weight be_quiet/q4 3", (l) => rowOf(l, "be_quiet/q4")?.weight === 3],
  ];
  for (const [command, shown] of changes) {
    assertEquals((await lab.command(command)).trim(), "", command);
    // Once the recorder has shown the change, the live batch differs from its refreshes only by the clock.
    await recorder.waitForLine(`${command} recorded`, shown);
    const start = Date.now();
    const json = await runHatop(["-s", lab.sockets.admin, "--batch", "--format", "json"]);
    // The header block's figures (tasks, uptime) move between two refreshes: the table is what must match.
    const text = await runHatop(["-s", lab.sockets.admin, "--batch", "--no-header"]);
    const end = Date.now();
    assertEquals([json.code, text.code], [0, 0], json.stderr + text.stderr);
    takes.push({ command, start, end, live: JSON.parse(json.stdout), text: text.stdout });
    // The refresh after the live batches bounds them; the next change comes after it, not inside the bounds.
    await recorder.waitForLine(
      `a refresh after the live batch of ${command}`,
      (l) => Date.parse(l.time) >= end,
    );
  }
  assertEquals((await recorder.stop()).code, 0);

  for (const take of takes) {
    const lines = recorder.lines;
    const before = lines.findLast((l) => Date.parse(l.time) <= take.start)!;
    const after = lines.find((l) => Date.parse(l.time) >= take.end)!;
    const at = new Date(take.start).toISOString();
    const replayed = await replayJson(file, at);
    assertEquals(replayed, batchOf(before), `${take.command}: --at ${at} is the refresh before it`);
    assertLiveBetween(take.live, before, after, take.command);
    const text = await runHatop(["--replay", file, "--batch", "--at", at, "--no-header"]);
    assertEquals(text.stdout, take.text, `${take.command}: the text of mode 1`);
    const withHeader = (await runHatop(["--replay", file, "--batch", "--at", at])).stdout;
    const node = `Node: replay-lab (uptime ${before.info.Uptime})`;
    assert(withHeader.startsWith("  HAProxy Version: ") && withHeader.includes(node), withHeader);
    assert(withHeader.endsWith(`\n\n${take.text}`), "the header block, an empty line, the same table");
  }
  assertEquals(rowOf(takes[2].live as unknown as SeriesLine, "be_quiet/q1")?.status, "MAINT");
  assertEquals(rowOf(takes[2].live as unknown as SeriesLine, "be_quiet/q2")?.status, "DRAIN");
  assertEquals(rowOf(takes[2].live as unknown as SeriesLine, "be_quiet/q4")?.weight, 3);
});

Deno.test("--at: offsets from the start and the end, a time before the start, a bad time", async () => {
  await using lab = await startLab(quietBody, { node: "replay-lab" });
  await using tmp = await recordingDir();
  const file = `${tmp.dir}/quiet.rec`;
  const rec = await runHatop(seriesArgs(lab.sockets.admin, 3, file));
  assertEquals(rec.code, 0, rec.stderr);
  const lines: SeriesLine[] = rec.stdout.trim().split("\n").map((l) => JSON.parse(l));
  assertEquals(lines.length, 3);
  const [t0, t2] = [Date.parse(lines[0].time), Date.parse(lines[2].time)];
  assertEquals(await replayJson(file, "+0s"), batchOf(lines[0]));
  assertEquals(await replayJson(file, `+${(t2 - t0) / 1000}s`), batchOf(lines[2]));
  assertEquals(await replayJson(file, "-0s"), batchOf(lines[2]));
  assertEquals(
    await replayJson(file, new Date(t2 + 3_600_000).toISOString()),
    batchOf(lines[2]),
    "after the end: the last",
  );
  const early = await runHatop(["--replay", file, "--batch", "--at", "2001-01-01T00:00:00Z"]);
  assertEquals([early.code, early.stdout], [1, ""]);
  assertEquals(
    early.stderr,
    `hatop: 2001-01-01T00:00:00.000Z is before the recording starts (${lines[0].time})\n`,
  );
  const bad = await runHatop(["--replay", file, "--batch", "--at", "tomorrow"]);
  assertEquals(bad.code, 1);
  assert(
    bad.stderr.startsWith("hatop: invalid time: 'tomorrow' (an ISO 8601 time such as 2026-12-03T06:40:00Z"),
    bad.stderr,
  );
});
