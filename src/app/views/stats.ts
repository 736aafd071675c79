/**
 * The stat views (modes 1-4), one per entry of STAT_MODES (src/stats/columns.ts): table views over the
 * snapshot (views/table.ts), sharing one table (switching keeps the cursor, filter and sort). Their own keys
 * act on the selected server: ENTER opens the hotkey menu, F1-F11 act, SPACE pastes it into the CLI, `a`
 * opens the actions menu; `g` and `w` choose the grouping of several sockets and a master CLI's worker. Rows
 * carry coloured status cells, `updating` while an action is pending, and trend sparklines.
 *
 * @module
 */
import type { Key, Style } from "../../tui/types.ts";
import type { ScreenBuffer } from "../../tui/buffer.ts";
import { BOLD, FG, style } from "../../tui/types.ts";
import { workerAge } from "../../haproxy/master.ts";
import { STAT_MODES, type StatMode } from "../../stats/columns.ts";
import { classifyStatus, type StatusClass } from "../../stats/status.ts";
import { AggregateRow } from "../../stats/fleet.ts";
import type { StatRow } from "../../stats/types.ts";
import { type BodyLine, isServerRow } from "../domain/body_lines.ts";
import { HOTKEYS, isHotkey } from "../domain/hotkeys.ts";
import { sparkline } from "../widgets/sparkline.ts";
import { cycleWorker, isConnected, toggleGrouping } from "../model/instances.ts";
import { drainingWorker, openOverlay, say, type Step } from "../model/ops.ts";
import {
  hotkey,
  openActions,
  pasteIntoCli,
  readOnlyReason,
  selectedServer,
} from "../model/server_actions.ts";
import { STAT_TABLE } from "../model/stat_table.ts";
import { openBulk } from "../model/bulk.ts";
import { clearTags, isTagged, tagCount, tagFiltered, toggleTag } from "../model/tags.ts";
import type { State } from "../model/state.ts";
import type { HelpLine, HelpSection, Hints, ViewDef, ViewHelp } from "../model/view_def.ts";
import { type Cell, tableView } from "./table.ts";

/** The colour (or, without colour, the emphasis) of a status class. */
export function statusStyle(c: StatusClass, color: boolean): Style {
  if (!color) return c === "down" || c === "transitional" ? BOLD : 0;
  switch (c) {
    case "up":
    case "open":
      return style(0, FG.green);
    case "down":
    case "stopped":
      return style(BOLD, FG.red);
    case "maint":
      return style(0, FG.magenta);
    case "drain":
    case "nolb":
      return style(0, FG.yellow);
    case "transitional":
      return style(BOLD, FG.cyan);
    default:
      return 0;
  }
}

/** The keys of the stat views beyond those of every table. */
function statKey(s: State, k: Key): Step | undefined {
  if (k.name === "enter") {
    // The menu opens in read-only mode and at a low level too: it greys what cannot act now, and says why.
    if (!selectedServer(s)) return [s, []];
    return [
      s.config.replay !== undefined ? say(s, readOnlyReason(s.config)!) : openOverlay(s, { kind: "hotkeys" }),
      [],
    ];
  }
  if (isHotkey(k.name)) return hotkey(s, k.name);
  if (k.name !== "char") return undefined;
  switch (k.text) {
    case " ":
      return [pasteIntoCli(s), []];
    case "g":
      return [toggleGrouping(s), []];
    case "w":
      return cycleWorker(s);
    case "a":
      return [tagCount(s) > 0 ? openBulk(s) : openActions(s), []];
    case "b":
      return [openBulk(s), []];
    case "t":
      return [toggleTag(s), []];
    case "T":
      return [tagFiltered(s), []];
    case "U":
      return [clearTags(s), []];
  }
  return undefined;
}

/** A tagged row: `*` at the end of its NAME cell, which is bold. */
function drawTag(buf: ScreenBuffer, cell: Cell, y: number, base: Style) {
  for (let i = 0; i < cell.width - 1; i++) buf.put(cell.x + i, y, buf.char(cell.x + i, y), base | BOLD);
  buf.put(cell.x + cell.width - 1, y, "*", base | BOLD);
}

/**
 * Why a snapshot has no rows. An old worker of a master CLI that is draining may list no proxy at all (HAProxy
 * 2.2 leaves its stopped proxies out of `show stat`); that is said, not shown as missing data.
 */
function emptyReason(s: State): string {
  if (!s.snapshot) return "waiting for HAProxy...";
  const old = drainingWorker(s);
  if (old) return `worker ${old.pid} is draining (${workerAge(old)}) and lists no proxies: they are stopped`;
  return "no stat data available";
}

