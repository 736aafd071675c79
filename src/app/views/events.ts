/**
 * The events view: hatop's own timeline of what changed (a server going DOWN, drained, put in maintenance,
 * its check failing, a weight changed, a backend losing its last server, a reload or restart), newest first,
 * filterable and sortable like the other tables; ENTER shows the event's service in the STATUS view. The
 * operator's question after an incident: what changed, in what order, and when? The events are found by
 * src/record's diff of each instance's successive snapshots (model/timeline.ts), live or in a replay.
 *
 * @module
 */
import { BOLD, FG, style } from "../../tui/types.ts";
import { textColumn } from "../model/record_row.ts";
import { say, showView } from "../model/ops.ts";
import { relayout } from "../model/stat_table.ts";
import { cursorLine } from "../model/table.ts";
import { eventRowKey, EVENTS_KEPT, EVENTS_TABLE, EVENTS_VIEW } from "../model/timeline.ts";
import type { State } from "../model/state.ts";
import type { Step } from "../model/ops.ts";
import { tableView } from "./table.ts";

/** The stat view ENTER shows an event's service in. */
const STATUS_VIEW = "status";

/** ENTER: the STATUS view, its cursor on the event's service (the filter cleared when it hides the row). */
function jump(s: State): Step {
  const line = cursorLine(s, EVENTS_TABLE);
  if (!line) return [say(s, "no event selected"), []];
  const e = line.row.value;
  const key = eventRowKey(s, e);
  if (key === undefined) return [say(s, `${e.kind} is about ${e.instance} itself, not a service`), []];
  let next = relayout({ ...showView(s, STATUS_VIEW), selectedKey: key });
  if (next.selectedKey !== key && next.filter !== "") {
    next = relayout({ ...next, filter: "", selectedKey: key });
  }
  if (next.selectedKey !== key) return [say(s, `${e.proxy}/${e.service} is not in HAProxy's stats now`), []];
  return [next, []];
}

/** The colour of an event's new value: red when something went wrong, yellow for a change by hand; else none. */
function tone(after: string, kind: string): number {
  if (kind === "unreachable" || kind === "last-server" || kind === "restart") return style(BOLD, FG.red);
  if (/^(DOWN|MAINT|L[467](TOUT|CON|RSP|STS)|SOCKERR|NOLB)/.test(after)) return style(0, FG.red);
  if (/^(DRAIN|UP \d|DOWN \d)/.test(after) || kind === "weight" || kind === "reload") {
    return style(0, FG.yellow);
  }
  return 0;
}

/** The events view. */
export const eventsView = tableView({
  id: EVENTS_VIEW,
  keys: ["L"],
  tab: "EVENTS",
  help: {
    summary: "what changed between refreshes (status, admin, checks, weights, reloads), newest first",
    sections: [{
      title: "Events (L)",
      lines: [
        ["ENTER", "show the event's service in the STATUS view"],
        ["i", "the event in full (its time to the second, in UTC)"],
        `The newest ${EVENTS_KEPT} events are kept; --record keeps them all in the file.`,
      ],
    }],
  },
  model: EVENTS_TABLE,
  columns: [
    textColumn("TIME", "time", 8, 8, "when the refresh that showed it was read (local time)"),
    textColumn("INSTANCE", "instance", 8, 24, "the HAProxy it happened on"),
    textColumn("PROXY", "proxy", 8, 30),
    textColumn("SERVICE", "service", 8, 30, "FRONTEND, BACKEND or the server"),
    textColumn("KIND", "kind", 6, 14, "status, admin, check, weight, last-server, reload, restart, ..."),
    textColumn("FIELD", "field", 6, 12, "the show stat field (or show proc's worker) that changed"),
    textColumn("BEFORE", "before", 8, 30),
    textColumn("AFTER", "after", 8, 30),
  ],
  onKey: (s, k) => (k.name === "enter" ? jump(s) : undefined),
  decorate(buf, s, row, _line, y, cells, base) {
    const colour = s.config.color ? tone(row.value.after, row.value.kind) : 0;
    const cell = cells.find((c) => c.column.field === "after");
    if (colour && cell) buf.put(cell.x, y, (row.get("after") ?? "").slice(0, cell.width), base | colour);
  },
  empty: (s) =>
    s.instances.some((i) => i.snapshot)
      ? "no change seen yet: events appear here as HAProxy's states change"
      : "waiting for HAProxy...",
  describe: (_s, row) => {
    const e = row.value;
    const what = e.proxy === "" ? e.instance : `${e.proxy}/${e.service}`;
    return `${what}: ${e.field} ${e.before || "-"} -> ${e.after || "-"} (ENTER shows it)`;
  },
  hints: () => ({
    tail: ["UP/DOWN=SCROLL"],
    extra: ["ENTER=SHOW", "I=INFO", "/=FILTER", "S=SORT", ":=VIEWS"],
  }),
});
