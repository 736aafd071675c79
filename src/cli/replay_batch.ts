/**
 * `--replay FILE --batch [--at TIME] [--count N]`: a recorded moment printed exactly as the live `--batch`
 * printed it then (text of mode -m, or JSON); and `--replay FILE --events`: the recording's state
 * transitions, oldest first. A file that is not a recording, or of a newer format, is an error (exit 1);
 * corrupt records are skipped with a warning.
 *
 * @module
 */
import {
  eventsOf,
  type Frame,
  Recording,
  RecordingError,
  resolveMoment,
  type StateEvent,
} from "../record/mod.ts";
import { PROGRAM } from "../version.ts";
import { batchJson, batchText, instanceName, type NamedSnapshot } from "./batch.ts";
import type { Options } from "./options.ts";
import { printed, seriesBlock } from "./record_batch.ts";
import { EXIT, type Io } from "./connect.ts";

/** The instances of a frame that have a snapshot, named as the live batch named them; notes for the rest. */
function namedOf(frame: Frame, io: Io): NamedSnapshot[] {
  const named: NamedSnapshot[] = [];
  const at = new Date(frame.time).toISOString();
  for (const problem of frame.problems) io.err(`${PROGRAM}: warning: ${problem}\n`);
  for (const i of frame.instances) {
    if (i.error !== undefined) {
      const shown = i.snapshotTime === undefined
        ? "nothing to show for it"
        : `its snapshot of ${new Date(i.snapshotTime).toISOString()} is shown`;
      io.err(`${PROGRAM}: warning: ${i.address} did not answer at ${at} (${i.error}); ${shown}\n`);
    } else if (!i.snapshot) io.err(`${PROGRAM}: warning: ${i.address} had no snapshot yet at ${at}\n`);
    if (i.snapshot) {
      const name = instanceName(i.address, i.snapshot, frame.instances.length);
      named.push({ name, address: i.address, snapshot: i.snapshot });
    }
  }
  return named;
}

/** The events as a table: TIME INSTANCE SERVICE KIND FIELD CHANGE. */
export function eventsText(list: readonly StateEvent[]): string {
  const rows = list.map((e) => [
    new Date(e.time).toISOString(),
    e.instance,
    e.proxy === "" ? "-" : `${e.proxy}/${e.service}`,
    e.kind,
    e.field,
    `${e.before === "" ? "-" : e.before} -> ${e.after === "" ? "-" : e.after}`,
  ]);
  const all = [["TIME", "INSTANCE", "SERVICE", "KIND", "FIELD", "CHANGE"], ...rows];
  const widths = all[0].map((_, c) => Math.max(...all.map((r) => r[c].length)));
  return all.map((r) => r.map((v, c) => (c === r.length - 1 ? v : v.padEnd(widths[c]))).join("  ")).join(
    "\n",
  ) +
    "\n";
}

/** The events, one JSON object per line, times in ISO 8601. */
export function eventsJson(list: readonly StateEvent[]): string {
  return list.map((e) => JSON.stringify({ ...e, time: new Date(e.time).toISOString() }) + "\n").join("");
}

/**
 * Opens the recording to replay, its warnings said on stderr; the exit code (1) when it cannot be replayed,
 * the message said.
 */
export async function openReplay(path: string, io: Io): Promise<Recording | number> {
  let recording: Recording;
  try {
    recording = await Recording.open(path);
  } catch (e) {
    if (!(e instanceof RecordingError)) throw e;
    io.err(`${PROGRAM}: cannot replay ${e.message}\n`);
    return EXIT.failure;
  }
  for (const warning of recording.warnings) io.err(`${PROGRAM}: warning: ${warning}\n`);
  return recording;
}

/** Runs --replay; returns the exit code. */
export async function runReplay(options: Options, io: Io): Promise<number> {
  const replay = options.replay!;
  const recording = await openReplay(replay.path, io);
  if (typeof recording === "number") return recording;
  if (replay.events) {
    const list = await eventsOf(recording);
    io.out(options.format === "json" ? eventsJson(list) : eventsText(list));
    return EXIT.ok;
  }
  const series = options.count !== undefined;
  let time = replay.at
    ? resolveMoment(replay.at, recording.start, recording.end)
    : series
    ? recording.start
    : recording.end;
  if (time < recording.start) {
    const [asked, start] = [time, recording.start].map((t) => new Date(t).toISOString());
    io.err(`${PROGRAM}: ${asked} is before the recording starts (${start})\n`);
    return EXIT.failure;
  }
  for (let k = 0; !series || options.count === 0 || k < options.count!; k++) {
    const frame = await recording.at(time);
    const named = namedOf(frame, io);
    if (!series) {
      io.out(
        options.format === "json"
          ? batchJson(named)
          : batchText(named, options.mode as 1 | 2 | 3 | 4, options.header),
      );
      return EXIT.ok;
    }
    if (named.length > 0 && !printed(io, seriesBlock(frame.time, named, options, k === 0))) break;
    const next = recording.next(frame.time);
    if (next === undefined) break;
    time = next;
  }
  return EXIT.ok;
}
