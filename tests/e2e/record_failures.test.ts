/**
 * What goes wrong with recordings, on a real HAProxy and the real program: a recorder killed with SIGKILL
 * leaves a file that replays up to its last complete record; a file cut in the middle of a record replays up
 * to the cut; a write error (the file size limit reached, a full device) is reported clearly while the
 * snapshots go on and what was recorded before stays intact; a file that is not a recording is neither
 * replayed nor appended to. No crash anywhere, and documented exit codes.
 */
import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { startLab } from "../support/lab.ts";
import { hatopCommand, isolatedEnv, looksLikeCrash, runHatop } from "../support/program.ts";
import { quietBody, recordingDir, seriesArgs, type SeriesLine, startRecorder } from "../support/recording.ts";
import { Recording } from "../../src/record/mod.ts";

const parse = (stdout: string): SeriesLine[] =>
  stdout.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));

/** Every moment of a recording as JSON lines (`--replay --batch --format json --count 0`). */
async function replayAll(file: string): Promise<{ code: number; lines: SeriesLine[]; stderr: string }> {
  const r = await runHatop(["--replay", file, "--batch", "--format", "json", "--count", "0"]);
  return { code: r.code, lines: parse(r.stdout), stderr: r.stderr };
}

Deno.test("a recorder killed with SIGKILL leaves a file that replays up to its last complete record", async () => {
  await using lab = await startLab(quietBody);
  await using tmp = await recordingDir();
  const dir = tmp.dir;
  const file = `${dir}/killed.rec`;
  await using recorder = startRecorder(seriesArgs(lab.sockets.admin, 1000, file));
  await recorder.waitForLine("four refreshes", () => recorder.lines.length >= 4);
  const killed = await recorder.stop("SIGKILL");
  assertEquals(killed.code, 137);
  const printed = recorder.lines;
  const replay = await replayAll(file);
  assertEquals([replay.code, replay.stderr], [0, ""]);
  // The refresh under way when the kill came may be printed and not yet written, never the other way.
  assert(
    replay.lines.length >= printed.length - 1 && replay.lines.length <= printed.length,
    `${replay.lines.length}`,
  );
  assertEquals(replay.lines, printed.slice(0, replay.lines.length));
  const events = await runHatop(["--replay", file, "--events"]);
  assertEquals([events.code, events.stdout.split("\n")[0].split(/\s+/)[0]], [0, "TIME"]);
});

Deno.test("a file cut in the middle of a record replays up to the cut, with a warning", async () => {
  await using lab = await startLab(quietBody);
  await using tmp = await recordingDir();
  const dir = tmp.dir;
  const file = `${dir}/cut.rec`;
  const r = await runHatop(seriesArgs(lab.sockets.admin, 4, file));
  assertEquals(r.code, 0, r.stderr);
  const printed = parse(r.stdout);
  const bytes = await Deno.readFile(file);
  // Cut at every byte from the end back into the first full snapshot: each cut replays a prefix of what was
  // printed, never anything else; inside the full snapshot nothing is left to replay, and that is said.
  let lastDeltaCut: number | undefined;
  for (let n = bytes.length - 1;; n--) {
    await Deno.writeFile(file, bytes.subarray(0, n));
    let recording: Recording;
    try {
      recording = await Recording.open(file);
    } catch (e) {
      assertMatch((e as Error).message, /cut\.rec: the recording holds no snapshot yet$/, `cut at ${n}`);
      break;
    }
    const times = recording.moments.map((t) => new Date(t).toISOString());
    assertEquals(times, printed.slice(0, times.length).map((l) => l.time), `cut at ${n}`);
    if (times.length === 3 && recording.warnings.length > 0) lastDeltaCut ??= n;
  }
  assert(lastDeltaCut !== undefined, "some cut falls inside the last refresh's record");
  await Deno.writeFile(file, bytes.subarray(0, lastDeltaCut));
  const replay = await replayAll(file);
  assertEquals(replay.code, 0);
  assertMatch(
    replay.stderr,
    /^hatop: warning: .*cut\.rec \(bytes \d+-\d+\): the last record is incomplete \(the file was cut\): skipped\n$/,
  );
  assertEquals(replay.lines, printed.slice(0, 3));
});

