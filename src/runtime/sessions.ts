/**
 * `show sess` (one line per stream) and `show sess <id>` (one stream in full).
 *
 * A `show sess` line is `0x<id>: ` and space-separated `key=value` tokens: `proto`, `src`, `fe`, `be`,
 * `srv`, `ts`, `age`, `calls`, `rate`, `cpu`, `lat`, then buffer and connector states (`rq[…]`, `rp[…]`,
 * `s0=[…]`/`s1=[…]` in 2.2, `scf=[…]`/`scb=[…]` from 2.6) and `exp`. 2.6 added `epoch`, `rc`, `c_exp`.
 * Applets (peers, the CLI itself) have `proto=?` or `proto=unix_stream` and no client address. Keyed on the
 * token names, never on positions.
 *
 * @module
 */
import { keyValues, named, parseDuration, replyLines, toNumber } from "./text.ts";

/** One stream of `show sess`. */
export interface SessionRow {
  /** The stream's id, `0x…`: the argument of `show sess <id>` and `shutdown session <id>`. */
  readonly id: string;
  /** `tcpv4`, `tcpv6`, `unix_stream`, or `?` for an applet (peers, Lua…). */
  readonly proto: string;
  /** The client address (`src`), e.g. "127.0.0.1:50588" or "unix:1"; undefined for applets. */
  readonly client?: string;
  readonly frontend?: string;
  /** Undefined while no backend is chosen (`<NONE>`). */
  readonly backend?: string;
  /** Undefined while no server is chosen (`<none>`). */
  readonly server?: string;
  /** Seconds since the stream started (`age`), undefined when unreadable. */
  readonly age?: number;
  /** Times the stream's task was called. */
  readonly calls?: number;
  /** Calls per second. */
  readonly rate?: number;
  /** Seconds until the stream's next timeout (`exp`), undefined when none. */
  readonly expires?: number;
  /** Every token by name as printed, e.g. `ts`, `rq`, `scf`, `epoch`. */
  readonly fields: Readonly<Record<string, string>>;
}

const SESSION_LINE = /^(0x[0-9a-fA-F]+): (.*)$/;

/** Parses one `show sess` line; undefined when it is not one. */
export function parseSessionLine(line: string): SessionRow | undefined {
  const m = line.match(SESSION_LINE);
  if (!m) return undefined;
  const fields = keyValues(m[2]);
  if (fields.proto === undefined) return undefined;
  return {
    id: m[1],
    proto: fields.proto,
    client: named(fields.src),
    frontend: named(fields.fe),
    backend: named(fields.be),
    server: named(fields.srv),
    age: parseDuration(fields.age),
    calls: toNumber(fields.calls),
    rate: toNumber(fields.rate),
    expires: parseDuration(fields.exp),
    fields,
  };
}

/** Parses the reply of `show sess`: one row per stream line, other lines skipped. */
export function parseSessions(text: string): SessionRow[] {
  return replyLines(text).map(parseSessionLine).filter((r): r is SessionRow => r !== undefined);
}

/** One stream as `show sess <id>` dumps it. */
export interface SessionDetail {
  readonly id: string;
  /** When it started, as printed (`03/Dec/2026:08:04:38.195434`). */
  readonly started: string;
  /** The stream's unique number (`id=`), as in the logs' `%rt`. */
  readonly number?: number;
  readonly proto?: string;
  /** The client (`source=`). */
  readonly source?: string;
  readonly frontend?: string;
  readonly backend?: string;
  readonly server?: string;
  /** The dump's lines after the first, as printed (indentation kept), for the detail view. */
  readonly lines: readonly string[];
}

/** The `name=` value at the start of a detail line (`  frontend=tcp_hold (id=4 mode=tcp), …`). */
function detailName(lines: readonly string[], name: string): string | undefined {
  const line = lines.find((l) => l.trimStart().startsWith(`${name}=`));
  return named(line?.trimStart().slice(name.length + 1).split(/[\s,]/)[0]);
}

/**
 * Parses `show sess <id>`: its first line `0x<id>: [<date>] id=<n> proto=<p> source=<addr>`, the proxy and
 * server names of the `frontend=`, `backend=`, `server=` lines, and every line for display. Undefined when
 * the reply is not a dump ("Session not found.", "Permission denied").
 */
export function parseSessionDetail(text: string): SessionDetail | undefined {
  const [head, ...lines] = replyLines(text);
  const m = head?.match(/^(0x[0-9a-fA-F]+): \[([^\]]*)\] (.*)$/);
  if (!m) return undefined;
  const fields = keyValues(m[3]);
  return {
    id: m[1],
    started: m[2],
    number: toNumber(fields.id),
    proto: fields.proto,
    source: named(fields.source),
    frontend: detailName(lines, "frontend"),
    backend: detailName(lines, "backend"),
    server: detailName(lines, "server"),
    lines,
  };
}

/** The connection states of a stream's side, by number (HAProxy's `SC_ST_*`, `SI_ST_*` on 2.2). */
const SIDE_STATES = ["INI", "REQ", "QUE", "TAR", "ASS", "CON", "CER", "RDY", "EST", "DIS", "CLO"];

/**
 * The state of a stream's server side, from the first number of `scb=[…]` (`s1=[…]` on 2.2): `QUE` waits in
 * a queue, `CON` is connecting, `EST` is established, `INI` has no server connection yet (an HTTP stream
 * before its request); undefined when the line has neither token.
 */
export function serverSideState(row: SessionRow): string | undefined {
  const token = row.fields.scb ?? row.fields.s1;
  const n = token?.match(/^\[?(\d+),/)?.[1];
  return n === undefined ? undefined : SIDE_STATES[Number(n)] ?? n;
}
