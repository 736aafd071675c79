/**
 * The recording's size and cost on a real, idle HAProxy of about 1,000 services at `-i 1`: the monitor's own
 * refresh (client, fetchSnapshot) every second into a real Recorder, bytes counted per record; then the same
 * records encoded the other ways one could have chosen, for comparison. Writes its section of
 * docs/benchmark.md (between the `record:begin` and `record:end` markers; `deno task bench` keeps it).
 *
 * `deno task bench:record` (180 s), `--seconds N` for another length.
 *
 * @module
 */
import zlib from "node:zlib";
import { HaproxyClient } from "../../src/haproxy/client.ts";
import { fetchSnapshot } from "../../src/stats/read_snapshot.ts";
import { Recorder } from "../../src/record/mod.ts";
import { decodeRegion } from "../../src/record/gzip.ts";
import { type InstanceState, stateOf } from "../../src/record/state.ts";
import { Compressor } from "../../src/record/gzip.ts";
import { startLab } from "../lab/haproxy.ts";
import { manyServersBody } from "../lab/configs.ts";
import { bytes, median, ms } from "./stats.ts";
import { writeFormatted } from "../lib/formatted.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const OUTPUT = `${ROOT}docs/benchmark.md`;
/** The markers around the recording section of docs/benchmark.md. */
export const BEGIN = "<!-- record:begin -->";
/** See {@linkcode BEGIN}. */
export const END = "<!-- record:end -->";

/** Full snapshots per hour at the default of one every 5 minutes. */
const FULLS_PER_HOUR = 12;

/** What one run measured. */
export interface RecordResult {
  readonly services: number;
  readonly seconds: number;
  readonly refreshes: number;
  readonly fullEvery: number;
  readonly headerBytes: number;
  /** Compressed bytes of each full snapshot (each starts a member), and of each idle delta. */
  readonly fulls: readonly number[];
  readonly deltas: readonly number[];
  /** The same two, as JSON text. */
  readonly rawFull: number;
  readonly rawDelta: number;
  readonly written: number;
  /** Milliseconds the Recorder took per refresh (delta and write). */
  readonly recordMs: readonly number[];
  /** Other encodings of the same records: name, bytes per hour, readable by zcat, crash-safe per record. */
  readonly alternatives: readonly { name: string; perHour: number; zcat: boolean; safe: boolean }[];
}

/** Bytes per hour from the size of a full snapshot and of an idle refresh, at `-i 1`. */
export function perHour(full: number, delta: number, header = 0): number {
  return header + FULLS_PER_HOUR * full + (3600 - FULLS_PER_HOUR) * delta;
}

/** A delta that stores every changed field, clock fields included (no prediction), as a JSON line. */
function naiveDelta(prev: InstanceState, next: InstanceState, time: string): string {
  const info: Record<string, string> = {};
  for (const [k, v] of next.info) if (prev.info.get(k) !== v) info[k] = v;
  const stats: Record<string, Record<string, string>> = {};
  next.values.forEach((values, r) => {
    values.forEach((v, i) => {
      if (prev.values[r][i] !== v) (stats[next.keys[r]] ??= {})[next.shapes[r].fields[i]] = v;
    });
  });
  return JSON.stringify({ type: "delta", time, instance: 0, info, stats });
}

/** Sync-flushed members of `level`, a new member at each full record: the writer's own layout. */
async function ourLayout(lines: readonly string[], level: number): Promise<number> {
  let total = 0;
  let member: Compressor | undefined;
  for (const line of lines) {
    if (!member || line.startsWith('{"type":"full"')) {
      member?.destroy();
      member = await Compressor.create(level);
      total += 10 + 13;
    }
    total += (await member.compress(new TextEncoder().encode(line + "\n"))).length;
  }
  member?.destroy();
  return total;
}

/** Brotli flushed after every record (not readable by zcat). */
async function brotliFlushed(lines: readonly string[]): Promise<number> {
  const stream = zlib.createBrotliCompress();
  let total = 0;
  stream.on("data", (c: Uint8Array) => total += c.length);
  for (const line of lines) {
    stream.write(new TextEncoder().encode(line + "\n"));
    await new Promise<void>((r) => stream.flush(zlib.constants.BROTLI_OPERATION_FLUSH, () => r()));
  }
  stream.destroy();
  return total;
}