/** The status cell: `updating` while an action is pending, else coloured by the status. */
function drawStatus(
  buf: ScreenBuffer,
  s: State,
  row: StatRow,
  key: string,
  cell: Cell,
  y: number,
  base: Style,
) {
  const { x, width } = cell;
  if (s.pending.has(key)) {
    const st = base | (s.config.color ? style(0, FG.yellow) : BOLD);
    buf.put(x, y, "updating".slice(0, width).padEnd(width), st);
    return;
  }
  const st = statusStyle(
    row instanceof AggregateRow ? row.statusClass : classifyStatus(row.get("status") ?? ""),
    s.config.color,
  );
  if (st === 0) return;
  for (let i = 0; i < width; i++) buf.put(x + i, y, buf.char(x + i, y), base | st);
}

/** The trend cell: a sparkline of the rate its column names. */
function drawTrend(buf: ScreenBuffer, s: State, key: string, cell: Cell, y: number, base: Style) {
  const trend = s.trends.get(key);
  const values = cell.column.field === "req_rate" ? trend?.req_rate : trend?.rate;
  if (!values || values.length === 0) return;
  buf.put(cell.x, y, sparkline(values, cell.width), base | (s.config.color ? style(0, FG.cyan) : 0));
}

/** The footer's hints: what the keys do on the selected line. */
function statHints(s: State): Hints {
  const hints = lineHints(s);
  const tagged = tagCount(s);
  return tagged > 0 ? { ...hints, tail: [`${tagged}-TAGGED`, ...hints.tail] } : hints;
}

/** The footer's hints for the line under the cursor. */
function lineHints(s: State): Hints {
  const line = s.lines[s.scroll.cursor];
  if (line?.kind !== "row") {
    return { tail: ["UP/DOWN=SCROLL", "H=HELP", "Q=QUIT"], extra: ["/=FILTER", "S=SORT"] };
  }
  const id = `[#${line.row.iid}/#${line.row.sid}]`;
  if (s.config.replay !== undefined) {
    return {
      tail: ["REPLAY", id],
      extra: ["SPACE=PAUSE", "LEFT/RIGHT=STEP", "J=JUMP", "+/-=SPEED", "I=INFO"],
    };
  }
  if (s.config.readOnly) return { tail: ["READ-ONLY", id], extra: ["I=INFO", "/=FILTER", "S=SORT"] };
  if (!isServerRow(line.row)) return { tail: [id], extra: ["I=INFO", "/=FILTER", "S=SORT"] };
  return { tail: ["ENTER=MENU", "SPACE=SEL", id], extra: ["A=ACT", "I=INFO", "/=FILTER", "S=SORT"] };
}

/** The selected service's full name and status: a name cut to fit its column is never ambiguous here. */
function describe(s: State, row: StatRow): string {
  const where = row.instance && row.instance !== "*"
    ? ` on ${s.instances.find((i) => i.id === row.instance)?.name ?? row.instance}`
    : row.instance === "*"
    ? " on every instance"
    : "";
  return `${row.pxname}/${row.svname}${where}: ${row.get("status") ?? "?"}`;
}

const MODES = `${STAT_MODES[0].id}-${STAT_MODES.at(-1)!.id}`;

