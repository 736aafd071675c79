/**
 * HAProxy's event rings: `show events` (the sinks) and `show events <sink>` (a ring's lines).
 *
 * `show events`: `Supported events sinks are listed below. Add -w(wait), -n(new). Any key to stop` (3.2
 * adds `-0(zero)`, 3.4 `-s(anitize)`), then `    <name> : type=<fd|buffer>, <n> dropped, <description>`
 * (`buf0` always, `dpapi` from 3.2, every `ring` section). A ring holds log lines in its `format`; with
 * `rfc3164` (the lab's): `<PRI>Mon dd hh:mm:ss [host ]tag[pid]: message` (2.2 prints no host). Other formats
 * are kept as plain lines.
 *
 * @module
 */
import { replyLines, toNumber } from "./text.ts";

/** One sink of `show events`. */
export interface EventSink {
  readonly name: string;
  /** `fd` (stdout, stderr) or `buffer` (a ring). */
  readonly type: string;
  /** Messages lost because the sink was full or slow. */
  readonly dropped?: number;
  readonly description: string;
}

const SINK = /^\s+(\S+)\s*: type=([^,]+), (\d+) dropped, (.*)$/;

/** Parses `show events`. */
export function parseEventSinks(text: string): EventSink[] {
  const out: EventSink[] = [];
  for (const line of replyLines(text)) {
    const m = line.match(SINK);
    if (m) out.push({ name: m[1], type: m[2].trim(), dropped: toNumber(m[3]), description: m[4].trim() });
  }
  return out;
}

/** syslog severities by number. */
export const SEVERITIES = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"] as const;

/** One line of a ring. */
export interface EventLine {
  /** The line as printed. */
  readonly raw: string;
  /** syslog facility and severity numbers, from `<PRI>`. */
  readonly facility?: number;
  readonly severity?: number;
  /** The syslog timestamp as printed (`Dec  3 08:04:38`). */
  readonly timestamp?: string;
  readonly host?: string;
  /** Program name and pid (`haproxy`, 12188). */
  readonly tag?: string;
  readonly pid?: number;
  /** The text after `tag[pid]: `; the whole line when it is not an rfc3164 line. */
  readonly message: string;
}

const RFC3164 = /^<(\d{1,3})>(\w{3} [ \d]\d \d\d:\d\d:\d\d) (?:(\S+) )?([^\s[\]]+)\[(\d+)\]: (.*)$/;

/** Parses one ring line. */
export function parseEventLine(raw: string): EventLine {
  const m = raw.match(RFC3164);
  if (!m) return { raw, message: raw };
  const pri = Number(m[1]);
  return {
    raw,
    facility: Math.floor(pri / 8),
    severity: pri % 8,
    timestamp: m[2],
    ...(m[3] ? { host: m[3] } : {}),
    tag: m[4],
    pid: Number(m[5]),
    message: m[6],
  };
}

/** Parses `show events <sink>`: one event per line. */
export function parseEvents(text: string): EventLine[] {
  return replyLines(text).filter((l) => l !== "").map(parseEventLine);
}