/** Records `seconds` refreshes of the socket into `path`, with a full snapshot every `fullEvery` s. */
export async function measureRecording(socket: string, path: string, seconds: number, fullEvery: number) {
  const client = new HaproxyClient({ transport: "unix", path: socket }, { timeoutMs: 10_000 });
  await client.connect();
  const recorder = await Recorder.open({
    path,
    instances: [{ name: socket, address: socket }],
    interval: 1,
    fullEverySeconds: fullEvery,
    hatop: "bench",
  });
  const headerBytes = recorder.bytesWritten;
  const sizes: number[] = [];
  const recordMs: number[] = [];
  const naive: string[] = [];
  let prev: InstanceState | undefined;
  let services = 0;
  const start = Date.now();
  try {
    for (let k = 0; k < seconds; k++) {
      await new Promise((r) => setTimeout(r, start + k * 1000 - Date.now()));
      const time = Date.now();
      const snapshot = await fetchSnapshot(client, ["show stat"]);
      services = snapshot.services;
      const before = recorder.bytesWritten;
      const t0 = performance.now();
      const result = await recorder.record(time, 0, { snapshot });
      recordMs.push(performance.now() - t0);
      if (!result.ok) throw new Error(result.message);
      sizes.push(recorder.bytesWritten - before);
      const state = stateOf(time, { snapshot });
      if (prev) naive.push(naiveDelta(prev, state, new Date(time).toISOString()));
      prev = state;
    }
  } finally {
    await recorder.close();
    await client.close();
  }
  const lines = (await decodeRegion(await Deno.readFile(path))).text.split("\n").filter((l) => l !== "");
  const records = lines.slice(1, 1 + sizes.length);
  const isFull = records.map((l) => l.startsWith('{"type":"full"'));
  const fulls = sizes.filter((_, i) => isFull[i]);
  const deltas = sizes.filter((_, i) => !isFull[i]);
  const rawFull = median(records.filter((_, i) => isFull[i]).map((l) => l.length + 1));
  const rawDelta = median(records.filter((_, i) => !isFull[i]).map((l) => l.length + 1));
  // Other encodings of the same records: the first full snapshot, then every idle delta after it, encoded
  // each way; an hour is 12 such fulls and 3588 deltas of the average cost.
  const fullLine = records.find((_, i) => isFull[i])!;
  const idle = records.filter((_, i) => !isFull[i]);
  const other = async (encode: (ls: string[]) => Promise<number> | number, deltaLines = idle) => {
    const full = await encode([fullLine]);
    return perHour(full, ((await encode([fullLine, ...deltaLines])) - full) / deltaLines.length);
  };
  const gzipEach = (ls: string[]) => ls.reduce((n, l) => n + zlib.gzipSync(l + "\n").length, 0);
  const gzipOnce = (ls: string[]) => zlib.gzipSync(ls.join("\n") + "\n").length;
  const alternatives = [
    { name: "plain JSON lines", perHour: perHour(rawFull, rawDelta), zcat: true, safe: true },
    {
      name: "**gzip members, flushed per record, level 6 (chosen)**",
      perHour: perHour(median(fulls), median(deltas)),
      zcat: true,
      safe: true,
    },
    { name: "the same at level 1", perHour: await other((ls) => ourLayout(ls, 1)), zcat: true, safe: true },
    { name: "the same at level 9", perHour: await other((ls) => ourLayout(ls, 9)), zcat: true, safe: true },
    { name: "one gzip member per record", perHour: await other(gzipEach), zcat: true, safe: true },
    { name: "one gzip stream, never flushed", perHour: await other(gzipOnce), zcat: true, safe: false },
    { name: "brotli, flushed per record", perHour: await other(brotliFlushed), zcat: false, safe: true },
    {
      name: "level 6 as chosen, deltas without the clock prediction",
      perHour: await other((ls) => ourLayout(ls, 6), naive),
      zcat: true,
      safe: true,
    },
  ];
  return {
    services,
    seconds,
    refreshes: sizes.length,
    fullEvery,
    headerBytes,
    fulls,
    deltas,
    rawFull,
    rawDelta,
    written: recorder.bytesWritten,
    recordMs,
    alternatives,
  };
}