Deno.test("a write error is reported once, the snapshots go on, and what was recorded before stays intact", async () => {
  await using lab = await startLab(quietBody);
  await using tmp = await recordingDir();
  const dir = tmp.dir;
  const file = `${dir}/full.rec`;
  const first = await runHatop(seriesArgs(lab.sockets.admin, 3, file));
  assertEquals(first.code, 0, first.stderr);
  const size = (await Deno.stat(file)).size;
  // The kernel's file size limit (512-byte blocks) leaves the second session room for its header, not for its
  // first full snapshot: that write fails part way ("File too large") and is cut off again. SIGXFSZ is
  // ignored, so the write fails instead of killing the process.
  const blocks = Math.ceil((size + 600) / 512);
  const [cmd, ...rest] = hatopCommand(seriesArgs(lab.sockets.admin, 8, file));
  const env = isolatedEnv({ NO_COLOR: "1" });
  let second;
  try {
    const script = `trap '' XFSZ; ulimit -f ${blocks}; exec "$@"`;
    second = await new Deno.Command("sh", {
      args: ["-c", script, "sh", cmd, ...rest],
      env: env.env,
      stdout: "piped",
      stderr: "piped",
    }).output();
  } finally {
    env.cleanup();
  }
  const stderr = new TextDecoder().decode(second.stderr);
  const printed = parse(new TextDecoder().decode(second.stdout));
  assertEquals(second.code, 1, "exit 1: the recording is incomplete");
  assertEquals(printed.length, 8, "every snapshot printed");
  assert(!looksLikeCrash(stderr), stderr);
  assertEquals(stderr, `hatop: cannot write the recording ${file}: File too large (os error 27)\n`);
  const replay = await replayAll(file);
  assertEquals(replay.code, 0, replay.stderr);
  const firstLines = parse(first.stdout);
  assertEquals(replay.lines, firstLines, "nothing of the second session, and nothing broken");
  assert((await Deno.stat(file)).size <= blocks * 512);
});

Deno.test("a full device, a directory, a file that is not a recording: a clear message, exit 1, nothing touched", async () => {
  await using lab = await startLab(quietBody);
  await using tmp = await recordingDir();
  const dir = tmp.dir;
  const batch = ["-s", lab.sockets.admin, "--batch"];
  const full = await runHatop([...batch, "--record", "/dev/full"]);
  assertEquals([full.code, full.stdout], [1, ""]);
  assertEquals(full.stderr, "hatop: cannot record to /dev/full: No space left on device (os error 28)\n");
  const cfg = `${dir}/haproxy.cfg`;
  await Deno.writeTextFile(cfg, "global\n    maxconn 10\n");
  const refused = await runHatop([...batch, "--record", cfg]);
  assertEquals(refused.code, 1);
  assertEquals(
    refused.stderr,
    `hatop: cannot record to ${cfg}: it is not a hatop recording (neither gzip nor JSON lines); it is left as it ` +
      "is, choose another file\n",
  );
  assertEquals(await Deno.readTextFile(cfg), "global\n    maxconn 10\n");
  const replayed = await runHatop(["--replay", cfg, "--batch"]);
  assertEquals([replayed.code, replayed.stdout], [1, ""]);
  assertEquals(
    replayed.stderr,
    `hatop: cannot replay ${cfg}: it is not a hatop recording (neither gzip nor JSON lines)\n`,
  );
  const directory = await runHatop([...batch, "--record", dir]);
  assertEquals([directory.code, directory.stderr], [
    1,
    `hatop: cannot record to ${dir}: it is a directory\n`,
  ]);
  const missing = await runHatop(["--replay", `${dir}/none.rec`, "--events"]);
  assertEquals([missing.code, missing.stderr], [1, `hatop: cannot replay ${dir}/none.rec: no such file\n`]);
});