/** What the help says of the stat views' keys, said once for all of them. */
const SECTIONS: readonly HelpSection[] = [
  {
    title: `Keys in the stat modes (${MODES})`,
    lines: [
      ["UP / DOWN", "move the cursor one line"],
      ["PGUP / PGDOWN", "move the cursor ten lines"],
      ["HOME / END, Ctrl-A/E", "first / last line"],
      ["ENTER", "on a server row: show the hotkey menu (keys that cannot act now are greyed, and why)"],
      ["SPACE", "on a server row: paste <proxy>/<server> into the CLI and open it"],
      ["/", "filter by proxy or server name as you type (~ starts a regular expression)"],
      ["s / S", "sort servers within their proxy by the next column / reverse the order"],
      ["i", "every field of the selected service, grouped, live (i or ESC closes)"],
      ["a", "actions on the selected server: state, weight, maxconn, checks, sessions"],
      ["mouse", "click a row or a mode tab; the wheel scrolls (not with --no-mouse)"],
    ],
  },
  {
    title: "Several sockets and master CLI sockets",
    lines: [
      ["g", "several sockets: group by proxy (aggregate rows) or by instance"],
      ["w", "master CLI socket: show the next worker (old ones still draining), or follow the current"],
      "  Aggregate rows sum sessions, rates, bytes and errors; STATUS counts healthy instances (UP 3/4,",
      "  or no check 2/2 when no instance checks the server).",
      "  An instance that stops answering keeps its last rows, marked ?UP, ?DOWN..., and is retried.",
      "  An action on an aggregate row goes to every instance, after a confirmation.",
    ],
  },
  {
    title: "Tags and bulk actions (actions not with --read-only; the socket needs level admin)",
    lines: [
      ["t", "tag the server row, or untag it, and move down; a tagged row's name ends with *"],
      ["T / U", "tag every server the / filter shows / clear every tag (the footer counts them)"],
      ["b, or a with tags", "a bulk action on the tagged servers (none tagged: the selected row's)"],
      "  A tag is a server's ids (#proxy/#server) on its instance: it holds across refreshes, sorting and",
      "  filtering, and is dropped, saying so, when a refresh shows the ids name no such server any more.",
      "  A bulk action (ready, drain, maint, weight, health or agent checks) first lists every target and",
      "  its exact command, by instance; y sends exactly those; then each target's result is listed, with",
      "  HAProxy's own text where it refused (UP/DOWN scroll, ESC closes). All of it is logged in the CLI.",
    ],
  },
  {
    title: "Hotkeys (server rows; not with --read-only; the socket needs level admin)",
    lines: [
      ...HOTKEYS.map((
        h,
      ): readonly [string, string] => [`${h.key.toUpperCase().padEnd(3)}  ${h.label}`, h.help]),
      "",
      "  Every hotkey command and HAProxy's reply is logged in the CLI (mode 5); the row",
      "  shows 'updating' until a refresh shows the new state. Weight keys pressed meanwhile are",
      "  queued and sent in order, each on the weight HAProxy confirmed. A hotkey that cannot be sent",
      "  (DISCONNECTED, level too low) says so and is logged too.",
    ],
  },
];

/** The reference after the header's: every mode's columns, the status colours, the check codes. */
const REFERENCE: readonly HelpLine[] = [
  "",
  "Columns",
  ...STAT_MODES.flatMap((mode): HelpLine[] => [
    "",
    `  ${mode.id}-${mode.name}`,
    ...mode.columns.map((c) => [`  ${c.header}`, c.help] as const),
  ]),
  "",
  "Status colours: UP green, DOWN red, MAINT magenta, DRAIN and NOLB yellow, transitional (UP 1/3) cyan.",
  "Under NO_COLOR or a terminal without colours, DOWN and transitional states are bold.",
  "",
  "Health check codes (CHECK column)",
  "",
  ["UNK / INI", "unknown / initialising"],
  ["SOCKERR", "socket error"],
  ["L4OK / L4TOUT / L4CON", "layer 4 (TCP) passed / timed out / connection problem"],
  ["L6OK / L6TOUT / L6RSP", "layer 6 (SSL) passed / timed out / invalid response"],
  ["L7OK / L7OKC", "layer 7 (HTTP/SMTP) passed / conditionally passed"],
  ["L7TOUT / L7RSP / L7STS", "layer 7 timed out / invalid response / bad status"],
  ["PROCOK/PROCERR/PROCTOUT", "external check passed / failed / timed out"],
  ["* <code>", "a check is running; the code is the last result"],
];

/** The stat view of one mode. */
export function statView(mode: StatMode): ViewDef {
  const help: ViewHelp = { summary: mode.summary, sections: SECTIONS, reference: REFERENCE };
  return tableView<BodyLine, StatRow>({
    id: mode.name.toLowerCase(),
    // `--view errors` is the errors HAProxy captured (show errors); this mode is `--view stat-errors` or 4.
    ...(mode.name === "ERRORS" ? { name: "stat-errors" } : {}),
    keys: [String(mode.id)],
    tab: mode.name,
    permanentTab: true,
    help,
    model: STAT_TABLE,
    columns: mode.columns,
    // Sorting would separate each instance's rows from their aggregate row: only grouped by instance.
    unsortable: (s) =>
      s.instances.length > 1 && s.grouping === "proxy"
        ? "sorting keeps each instance's rows under their aggregate: group by instance (g) to sort"
        : undefined,
    onKey: statKey,
    drawLine(buf, _s, line, y, selected, stale) {
      if (line.kind === "proxy") buf.line(y, `>>> ${line.name}`, BOLD | selected | stale);
      else buf.line(y, "", selected);
    },
    decorate(buf, s, row, line, y, cells, base) {
      if (cells[0] && isTagged(s, row)) drawTag(buf, cells[0], y, base);
      for (const cell of cells) {
        if (cell.column.format === "status") drawStatus(buf, s, row, line.key, cell, y, base);
        else if (cell.column.format === "trend") drawTrend(buf, s, line.key, cell, y, base);
      }
    },
    empty: emptyReason,
    stale: (s) => !isConnected(s),
    describe,
    hints: statHints,
  });
}