/** The markdown section. */
export function renderRecording(r: RecordResult, date: string): string {
  const full = median(r.fulls);
  const delta = median(r.deltas);
  const hour = perHour(full, delta, r.headerBytes);
  const limit = 20e6;
  return [
    BEGIN,
    "## Recording (`--record`)",
    "",
    `Measured ${date} with \`deno task bench:record\`: a real HAProxy with ${r.services} services, idle (no checks,`,
    `no traffic), its \`show info\` and \`show stat\` read every second by the monitor's own refresh for ${r.seconds} s`,
    `and recorded with a full snapshot every ${r.fullEvery} s (${r.fulls.length} full, ${r.deltas.length} deltas).`,
    "An hour at `-i 1` with the default full snapshot every 5 minutes is 12 full snapshots and 3588 idle deltas.",
    "",
    "| measure | value |",
    "| --- | ---: |",
    `| full snapshot, JSON | ${bytes(r.rawFull)} |`,
    `| full snapshot, compressed (a new gzip member) | ${bytes(full)} |`,
    `| idle refresh, JSON (median) | ${bytes(r.rawDelta)} |`,
    `| idle refresh, compressed (median / max) | ${bytes(delta)} / ${bytes(Math.max(...r.deltas))} |`,
    `| this run, written | ${bytes(r.written)} in ${r.seconds} s |`,
    `| **an idle hour at \`-i 1\`** | **${bytes(hour)}** |`,
    `| recorder time per refresh (median / max) | ${ms(median(r.recordMs))} / ${
      ms(Math.max(...r.recordMs))
    } |`,
    "",
    "| target | measured | limit | |",
    "| --- | ---: | ---: | --- |",
    `| ~1k: bytes per idle hour at \`-i 1\` | ${bytes(hour)} | ≤ ${bytes(limit)} | ${
      hour <= limit ? "met" : "**missed**"
    } |`,
    "",
    "The same records encoded other ways (per idle hour, same extrapolation):",
    "",
    "| encoding | per hour | zcat reads it | a crash loses at most the record being written |",
    "| --- | ---: | --- | --- |",
    ...r.alternatives.map((a) =>
      `| ${a.name} | ${bytes(a.perHour)} | ${a.zcat ? "yes" : "no"} | ${a.safe ? "yes" : "no"} |`
    ),
    "",
    "Compression pays: a full snapshot repeats every field name on every row and compresses about 70 to 1. The",
    "flush after each record costs a few bytes per refresh against one stream never flushed, and buys a file",
    "that replays up to its last record after a crash; one member per record would lose the shared window",
    "(each idle delta would cost its own gzip header and trailer). Brotli is smaller still but `zcat` cannot",
    "read it. Without the clock prediction every server's `lastchg` would be in every delta.",
    END,
  ].join("\n");
}

/** `text` with its record section (or that between `begin` and `end`) replaced by `section` (appended when absent). */
export function withSection(text: string, section: string, begin = BEGIN, end = END): string {
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from < 0 || to < 0) return `${text.trimEnd()}\n\n${section}\n`;
  return text.slice(0, from) + section + text.slice(to + end.length);
}

/** The record section of a benchmark document (or that between `begin` and `end`), or "" when it has none. */
export function sectionOf(text: string, begin = BEGIN, end = END): string {
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  return from < 0 || to < 0 ? "" : text.slice(from, to + end.length);
}

if (import.meta.main) {
  const at = Deno.args.indexOf("--seconds");
  const seconds = at >= 0 ? Number(Deno.args[at + 1]) : 180;
  console.error(`bench: starting HAProxy with 960 servers; recording for ${seconds} s`);
  await using lab = await startLab(manyServersBody(960), { startTimeoutMs: 120_000 });
  const dir = await Deno.makeTempDir({ prefix: "hatop-bench-rec-" });
  try {
    const result = await measureRecording(lab.sockets.admin, `${dir}/bench.rec`, seconds, 60);
    const section = renderRecording(result, new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC");
    console.log(section);
    const old = await Deno.readTextFile(OUTPUT).catch(() => "# Benchmark\n");
    await writeFormatted(OUTPUT, withSection(old, section));
    console.error(`bench: wrote the recording section of ${OUTPUT}`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
