/**
 * The recorder on real files: what lands on disk (gzip members that zcat reads, JSON lines, mode 0600), full
 * snapshots every N seconds each starting a member, rotation by size, appending to a recording, refusing
 * any other file, ending a member a crash left open, and write errors that never throw.
 */
import { assert, assertEquals, assertMatch, assertRejects } from "../support/assert.ts";
import { RECORD_PARTS, Recorder, Recording, RecordOpenError } from "../../src/record/mod.ts";
import { memberStarts } from "../../src/record/gzip.ts";
import { tempDir, webSteps } from "./_helpers.ts";

const T0 = Date.UTC(2026, 11, 3, 6, 40, 0);
const INSTANCES = [{ name: "lb1", address: "/run/lb1.sock" }];

async function record(
  path: string,
  count: number,
  options: { fullEverySeconds?: number; maxBytes?: number } = {},
) {
  const recorder = await Recorder.open({
    path,
    instances: INSTANCES,
    interval: 1,
    hatop: "test",
    ...options,
  });
  for (const step of webSteps(count, T0)) {
    assertEquals(await recorder.record(step.time, 0, { snapshot: step.snapshot }), { ok: true });
  }
  assertEquals(await recorder.close(T0 + count * 1000), { ok: true });
  return recorder;
}

/** `zcat FILE`: its exit code and lines. */
async function zcat(path: string): Promise<{ code: number; lines: string[] }> {
  const out = await new Deno.Command("zcat", { args: [path], stdout: "piped", stderr: "null" }).output();
  return { code: out.code, lines: new TextDecoder().decode(out.stdout).split("\n").filter((l) => l !== "") };
}

/** `zcat FILE`: its exit code and the types of its records. */
async function types(path: string): Promise<[number, string[]]> {
  const { code, lines } = await zcat(path);
  return [code, lines.map((l) => JSON.parse(l).type)];
}

Deno.test("a recording is gzip JSON lines that zcat reads: header, full, deltas, end; mode 0600", async () => {
  using tmp = tempDir();
  const path = `${tmp.dir}/rec`;
  const recorder = await record(path, 4);
  const { code, lines } = await zcat(path);
  assertEquals(code, 0);
  const records = lines.map((l) => JSON.parse(l));
  assertEquals(records.map((r) => r.type), ["header", "full", "delta", "delta", "delta", "end"]);
  assertEquals(records[0].format, 1);
  assertEquals(records[0].instances, INSTANCES);
  assertEquals(records[1].stats.length, 5);
  assertEquals(records[1].stats[1].svname, "w1");
  assertEquals(records[3].stats, {
    "web/w1": { status: "DOWN", lastchg: 0, check_status: "L4CON", check_code: null },
    "web/BACKEND": { act: 2 },
  });
  assertEquals(records[2].stats, undefined, "an idle second: nothing but the time");
  assertEquals((await Deno.stat(path)).mode! & 0o777, 0o600);
  assertEquals(recorder.bytesWritten, (await Deno.stat(path)).size);
});

Deno.test("a full snapshot every N seconds, each round in a new gzip member", async () => {
  using tmp = tempDir();
  const path = `${tmp.dir}/rec`;
  await record(path, 7, { fullEverySeconds: 3 });
  assertEquals((await types(path))[1], [
    "header",
    "full",
    "delta",
    "delta",
    "full",
    "delta",
    "delta",
    "full",
    "end",
  ]);
  assertEquals(memberStarts(await Deno.readFile(path)).length, 4, "the header, then one member per round");
});

