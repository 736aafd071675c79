/**
 * `show threads`: one block per thread.
 *
 * A block starts with two marks and `Thread <n> : id=0x… act=… glob=… wq=… rq=… tl=… tlsz=… rqsz=…`: the
 * first mark is `*` for the thread that answered, the second `>` for a thread HAProxy's watchdog found stuck
 * (else spaces). Then a line of state tokens (2.2: `stuck=0 prof=0 harmless=0 wantrdv=0`; from 2.6 it starts
 * with `<group>/<thread in group>`, 3.0 has `isolated` instead of `wantrdv`, 3.2 adds `loops` and `ctxsw`,
 * 3.4 `locks`), `cpu_ns: poll=… now=… diff=…`, and the current task, stream and call-trace lines, which
 * differ too much between releases to read: they are kept as text.
 *
 * @module
 */
import { blocksBy, keyValues, replyLines, toNumber } from "./text.ts";

/** One thread of `show threads`. */
export interface ThreadInfo {
  /** Thread number, from 1. */
  readonly thread: number;
  /** The thread that ran the command (`*`). */
  readonly current: boolean;
  /** Marked `>`: the watchdog found it stuck. */
  readonly markedStuck: boolean;
  /** Thread group and the thread's number in it (`1/2`, 2.6 and later). */
  readonly group?: string;
  /** Tasks in the wait queue and run queue, tasklets (`wq`, `rq`, `tl`). */
  readonly waitQueue?: number;
  readonly runQueue?: number;
  readonly tasklets?: number;
  /** Loops run (3.2 and later print them here). */
  readonly loops?: number;
  readonly stuck?: boolean;
  /** Nanoseconds of CPU at the last poll, now, and the difference (`cpu_ns:`). */
  readonly cpuNs?: { readonly poll?: number; readonly now?: number; readonly diff?: number };
  /** The header and state tokens by name. */
  readonly fields: Readonly<Record<string, string>>;
  /** Every line of the block after the header, as printed. */
  readonly lines: readonly string[];
}

const HEAD = /^([* ])([> ])Thread (\d+)\s*:\s*(.*)$/;

function block(head: RegExpMatchArray, lines: string[]): ThreadInfo {
  const state = lines[0]?.trim() ?? "";
  const group = state.match(/^(\d+\/\d+)\s/)?.[1];
  const fields = {
    ...keyValues(head[4]),
    ...(state.includes("=") && !state.startsWith("cpu_ns") ? keyValues(state) : {}),
  };
  const cpu = lines.find((l) => l.trim().startsWith("cpu_ns:"));
  const ns = cpu ? keyValues(cpu.trim().slice("cpu_ns:".length)) : undefined;
  return {
    thread: Number(head[3]),
    current: head[1] === "*",
    markedStuck: head[2] === ">",
    ...(group ? { group } : {}),
    waitQueue: toNumber(fields.wq),
    runQueue: toNumber(fields.rq),
    tasklets: toNumber(fields.tl),
    loops: toNumber(fields.loops),
    stuck: fields.stuck === undefined ? undefined : fields.stuck !== "0",
    ...(ns ? { cpuNs: { poll: toNumber(ns.poll), now: toNumber(ns.now), diff: toNumber(ns.diff) } } : {}),
    fields,
    lines: lines.filter((l) => l.trim() !== ""),
  };
}

/** Parses `show threads`. */
export function parseThreads(text: string): ThreadInfo[] {
  return blocksBy(replyLines(text), HEAD).map((b) => block(b.head, b.body));
}
