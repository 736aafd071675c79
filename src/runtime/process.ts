/**
 * Process internals: `show info` (read by src/stats, re-exported here with a row view) and `show activity`
 * (per-thread counters).
 *
 * `show activity`: `thread_id: <current> (<first>..<last>)`, then `<name>: <total> [ <thread 1> <thread 2>
 * … ]` per counter, a few lines without per-thread values (`date_now`, `uptime_now` from 3.0). Counters come
 * and go between releases (3.0 added `curr_rq`, `avg_cpu_pct`, `check_*`); keyed on names.
 *
 * @module
 */
import { parseInfo } from "../stats/info.ts";
import { numberOrText, replyLines, toNumber } from "./text.ts";

export { parseInfo };

/** One `Key: value` line of `show info`. */
export interface InfoRow {
  readonly key: string;
  readonly value: string;
}

/** `show info` as rows in HAProxy's order (keys exactly as printed; a repeated key keeps its first value). */
export function parseInfoRows(text: string): InfoRow[] {
  return [...parseInfo(text)].map(([key, value]) => ({ key, value }));
}

/** One counter of `show activity`. */
export interface ActivityRow {
  readonly name: string;
  /** The process-wide value (a number where decimal, else as printed). */
  readonly total: string | number;
  /** One value per thread, thread 1 first; empty for lines without per-thread values. */
  readonly perThread: readonly (string | number)[];
}

/** The parsed `show activity`. */
export interface Activity {
  /** The thread that answered (`thread_id`). */
  readonly thread?: number;
  /** How many threads the per-thread columns cover. */
  readonly threads: number;
  readonly rows: readonly ActivityRow[];
}

/** Parses `show activity`. */
export function parseActivity(text: string): Activity {
  let thread: number | undefined;
  let threads = 0;
  const rows: ActivityRow[] = [];
  for (const line of replyLines(text)) {
    const at = line.indexOf(":");
    if (at <= 0) continue;
    const name = line.slice(0, at).trim();
    const rest = line.slice(at + 1).trim();
    if (name === "thread_id") {
      const m = rest.match(/^(\d+)\s*\((\d+)\.\.(\d+)\)/);
      thread = toNumber(m?.[1]);
      if (m) threads = Number(m[3]) - Number(m[2]) + 1;
      continue;
    }
    const m = rest.match(/^(\S+)\s*\[\s*(.*?)\s*\]\s*$/);
    const perThread = m ? m[2].split(/\s+/).filter((v) => v !== "").map(numberOrText) : [];
    rows.push({ name, total: numberOrText(m ? m[1] : rest), perThread });
    threads = Math.max(threads, perThread.length);
  }
  return { thread, threads, rows };
}
