/**
 * The stick tables view (key 7): the tables (`show table`), and ENTER on one its entries (`show table
 * <name>`) with a column per stored data type, so the client being rate-limited is on screen with its rate.
 * The `/` filter is matched here on keys and values, except a filter typed as HAProxy's own (`data.<type>
 * <op> <value>`), which is passed to `show table` and applied by HAProxy. `c` clears the selected entry
 * (`clear table <name> key <key>`, level operator) once confirmed. ESC goes back to the list.
 *
 * @module
 */
import {
  clearTableCommand,
  parseDataFilter,
  parseTableDump,
  parseTables,
  showTableCommand,
  type StickEntry,
  type StickTable,
} from "../../runtime/mod.ts";
import type { Column } from "../../stats/columns.ts";
import { say } from "../model/ops.ts";
import { confirmWrite } from "../model/runtime_writes.ts";
import { sourceTable } from "../model/source_table.ts";
import type { State } from "../model/state.ts";
import { cursorLine, type TableRow } from "../model/table.ts";
import { fitted, tableView } from "./table.ts";

/** A row: a table of the list, or an entry of the table chosen. */
export type StickCells =
  & TableRow
  & ({ readonly table: StickTable; readonly entry?: undefined } | {
    readonly entry: StickEntry;
    readonly table?: undefined;
  });

/** A data type's name without its period: `http_req_rate(600000)` → `http_req_rate`. */
function typeName(name: string): string {
  return name.replace(/\(\d+\)$/, "");
}

function tableRow(table: StickTable): StickCells {
  const cells: Record<string, string> = {
    name: table.name,
    type: table.type,
    size: String(table.size),
    used: String(table.used),
  };
  return { table, get: (f) => cells[f] };
}

function entryRow(entry: StickEntry): StickCells {
  const get = (f: string) => {
    if (f === "key") return entry.key;
    if (f === "use") return String(entry.use);
    if (f === "exp") return String(Math.floor(entry.exp / 1000));
    if (!f.startsWith("data.")) return undefined;
    const name = Object.keys(entry.data).find((k) => typeName(k) === f.slice(5));
    return name === undefined ? undefined : String(entry.data[name]);
  };
  return { entry, get };
}

/** The rows of `show table` (no name sent) or of `show table <name> …`. */
export function stickRows(replies: readonly string[], commands: readonly string[]): StickCells[] {
  if (commands[0] === "show table") return parseTables(replies[0] ?? "").map(tableRow);
  return parseTableDump(replies[0] ?? "").entries.map(entryRow);
}

/** The command reading what the view shows: the list, or the chosen table with HAProxy's filter if typed. */
function tablesCommand(s: State): string {
  const name = STICK.scope(s);
  if (name === undefined) return "show table";
  const filter = parseDataFilter(STICK.get(s).filter);
  return showTableCommand(name, filter);
}

/** The list of tables, or the entries of the one chosen. */
export const STICK = sourceTable<StickCells>({
  id: "tables",
  commands: (s) => [tablesCommand(s)],
  parse: (replies, { commands }) => stickRows(replies, commands),
  key: (row) => row.table ? row.table.name : row.entry.key,
  names: (row) =>
    row.table
      ? [row.table.name, row.table.type]
      : [row.entry.key, ...Object.entries(row.entry.data).map(([k, v]) => `${typeName(k)}=${v}`)],
  detail: (row) =>
    row.table
      ? {
        title: `stick table ${row.table.name}`,
        lines: [
          `  type ${row.table.type}, size ${row.table.size}, used ${row.table.used}`,
          "  ENTER: its entries",
        ],
      }
      : {
        title: `entry ${row.entry.key}`,
        lines: [
          `  key ${row.entry.key}`,
          `  use ${row.entry.use} (streams tracking it)`,
          `  exp ${row.entry.exp} ms`,
          ...(row.entry.shard === undefined ? [] : [`  shard ${row.entry.shard}`]),
          ...Object.entries(row.entry.data).map(([k, v]) => `  ${k.padEnd(28)} ${v}`),
        ],
      },
  remoteFilter: (filter) => parseDataFilter(filter) !== undefined,
});

