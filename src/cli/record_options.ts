/**
 * The recording options (`--count`, `--record`, `--record-max`, `--record-full`, `--replay`, `--at`,
 * `--events`) checked together: which go with which, and their values. Pure, like the rest of option parsing.
 *
 * @module
 */
import { type MomentSpec, parseMoment, parseSize } from "../record/time.ts";

/** The smallest --record-max: each of the ten parts holds 100 KiB at least. */
export const RECORD_MAX_MIN = 2 ** 20;

/** What to record to. */
export interface RecordTarget {
  readonly path: string;
  /** Rotation: the parts together stay under about this many bytes. */
  readonly maxBytes?: number;
  readonly fullEverySeconds: number;
}

/** What to replay and how. */
export interface ReplaySource {
  readonly path: string;
  readonly at?: MomentSpec;
  /** --events: list the transitions instead of printing a moment. */
  readonly events: boolean;
}

/** The recording part of the options. */
export interface RecordOptions {
  /** --count: snapshots (or moments of a replay) to print; 0 = until interrupted / to the end. */
  readonly count?: number;
  readonly record?: RecordTarget;
  readonly replay?: ReplaySource;
}

/** What the rest of the options say, as far as these depend on it. */
export interface Context {
  readonly batch: boolean;
  readonly check: boolean;
  /** Whether -s or -t was given, and -p or -f. */
  readonly sockets: boolean;
  readonly filters: boolean;
}

/**
 * Checks the recording options of raw option values `o`.
 *
 * @returns The options, or the message of the first problem (exit code 1).
 */
export function recordOptions(o: Record<string, unknown>, ctx: Context): RecordOptions | string {
  const str = (k: string) => o[k] as string | undefined;
  let count: number | undefined;
  if (str("count") !== undefined) {
    if (!/^\s*\d+\s*$/.test(str("count")!)) return `invalid count: ${str("count")} (0 or more)`;
    count = Number(str("count"));
    if (!ctx.batch) return "--count goes with --batch";
  }
  const events = Boolean(o.events);
  const replayPath = str("replay");
  if (replayPath !== undefined) {
    if (replayPath === "") return "empty --replay file name";
    if (ctx.sockets) return "--replay reads a recording instead of a socket: leave out -s and -t";
    if (ctx.filters) return "-p and -f choose what is recorded; they do not apply to --replay";
    if (ctx.check) return "--check asks a live HAProxy; it does not go with --replay";
    if (str("record") !== undefined) return "--record and --replay exclude each other";
    if (events && ctx.batch) return "--events and --batch exclude each other: choose one";
    if (events && count !== undefined) return "--count goes with --batch";
  } else {
    if (str("at") !== undefined) return "--at goes with --replay";
    if (events) return "--events goes with --replay";
  }
  let at: MomentSpec | undefined;
  if (str("at") !== undefined) {
    if (events) return "--at goes with --replay --batch";
    const parsed = parseMoment(str("at")!);
    if (typeof parsed === "string") return parsed;
    at = parsed;
  }
  const record = recordTarget(o, ctx);
  if (typeof record === "string") return record;
  return {
    ...(count !== undefined ? { count } : {}),
    ...(record ? { record } : {}),
    ...(replayPath !== undefined ? { replay: { path: replayPath, events, ...(at ? { at } : {}) } } : {}),
  };
}

function recordTarget(o: Record<string, unknown>, ctx: Context): RecordTarget | undefined | string {
  const path = o.record as string | undefined;
  const max = o.recordMax as string | undefined;
  const full = o.recordFull as string | undefined;
  if (path === undefined) {
    if (max !== undefined) return "--record-max goes with --record";
    if (full !== undefined) return "--record-full goes with --record";
    return undefined;
  }
  if (path === "") return "empty --record file name";
  if (ctx.check) return "--record goes with the monitor or --batch, not --check";
  let maxBytes: number | undefined;
  if (max !== undefined) {
    const parsed = parseSize(max);
    if (typeof parsed === "string") return `--record-max: ${parsed}`;
    if (parsed < RECORD_MAX_MIN) return `invalid --record-max: ${max} (at least 1M)`;
    maxBytes = parsed;
  }
  let minutes = 5;
  if (full !== undefined) {
    minutes = Number(full);
    if (!/^\s*\d+\s*$/.test(full) || minutes < 1 || minutes > 1440) {
      return `invalid --record-full: ${full} (1-1440 minutes)`;
    }
  }
  return { path, fullEverySeconds: minutes * 60, ...(maxBytes ? { maxBytes } : {}) };
}
