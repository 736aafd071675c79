/**
 * `show errors`: the last request and response HAProxy rejected per proxy, with the captured buffer.
 *
 * Shape (2.2–3.4 alike): `Total events captured on [<date>] : <n>`, then per capture a line holding one
 * space, `[<date>] frontend <name> (#<id>): invalid request` (or `backend … : invalid response`), then
 * `  backend <name> (#<id>), server <name> (#<id>), event #<n>, src <addr>` (for a response the first is the
 * frontend), `buffer starts at …`, `len <n>, wraps at <n>, error at position <n>`, mux state lines, and the
 * dump: `  <offset>  <escaped text>` lines, escapes `\r`, `\n`, `\t`, `\\`, `\xNN`. No empty line inside
 * (HAProxy prints a single space), so the reply splits on the `[<date>] ` heads.
 *
 * @module
 */
import { blocksBy, named, parseLogDate, replyLines, toNumber } from "./text.ts";

/** One captured protocol error. */
export interface ErrorCapture {
  /** When it was captured, as printed (`03/Dec/2026:08:02:37.727`, HAProxy's local time). */
  readonly when: string;
  /** {@linkcode ErrorCapture.when} read as UTC, for ordering; undefined when unreadable. */
  readonly date?: Date;
  /** Request (from the client) or response (from the server). */
  readonly direction: "request" | "response";
  /** The proxy that captured it and its kind: a request error is a frontend's, a response error a backend's. */
  readonly proxy: string;
  readonly proxyId?: number;
  /** The other proxy of the stream (the backend of a request error, the frontend of a response error). */
  readonly peerProxy?: string;
  readonly server?: string;
  /** HAProxy's running number of the capture. */
  readonly event?: number;
  /** The client (request) or server (response) address. */
  readonly source?: string;
  /** Bytes captured. */
  readonly length?: number;
  /** Offset of the first byte HAProxy rejected. */
  readonly errorAt?: number;
  /** The lines between the head and the dump (buffer and mux state), trimmed. */
  readonly state: readonly string[];
  /** The dump as printed: offset and escaped text per line. */
  readonly dump: readonly { readonly offset: number; readonly text: string }[];
  /** The captured bytes, unescaped. */
  readonly buffer: string;
}

/** The whole reply: when it was taken, how many errors HAProxy counted, and the captures. */
export interface ErrorReport {
  readonly capturedAt?: string;
  /** Errors counted since start (only the last one per proxy and direction is kept). */
  readonly total?: number;
  readonly captures: readonly ErrorCapture[];
}

const HEAD = /^\[([^\]]+)\] (frontend|backend) (.*) \(#(-?\d+)\): invalid (request|response)\s*$/;
const PEERS = /^(?:frontend|backend) (.*?) \(#-?\d+\), server (.*?) \(#-?\d+\), event #(\d+), src (\S+)/;
const DUMP = /^\s+(\d{5,}) {2}(.*)$/;

/** Undoes HAProxy's dump escaping (`\r`, `\n`, `\t`, `\\`, `\xNN`, and `\"` or `\'`). */
export function unescapeDump(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|.)/g, (_, e: string) => {
    if (e[0] === "x" && e.length === 3) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ r: "\r", n: "\n", t: "\t", e: "\x1b" } as Record<string, string>)[e] ?? e;
  });
}

function capture(head: RegExpMatchArray, body: readonly string[]): ErrorCapture {
  const peers = body[0]?.trim().match(PEERS);
  const dump = body.map((l) => l.match(DUMP)).filter((m): m is RegExpMatchArray => m !== null)
    .map((m) => ({ offset: Number(m[1]), text: m[2] }));
  const sizes = body.map((l) => l.match(/len (\d+), wraps at \d+, error at position (\d+)/)).find((m) => m);
  return {
    when: head[1],
    date: parseLogDate(head[1]),
    direction: head[5] as "request" | "response",
    proxy: head[3],
    proxyId: toNumber(head[4]),
    peerProxy: named(peers?.[1]),
    server: named(peers?.[2]),
    event: toNumber(peers?.[3]),
    source: peers?.[4],
    length: toNumber(sizes?.[1]),
    errorAt: toNumber(sizes?.[2]),
    state: body.slice(1).filter((l) => !DUMP.test(l)).map((l) => l.trim()).filter((l) => l !== ""),
    dump,
    buffer: dump.map((d) => unescapeDump(d.text)).join(""),
  };
}

/** Parses `show errors`. */
export function parseErrors(text: string): ErrorReport {
  const lines = replyLines(text);
  const total = lines[0]?.match(/^Total events captured on \[([^\]]+)\] : (\d+)/);
  const captures = blocksBy(lines, HEAD).map((b) => capture(b.head, b.body));
  return { capturedAt: total?.[1], total: toNumber(total?.[2]), captures };
}
