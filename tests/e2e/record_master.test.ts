/**
 * Recording through a master CLI socket while HAProxy reloads (SIGUSR2 to the master): the recording holds
 * the master's process list, so the replay shows the workers of each moment, and `--replay --events` tells the
 * reload (the current worker changed), the restart of the counters (the new worker's Pid) and the old worker
 * leaving.
 */
import { assert, assertEquals } from "../support/assert.ts";
import { oneShot, startLab } from "../support/lab.ts";
import { poll } from "../support/poll.ts";
import { runHatop } from "../support/program.ts";
import { quietBody, recordingDir, replayEvents, seriesArgs, startRecorder } from "../support/recording.ts";
import { Recording } from "../../src/record/mod.ts";
import { parseShowProc } from "../../src/haproxy/master.ts";

Deno.test("a reload through the master CLI is recorded: workers per moment, reload, restart and exit events", async () => {
  await using lab = await startLab(quietBody, { master: true, node: "master-rec" });
  await using tmp = await recordingDir();
  const file = `${tmp.dir}/master.rec`;
  const workers = async () =>
    parseShowProc(await oneShot(lab.sockets.master!, "show proc")).filter((p) => p.type === "worker");
  const [first] = (await workers()).map((p) => p.pid);
  await using recorder = startRecorder(seriesArgs(lab.sockets.master!, 0, file));
  await recorder.waitForLine("the first worker's stats", (l) => l.info.Pid === String(first));
  Deno.kill(lab.pid, "SIGUSR2");
  const after = await recorder.waitForLine("the new worker's stats", (l) => l.info.Pid !== String(first));
  const second = Number(after.info.Pid);
  await poll("the old worker gone", 15_000, async () => {
    const list = await workers();
    return list.length === 1 && list[0].pid === second ? true : undefined;
  });
  const seen = recorder.lines.length;
  await recorder.waitForLine("a refresh after the old worker left", () => recorder.lines.length > seen);
  // The master re-executes itself on a reload and closes its CLI connections: the refresh that meets the
  // closed connection fails (recorded, said on stderr, exit 2 at the end) and the next one reconnects.
  const stopped = await recorder.stop();
  const failures = stopped.stderr.split("\n").filter((l) => l !== "");
  assertEquals(stopped.code, failures.length > 0 ? 2 : 0, stopped.stderr);
  for (const line of failures) assert(line.startsWith(`hatop: ${lab.sockets.master}: `), line);

  const events = (await replayEvents(file)).map((e) => [e.kind, e.field, e.before, e.after]);
  const [old, now] = [String(first), String(second)];
  const outage = events.filter((e) => e[0] === "unreachable" || e[0] === "reachable").map((e) => e[0]);
  assertEquals(outage, failures.length > 0 ? ["unreachable", "reachable"] : []);
  const kinds = events.filter((e) => e[0] !== "unreachable" && e[0] !== "reachable");
  assertEquals(kinds.filter((e) => e[0] !== "worker-exit"), [["reload", "worker", old, now], [
    "restart",
    "Pid",
    old,
    now,
  ]]);
  assertEquals(kinds.filter((e) => e[0] === "worker-exit"), [["worker-exit", "worker", old, ""]]);

  const recording = await Recording.open(file);
  const pids = async (line: { time: string }) =>
    (await recording.at(Date.parse(line.time))).instances[0].workers?.filter((p) => p.type === "worker").map((
      p,
    ) => p.pid);
  assertEquals(await pids(recorder.lines[0]), [first], "before the reload: one worker");
  assertEquals(await pids(recorder.lines[recorder.lines.length - 1]), [second], "at the end: the new one");
  const frame = await recording.at(Date.parse(after.time));
  assertEquals(frame.instances[0].worker, second, "the stats of that moment come from the new worker");
  // Every printed moment replays as printed; the moment of the failed refresh replays the snapshot before it.
  const replayed = await runHatop(["--replay", file, "--batch", "--format", "json", "--count", "0"]);
  assertEquals(replayed.code, 0, replayed.stderr);
  const lines = replayed.stdout.trim().split("\n").map((l) => JSON.parse(l));
  const printed = recorder.lines.map((l) => JSON.parse(JSON.stringify(l)));
  assertEquals(lines.filter((l) => printed.some((p) => p.time === l.time)), printed);
  assertEquals(lines.length, printed.length + failures.length);
});
