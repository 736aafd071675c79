/**
 * Reading recordings back: the timeline and its moments, any moment rebuilt as the live snapshot, stepping,
 * instances that did not answer, and what is not a readable recording (a cut file, corrupt bytes, a foreign
 * file, an empty one, a newer format), each with a clear message and never a crash.
 */
import { assert, assertEquals, assertMatch, assertRejects } from "../support/assert.ts";
import { Recorder, Recording, RecordingError } from "../../src/record/mod.ts";
import { memberStarts } from "../../src/record/gzip.ts";
import { snapshotData, tempDir, webSteps } from "./_helpers.ts";
import zlib from "node:zlib";

const T0 = Date.UTC(2026, 11, 3, 6, 40, 0);
const INSTANCES = [{ name: "lb1", address: "/run/lb1.sock" }, { name: "lb2", address: "/run/lb2.sock" }];

/** Two instances, `count` refreshes; lb2 does not answer at refreshes 3 and 4. */
async function record(path: string, count: number, fullEverySeconds = 300) {
  const recorder = await Recorder.open({
    path,
    instances: INSTANCES,
    interval: 1,
    hatop: "test",
    fullEverySeconds,
  });
  const steps = webSteps(count, T0);
  for (const [k, step] of steps.entries()) {
    await recorder.record(step.time, 0, { snapshot: step.snapshot });
    const refused = { error: "cannot connect to /run/lb2.sock: connection refused" };
    await recorder.record(step.time, 1, k === 3 || k === 4 ? refused : { snapshot: step.snapshot });
  }
  await recorder.close(T0 + count * 1000);
  return steps;
}

Deno.test("every moment is the live snapshot of every instance, stepping forward and back", async () => {
  using tmp = tempDir();
  const steps = await record(`${tmp.dir}/rec`, 8);
  const recording = await Recording.open(`${tmp.dir}/rec`);
  assertEquals(recording.warnings, []);
  assertEquals(recording.moments, steps.map((s) => s.time));
  for (const [k, step] of steps.entries()) {
    for (const t of [step.time, step.time + 999]) {
      const frame = await recording.at(t);
      assertEquals(frame.time, step.time);
      assertEquals(snapshotData(frame.instances[0].snapshot!), snapshotData(step.snapshot), `moment ${k}`);
    }
  }
  assertEquals(recording.next(T0 + 2000), T0 + 3000);
  assertEquals(recording.previous(T0 + 2000), T0 + 1000);
  assertEquals(recording.previous(T0), undefined);
  assertEquals(recording.next(T0 + 7000), undefined);
  assertEquals((await recording.at(T0 + 3_600_000)).time, T0 + 7000, "after the end: the last moment");
  await assertRejects(
    () => recording.at(T0 - 1),
    /2026-12-03T06:39:59.999Z is before the recording starts \(2026-12-03T06:40:00.000Z\)/,
  );
});

Deno.test("an instance that did not answer shows its last snapshot and the error", async () => {
  using tmp = tempDir();
  const steps = await record(`${tmp.dir}/rec`, 6);
  const recording = await Recording.open(`${tmp.dir}/rec`);
  assertEquals(recording.timeline()[3], {
    time: T0 + 3000,
    records: [
      { name: "lb1", address: "/run/lb1.sock", kind: "delta" },
      { name: "lb2", address: "/run/lb2.sock", kind: "error" },
    ],
  });
  assertEquals(recording.timeline()[0].records.map((r) => r.kind), ["full", "full"]);
  const down = (await recording.at(T0 + 4000)).instances[1];
  assertEquals(down.error, "cannot connect to /run/lb2.sock: connection refused");
  assertEquals(down.snapshotTime, T0 + 2000);
  assertEquals(snapshotData(down.snapshot!), snapshotData(steps[2].snapshot));
  const back = (await recording.at(T0 + 5000)).instances[1];
  assertEquals([back.error, back.snapshotTime], [undefined, T0 + 5000]);
  assertEquals(
    snapshotData(back.snapshot!),
    snapshotData(steps[5].snapshot),
    "the delta after the outage applies",
  );
});

Deno.test("a file cut in the middle of a record replays up to the cut", async () => {
  using tmp = tempDir();
  const path = `${tmp.dir}/rec`;
  const steps = await record(path, 6);
  const whole = await Deno.readFile(path);
  // Cut 40 bytes before the end: inside the last deltas (the end record and the member's ending go too).
  await Deno.writeFile(path, whole.subarray(0, whole.length - 40));
  const recording = await Recording.open(path);
  assertMatch(recording.warnings.join("\n"), /the last record is incomplete \(the file was cut\): skipped/);
  assert(recording.end >= T0 + 4000 && recording.end <= T0 + 5000, `ends at ${recording.end - T0}`);
  const frame = await recording.at(recording.end);
  const k = (recording.end - T0) / 1000;
  assertEquals(snapshotData(frame.instances[0].snapshot!), snapshotData(steps[k].snapshot));
});

