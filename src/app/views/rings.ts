/**
 * The event rings view: HAProxy's own event rings as one scrolling, filterable log (`show events` lists the
 * sinks, then `show events <ring>` for each in-memory ring: `buf0`, `dpapi` from 3.2, each `ring` section):
 * the ring, the syslog time, severity and program, and the message, oldest first, newest at the bottom.
 * Named "HAProxy event rings" (id `rings`) so it is not taken for hatop's own events timeline.
 *
 * @module
 */
import { type EventLine, parseEvents, parseEventSinks, SEVERITIES } from "../../runtime/mod.ts";
import { sourceTable } from "../model/source_table.ts";
import { fieldsDetail, numberColumn, type RecordRow, recordRow, textColumn } from "../model/record_row.ts";
import { sourceTableView } from "./table.ts";

/** A line of a ring, and which ring and which repetition of the same text it is. */
interface RingLine extends EventLine {
  readonly ring: string;
  readonly seq: number;
  readonly repeat: number;
}

/** The `show events <ring>` commands for the in-memory rings of a `show events` reply. */
export function ringCommands(sinks: string): string[] {
  return parseEventSinks(sinks).filter((s) => s.type === "buffer").map((s) => `show events ${s.name}`);
}

/** Each ring's lines, ring after ring, oldest first. */
export function ringLines(replies: readonly string[], commands: readonly string[]): RecordRow<RingLine>[] {
  return replies.slice(1).flatMap((reply, i) => {
    const ring = commands[i + 1]?.replace(/^show events /, "") ?? "?";
    const seen = new Map<string, number>();
    return parseEvents(reply).map((e, seq) => {
      const repeat = (seen.get(e.raw) ?? 0) + 1;
      seen.set(e.raw, repeat);
      const line: RingLine = { ...e, ring, seq: seq + 1, repeat };
      return recordRow(line, {
        ring,
        seq: seq + 1,
        time: e.timestamp,
        severity: e.severity === undefined ? undefined : SEVERITIES[e.severity],
        tag: e.tag === undefined ? undefined : `${e.tag}[${e.pid}]`,
        message: e.message,
      });
    });
  });
}

/** The rings' table. */
export const RINGS = sourceTable<RecordRow<RingLine>>({
  id: "rings",
  commands: () => ["show events"],
  requires: ["show events buf0"],
  then: (_s, [sinks]) => ringCommands(sinks ?? ""),
  parse: (replies, { commands }) => ringLines(replies, commands),
  key: (row) => `${row.value.ring}|${row.value.repeat}|${row.value.raw}`,
  names: (row) => [row.value.ring, row.value.message, row.value.tag ?? ""],
  detail: (row) =>
    fieldsDetail(`ring ${row.value.ring}, line ${row.value.seq}`, [
      ["ring", row.value.ring],
      ["time", row.value.timestamp ?? "-"],
      ["host", row.value.host ?? "-"],
      ["facility", String(row.value.facility ?? "-")],
      ["severity", row.value.severity === undefined ? "-" : SEVERITIES[row.value.severity]],
      ["program", row.value.tag ?? "-"],
      ["message", row.value.message],
    ], ["", "  as received:", `  ${row.value.raw}`]),
});

/** The event rings view. */
export const ringsView = sourceTableView({
  id: "rings",
  keys: ["V"],
  tab: "RINGS",
  help: { summary: "HAProxy event rings: its own log lines, filterable (show events)" },
  model: RINGS,
  columns: [
    textColumn("RING", "ring", 6, 16, "the ring (sink) the line is in"),
    numberColumn("#", "seq", 4, "the line's place in its ring, oldest first"),
    textColumn("TIME", "time", 15, 15, "the syslog time stamp"),
    textColumn("SEVERITY", "severity", 7, 7),
    textColumn("PROGRAM", "tag", 10, 20),
    textColumn("MESSAGE", "message", 20, undefined),
  ],
  none: "HAProxy's event rings are empty",
  follow: true,
  describe: (_s, row) => row.value.message,
});
