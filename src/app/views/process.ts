/**
 * The process view: HAProxy's internals in one refreshing table, a section each: `show info` (every
 * field), `show activity` (each counter's total and its value per thread, side by side), `show threads`
 * (each thread's queues and state, one column per thread) and `show pools` (each memory pool's use). The
 * operator's question: is a thread saturated, is memory growing?
 *
 * @module
 */
import {
  expectedUnsupportedReason,
  parseActivity,
  parseInfoRows,
  parsePools,
  parseThreads,
  type PoolRow,
  type ThreadInfo,
} from "../../runtime/mod.ts";
import { sourceTable } from "../model/source_table.ts";
import { fieldsDetail, type RecordRow, recordRow, textColumn } from "../model/record_row.ts";
import type { Column } from "../../stats/columns.ts";
import type { State } from "../model/state.ts";
import { sourceTableView } from "./table.ts";

/** A line of the process table: its section, name, value, and per thread values. */
interface ProcessLine {
  readonly section: "info" | "activity" | "threads" | "pools";
  readonly name: string;
  readonly value: string;
  readonly perThread: readonly string[];
}

/** How many per-thread columns there are (the first four always, the others on a wide screen). */
export const THREAD_COLUMNS = 16;

function line(
  section: ProcessLine["section"],
  name: string,
  value: string | number,
  perThread: readonly (string | number)[] = [],
) {
  const l: ProcessLine = { section, name, value: String(value), perThread: perThread.map(String) };
  return recordRow(l, {
    section,
    name,
    value: l.value,
    ...Object.fromEntries(l.perThread.map((v, i) => [`t${i + 1}`, v])),
  });
}

/** `show threads` turned sideways: a line per field, a column per thread. */
function threadLines(threads: readonly ThreadInfo[]) {
  const names = [...new Set(threads.flatMap((t) => Object.keys(t.fields)))].filter((n) => n !== "id");
  const per = (f: (t: ThreadInfo) => string | number | undefined) => threads.map((t) => f(t) ?? "");
  return [
    line(
      "threads",
      "current / stuck",
      "",
      per((t) => (t.current ? "*" : "") + (t.markedStuck ? ">" : "") || "-"),
    ),
    ...names.map((n) => line("threads", n, "", per((t) => t.fields[n]))),
    line("threads", "cpu_ns diff", "", per((t) => t.cpuNs?.diff)),
  ];
}

function poolLine(p: PoolRow) {
  const cached = p.cached === undefined ? "" : ` (~${p.cached} cached)`;
  const value = `${p.allocated} alloc (${p.allocatedBytes} B), ${p.used} used${cached}, ${p.failures} fail`;
  return line("pools", `${p.name} (${p.size} B)`, value);
}

/** The commands of the process view. */
export const PROCESS_COMMANDS = ["show info", "show activity", "show threads", "show pools"] as const;

/**
 * The commands every instance can run: `show activity` needs level operator from 3.0, and is left out
 * (said in its section) rather than keep the other three from a user-level socket.
 */
export function processCommands(s: State): string[] {
  return PROCESS_COMMANDS.filter((c) => s.instances.every((i) => whyNot(s, i.id, c) === undefined));
}

function whyNot(s: State, instance: string, command: string): string | undefined {
  const inst = s.instances.find((i) => i.id === instance);
  const version = inst?.snapshot?.info.get("Version");
  return version === undefined ? undefined : expectedUnsupportedReason(command, version, inst?.level);
}

/** The replies (to `commands`, a subset of {@linkcode PROCESS_COMMANDS}) as lines, in HAProxy's order per section. */
export function processLines(
  replies: readonly string[],
  commands: readonly string[],
): RecordRow<ProcessLine>[] {
  const of = (command: string) => replies[commands.indexOf(command)] ?? "";
  const [info, activity, threads, pools] = PROCESS_COMMANDS.map(of);
  const a = parseActivity(activity ?? "");
  const skipped = commands.includes("show activity")
    ? []
    : [line("activity", "(not read)", "show activity needs a higher level on this socket")];
  const p = parsePools(pools ?? "");
  return [
    ...parseInfoRows(info ?? "").map((r) => line("info", r.key, r.value)),
    ...skipped,
    ...a.rows.map((r) => line("activity", r.name, r.total, r.perThread)),
    ...threadLines(parseThreads(threads ?? "")),
    ...p.pools.map(poolLine),
    ...(p.totals
      ? [
        line(
          "pools",
          "Total",
          `${p.totals.pools} pools, ${p.totals.allocatedBytes} B allocated, ${p.totals.usedBytes} B used`,
        ),
      ]
      : []),
  ];
}

/** The process table. */
export const PROCESS = sourceTable<RecordRow<ProcessLine>>({
  id: "process",
  commands: processCommands,
  parse: (replies, { commands }) => processLines(replies, commands),
  key: (row) => `${row.value.section}|${row.value.name}`,
  names: (row) => [row.value.section, row.value.name, row.value.value],
  detail: (row) =>
    fieldsDetail(`${row.value.section}: ${row.value.name}`, [
      ["value", row.value.value],
      ...row.value.perThread.map((v, i) => [`thread ${i + 1}`, v] as const),
    ]),
});

const threadColumns: Column[] = Array.from({ length: THREAD_COLUMNS }, (_, i) => ({
  ...textColumn(`T${i + 1}`, `t${i + 1}`, 6, 14, `thread ${i + 1}'s value`),
  align: "right" as const,
  ...(i >= 4 ? { optional: true } : {}),
}));

/** The process view. */
export const processView = sourceTableView({
  id: "process",
  keys: ["P"],
  tab: "PROCESS",
  help: {
    summary: "show info, show activity, show threads and show pools, per thread side by side",
  },
  model: PROCESS,
  columns: [
    textColumn("SECTION", "section", 8, 8, "info, activity, threads or pools"),
    textColumn("NAME", "name", 18, 30),
    { ...textColumn("VALUE", "value", 12, 60, "the value, or the total over the threads"), align: "right" },
    ...threadColumns,
  ],
  none: "HAProxy sent nothing",
  describe: (_s, row) => `${row.value.section}: ${row.value.name} ${row.value.value}`,
  hints: () => ({ tail: ["UP/DOWN=SCROLL"], extra: ["/=FILTER", "S=SORT", ":=VIEWS"] }),
});