Deno.test("corrupt bytes in the middle: a warning, and reading goes on from the next full snapshot", async () => {
  using tmp = tempDir();
  const path = `${tmp.dir}/rec`;
  const steps = await record(path, 9, 3);
  const bytes = await Deno.readFile(path);
  const starts = memberStarts(bytes);
  assertEquals(starts.length, 4, "header, rounds at 0, 3 and 6 s");
  // Garble the middle of the round at 3 s.
  const mid = Math.floor((starts[2] + starts[3]) / 2);
  for (let i = mid; i < mid + 16; i++) bytes[i] ^= 0x5a;
  await Deno.writeFile(path, bytes);
  const recording = await Recording.open(path);
  assert(recording.warnings.length > 0, "the damage is reported");
  assertMatch(recording.warnings[0], /rec \(bytes \d+-\d+\): (corrupt|a member's checksum|record \d+ is)/);
  assertEquals(recording.end, T0 + 8000, "the rounds after the damage are read");
  assertEquals(
    snapshotData((await recording.at(T0 + 8000)).instances[0].snapshot!),
    snapshotData(steps[8].snapshot),
  );
  assertEquals(
    snapshotData((await recording.at(T0 + 2000)).instances[0].snapshot!),
    snapshotData(steps[2].snapshot),
  );
});

Deno.test("not a recording, empty, a newer format: a clear message naming the file", async () => {
  using tmp = tempDir();
  const cases: [string, Uint8Array | string, RegExp][] = [
    [
      "config",
      "global\n    maxconn 100\n",
      /config: it is not a hatop recording \(neither gzip nor JSON lines\)/,
    ],
    ["empty", "", /empty: it is empty/],
    [
      "json",
      '{"hello":"world"}\n',
      /json: it is not a hatop recording \(its first record is not a hatop header\)/,
    ],
    [
      "gz",
      zlib.gzipSync(new TextEncoder().encode("just text\n")),
      /gz: it is not a hatop recording \(its first line is not a JSON record\)/,
    ],
    [
      "newer",
      zlib.gzipSync(new TextEncoder().encode('{"type":"header","format":9,"hatop":"9.0","instances":[]}\n')),
      /newer: recorded in format 9 by hatop 9.0; this hatop reads format 1 and older: use a newer hatop/,
    ],
  ];
  for (const [name, content, message] of cases) {
    const path = `${tmp.dir}/${name}`;
    if (typeof content === "string") await Deno.writeTextFile(path, content);
    else await Deno.writeFile(path, content);
    const e = await assertRejects(() => Recording.open(path), message);
    assert(e instanceof RecordingError, name);
  }
  await assertRejects(() => Recording.open(`${tmp.dir}/missing`), /missing: no such file$/);
});

Deno.test("a recording uncompressed with zcat, and one garbled line in it, still replay", async () => {
  using tmp = tempDir();
  const steps = await record(`${tmp.dir}/rec`, 4);
  const out = await new Deno.Command("zcat", { args: [`${tmp.dir}/rec`], stdout: "piped" }).output();
  const lines = new TextDecoder().decode(out.stdout).split("\n");
  await Deno.writeTextFile(`${tmp.dir}/plain`, lines.join("\n"));
  const plain = await Recording.open(`${tmp.dir}/plain`);
  assertEquals(plain.warnings, []);
  assertEquals(
    snapshotData((await plain.at(T0 + 3000)).instances[0].snapshot!),
    snapshotData(steps[3].snapshot),
  );
  // lb1's delta at 2 s made unreadable (line 6: the header, two fulls, then lb1 and lb2 in turn).
  lines[5] = "{garbage";
  await Deno.writeTextFile(`${tmp.dir}/garbled`, lines.join("\n"));
  const garbled = await Recording.open(`${tmp.dir}/garbled`);
  assertMatch(garbled.warnings.join("\n"), /record 6 is not JSON \(corrupt\): skipped/);
  const frame = await garbled.at(T0 + 3000);
  assertEquals(frame.instances[0].snapshotTime, T0 + 1000, "the deltas after the lost one wait for a full");
  assertMatch(
    frame.problems.join("\n"),
    /lb1: records before .* are unreadable; the last readable one is shown/,
  );
});