const LIST_COLUMNS: readonly Column[] = [
  { header: "TABLE", field: "name", min: 10, max: 40, align: "left", format: "text", help: "the table" },
  { header: "TYPE", field: "type", min: 7, max: 8, align: "left", format: "text", help: "its key type" },
  {
    header: "SIZE",
    field: "size",
    min: 8,
    max: 8,
    align: "right",
    format: "metric",
    help: "entries at most",
  },
  { header: "USED", field: "used", min: 8, max: 8, align: "right", format: "metric", help: "entries in use" },
];

/** The entries' columns: key, use, expiry, then each data type the entries store, in HAProxy's order. */
function entryColumns(s: State): Column[] {
  const types = new Set<string>();
  for (const line of STICK.get(s).lines) {
    for (const k of Object.keys(line.row.entry?.data ?? {})) types.add(typeName(k));
  }
  const key: Column = {
    header: "KEY",
    field: "key",
    min: 15,
    max: 40,
    align: "left",
    format: "text",
    help: "its key",
  };
  return [
    fitted(key, STICK.get(s).lines.map((l) => l.row.entry?.key)),
    {
      header: "USE",
      field: "use",
      min: 3,
      max: 5,
      align: "right",
      format: "metric",
      help: "streams tracking it",
    },
    {
      header: "EXP",
      field: "exp",
      min: 5,
      max: 7,
      align: "right",
      format: "seconds",
      help: "until it expires",
    },
    ...[...types].map((t): Column => ({
      header: t,
      field: `data.${t}`,
      min: Math.max(4, Math.min(t.length, 14)),
      max: Math.max(8, Math.min(t.length, 14)),
      align: "right",
      format: "metric",
      help: t,
    })),
  ];
}

/** `c`: the selected entry cleared, once confirmed. */
function clearEntry(s: State): State {
  const line = cursorLine(s, STICK);
  const name = STICK.scope(s);
  if (!line?.row.entry || name === undefined) return say(s, "select an entry of a table first");
  let command: string;
  try {
    command = clearTableCommand(name, line.row.entry.key);
  } catch (e) {
    return say(s, `not sent: ${(e as Error).message}`, "error");
  }
  return confirmWrite(s, line.instance, `Clear the entry ${line.row.entry.key} of table ${name}?`, command);
}

/** The stick tables view. */
export const tablesView = tableView({
  id: "tables",
  keys: ["7"],
  // No footer tab until the footer shows views without a permanent one (issue 17 part B).
  tab: undefined,
  help: {
    summary: "stick tables and their entries (show table)",
    sections: [{
      title: "Keys in the stick tables view (7)",
      lines: [
        ["ENTER", "on a table: its entries, a column per data type; ESC: back to the list"],
        ["/", "filter by key or value; data.<type> <op> <value> (eq ne lt le gt ge) is"],
        ["", "HAProxy's own filter: e.g. data.http_req_rate gt 10"],
        ["c", "clear the selected entry (clear table <name> key <key>), confirmed"],
      ],
    }],
  },
  model: STICK,
  source: STICK.source,
  onData: STICK.receive,
  why: (s) => STICK.why(s),
  columns: (s) =>
    STICK.scope(s) === undefined
      ? [fitted(LIST_COLUMNS[0], STICK.get(s).lines.map((l) => l.row.table?.name)), ...LIST_COLUMNS.slice(1)]
      : entryColumns(s),
  onKey(s, k) {
    const line = cursorLine(s, STICK);
    if (k.name === "enter" && line?.row.table) {
      return [STICK.withScope(s, line.row.table.name), []];
    }
    if (k.name === "char" && k.text === "c") return [clearEntry(s), []];
    return undefined;
  },
  onEscape: STICK.back,
  empty: (s) =>
    STICK.emptyText(
      s,
      (name) => name === undefined ? "no stick tables here" : `table ${name} has no entries`,
    ),
  describe: (s, row) =>
    row.table ? `table ${row.table.name}` : `table ${STICK.scope(s)}, key ${row.entry.key}`,
  hints: (s) => {
    if (STICK.scope(s) === undefined) return { tail: ["ENTER=ENTRIES"], extra: ["/=FILTER", "S=SORT"] };
    return {
      tail: ["ESC=TABLES", s.config.readOnly ? "READ-ONLY" : "C=CLEAR"],
      extra: ["/=FILTER", "S=SORT"],
    };
  },
});
