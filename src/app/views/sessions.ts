/**
 * The sessions view (key 6): the streams HAProxy holds (`show sess`), one per row: client, frontend,
 * backend, server, age and the server side's state, so a client stuck in a queue or a connection that never
 * ends is found at a glance. ENTER shows the selected stream in full (`show sess <id>`, read while it is
 * open); `k` shuts it down (`shutdown session <id>`, level admin) once confirmed.
 *
 * @module
 */
import { parseSessionDetail, parseSessions, serverSideState, type SessionRow } from "../../runtime/mod.ts";
import { isOpen, openOverlay } from "../model/ops.ts";
import { confirmWrite } from "../model/runtime_writes.ts";
import { type SourceLine, sourceTable } from "../model/source_table.ts";
import type { State } from "../model/state.ts";
import { cursorLine, type TableRow } from "../model/table.ts";
import { tableView, textColumn as text } from "./table.ts";

/** A stream as a row of cells, with its `show sess <id>` dump once read. */
export interface SessionCells extends TableRow {
  readonly session: SessionRow;
  /** The dump's lines, or what HAProxy answered instead ("Session not found."). */
  readonly dump?: readonly string[];
}

/** The text of a cell: the tokens of `show sess` by column. */
function cell(row: SessionRow, field: string): string | undefined {
  switch (field) {
    case "id":
      return row.id;
    case "client":
      return row.client ?? (row.proto === "?" ? "(applet)" : row.proto);
    case "frontend":
      return row.frontend ?? "";
    case "backend":
      return row.backend ?? "";
    case "server":
      return row.server ?? "";
    case "age":
      return row.age === undefined ? "" : String(row.age);
    case "state":
      return serverSideState(row) ?? "";
    case "calls":
      return row.calls === undefined ? "" : String(row.calls);
    case "expires":
      return row.expires === undefined ? "" : String(row.expires);
    default:
      return row.fields[field];
  }
}

/** The id of `show sess <id>` in the commands, if one was sent. */
function dumpedId(commands: readonly string[]): string | undefined {
  return commands[1]?.split(" ")[2];
}

/** The streams of `show sess`, the dump of `show sess <id>` on its row. */
export function sessionRows(replies: readonly string[], commands: readonly string[]): SessionCells[] {
  const id = dumpedId(commands);
  const dump = id === undefined ? undefined : parseSessionDetail(replies[1] ?? "");
  return parseSessions(replies[0] ?? "").map((session) => {
    const lines = session.id !== id
      ? undefined
      : dump
      ? [`  started ${dump.started}`, ...dump.lines]
      : [`  ${(replies[1] ?? "").trim() || "no reply"}`];
    return { session, dump: lines, get: (f: string) => cell(session, f) };
  });
}

/** The stream under the cursor. */
function selected(s: State): SourceLine<SessionCells> | undefined {
  return cursorLine(s, SESSIONS);
}

/** The table of `show sess`, and `show sess <id>` of the selected stream while its detail is open. */
export const SESSIONS = sourceTable<SessionCells>({
  id: "sessions",
  commands(s) {
    const line = isOpen(s, "detail") ? selected(s) : undefined;
    return line ? ["show sess", `show sess ${line.row.session.id}`] : ["show sess"];
  },
  parse: (replies, { commands }) => sessionRows(replies, commands),
  key: (row) => row.session.id,
  names: (row) =>
    ["id", "client", "frontend", "backend", "server", "state"].map((f) => cell(row.session, f) ?? ""),
  detail(row) {
    const { session } = row;
    return {
      title: `session ${session.id}: show sess ${session.id}`,
      lines: row.dump ?? [
        `  reading show sess ${session.id}...`,
        ...Object.entries(session.fields).map(([name, value]) => `  ${name.padEnd(10)} ${value}`),
      ],
    };
  },
});

/** `k`: the selected stream shut down, once confirmed. */
function shutdown(s: State): State {
  const line = selected(s);
  if (!line) return s;
  const { session } = line.row;
  const where = [session.frontend, session.backend, session.server].filter(Boolean).join("/");
  const title = `Shut down session ${session.id} (${cell(session, "client")} on ${where || "?"})?`;
  return confirmWrite(s, line.instance, title, `shutdown session ${session.id}`, (now) => {
    // HAProxy gives a stream's address to the next one at once: the id must still be this client's.
    const same = (other: SessionRow) =>
      other.id === session.id && other.client === session.client && other.frontend === session.frontend;
    const rows = SESSIONS.rowsOf(now, line.instance);
    return rows.some((r) => same(r.session)) ? undefined : `session ${session.id} has ended since`;
  });
}

/** The sessions view. */
export const sessionsView = tableView({
  id: "sessions",
  keys: ["6"],
  // No footer tab until the footer shows views without a permanent one (issue 17 part B).
  tab: undefined,
  help: {
    summary: "the streams HAProxy holds (show sess)",
    sections: [{
      title: "Keys in the sessions view (6)",
      lines: [
        ["ENTER", "the selected session in full (show sess <id>), live; ESC closes"],
        ["k", "shut the selected session down (shutdown session <id>, level admin), confirmed"],
        ["/ s S i", "filter, sort, detail as in the stat modes"],
      ],
    }],
  },
  model: SESSIONS,
  source: SESSIONS.source,
  onData: SESSIONS.receive,
  why: (s) => SESSIONS.why(s),
  columns: [
    text("ID", "id", 14, 18, "the stream's id"),
    text("CLIENT", "client", 15, 40, "the client's address"),
    text("FRONTEND", "frontend", 8, 20, "the frontend"),
    text("BACKEND", "backend", 8, 20, "the backend"),
    text("SERVER", "server", 6, 20, "the server"),
    {
      header: "AGE",
      field: "age",
      min: 5,
      max: 7,
      align: "right",
      format: "seconds",
      help: "time since it started",
    },
    text("STATE", "state", 5, 5, "the server side: QUE queued, CON connecting, EST established"),
    {
      header: "CALLS",
      field: "calls",
      min: 5,
      align: "right",
      format: "metric",
      help: "calls",
      optional: true,
    },
  ],
  onKey(s, k) {
    if (k.name === "enter" && selected(s)) {
      return [openOverlay(s, { kind: "detail", scroll: 0 }), []];
    }
    if (k.name === "char" && k.text === "k") return [shutdown(s), []];
    return undefined;
  },
  empty: (s) => SESSIONS.emptyText(s, () => "no sessions"),
  describe: (_s, row) => {
    const x = row.session;
    return `${x.id} ${cell(x, "client")} ${x.frontend ?? "-"}/${x.backend ?? "-"}/${x.server ?? "-"}`;
  },
  hints: (s) => ({
    tail: ["ENTER=SHOW", s.config.readOnly ? "READ-ONLY" : "K=SHUTDOWN"],
    extra: ["/=FILTER", "S=SORT"],
  }),
});