Deno.test("rotation keeps the newest parts: FILE, FILE.1 … FILE.9, each starting with a header", async () => {
  using tmp = tempDir();
  const path = `${tmp.dir}/rec`;
  // Parts of about two full snapshots each (a one-refresh recording is one): many rotations in 60 refreshes
  // with a full snapshot every 2 s.
  const one = (await record(`${tmp.dir}/one`, 1)).bytesWritten;
  await record(path, 60, { fullEverySeconds: 2, maxBytes: one * 2 * RECORD_PARTS });
  const names = [...Deno.readDirSync(tmp.dir)].map((e) => e.name).filter((n) => n.startsWith("rec")).sort();
  assertEquals(names, ["rec", ...Array.from({ length: RECORD_PARTS - 1 }, (_, i) => `rec.${i + 1}`)].sort());
  for (const name of names) {
    const lines = (await zcat(`${tmp.dir}/${name}`)).lines;
    assertEquals(JSON.parse(lines[0]).type, "header", name);
    assertEquals(JSON.parse(lines[1]).type, "full", name);
  }
  const recording = await Recording.open(path);
  assertEquals(recording.end, T0 + 59_000, "the newest moment is kept");
  assert(recording.start > T0, "the oldest parts were removed");
  assertEquals(
    recording.moments.length,
    (recording.end - recording.start) / 1000 + 1,
    "no moment missing in between",
  );
});

Deno.test("an existing recording is appended to as a new session; any other file is refused untouched", async () => {
  using tmp = tempDir();
  const path = `${tmp.dir}/rec`;
  await record(path, 2);
  const again = await Recorder.open({
    path,
    instances: [{ name: "lb2", address: "/run/lb2.sock" }],
    interval: 1,
    hatop: "t",
  });
  await again.record(T0 + 10_000, 0, { snapshot: webSteps(1, T0)[0].snapshot });
  await again.close(T0 + 11_000);
  assertEquals(await types(path), [0, ["header", "full", "delta", "end", "header", "full", "end"]]);
  const recording = await Recording.open(path);
  assertEquals((await recording.at(T0 + 1000)).instances.map((i) => i.address), ["/run/lb1.sock"]);
  assertEquals((await recording.at(T0 + 10_000)).instances.map((i) => i.address), ["/run/lb2.sock"]);

  const config = `${tmp.dir}/haproxy.cfg`;
  await Deno.writeTextFile(config, "global\n    maxconn 100\n");
  const e = await assertRejects(() =>
    Recorder.open({ path: config, instances: INSTANCES, interval: 1, hatop: "t" })
  );
  assert(e instanceof RecordOpenError);
  assertMatch(e.message, /haproxy\.cfg: it is not a hatop recording .*left as it is/);
  assertEquals(await Deno.readTextFile(config), "global\n    maxconn 100\n");
  await assertRejects(
    () => Recorder.open({ path: tmp.dir, instances: INSTANCES, interval: 1, hatop: "t" }),
    /it is a directory/,
  );
  await assertRejects(
    () =>
      Recorder.open({ path: `${tmp.dir}/no/such/dir/rec`, instances: INSTANCES, interval: 1, hatop: "t" }),
    /cannot record to .*: no such file or directory/,
  );
});

Deno.test("a member a crashed recorder left open is ended before appending, so zcat reads the whole file", async () => {
  using tmp = tempDir();
  const path = `${tmp.dir}/rec`;
  const recorder = await Recorder.open({ path, instances: INSTANCES, interval: 1, hatop: "t" });
  for (const step of webSteps(3, T0)) await recorder.record(step.time, 0, { snapshot: step.snapshot });
  // No close: as after SIGKILL. zcat reads the flushed records and complains about the missing end.
  assertEquals(await types(path), [1, ["header", "full", "delta", "delta"]]);
  await record(path, 1);
  assertEquals(await types(path), [0, ["header", "full", "delta", "delta", "header", "full", "end"]]);
});

Deno.test("a write error comes back as a message, never as an exception (/dev/full)", async () => {
  const e = await assertRejects(() =>
    Recorder.open({ path: "/dev/full", instances: INSTANCES, interval: 1, hatop: "t" })
  );
  assert(e instanceof RecordOpenError);
  assertMatch(e.message, /^cannot record to \/dev\/full: No space left on device/);
});
