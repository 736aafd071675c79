/**
 * A table view, made from a table model (model/table.ts) and its columns: moving (arrows, pages, HOME/END,
 * Ctrl-A/E, the wheel, a click on a row; the cursor passes over headings and blank lines, and a click on one
 * selects the nearest row below it), `/` to filter, `s`/`S` to sort by the next column or the other
 * way, `i` for the selected row's detail, ESC to clear the filter, the column header with the sort mark, and
 * the message line naming the selected row or the filter. A view adds its own keys before these, and draws
 * over its rows (colours, markers).
 *
 * @module
 */
import type { Key } from "../../tui/types.ts";
import type { ScreenBuffer } from "../../tui/buffer.ts";
import { BOLD, DIM, REVERSE, type Style } from "../../tui/types.ts";
import type { Column } from "../../stats/columns.ts";
import { columnWidths, renderHeader, renderRow, visibleColumns } from "../../stats/layout.ts";
import type { SortOrder } from "../domain/selection.ts";
import { moveScroll, scrollEnd, scrollHome, wheel, WHEEL_LINES } from "../widgets/scroll.ts";
import { screenLayout } from "../model/layout.ts";
import { isOpen, openOverlay, say, type Step } from "../model/ops.ts";
import type { State, TableLine } from "../model/state.ts";
import {
  cursorLine,
  type Heading,
  setFilter,
  setSort,
  type TableModel,
  type TableRow,
  withCursor,
} from "../model/table.ts";
import { type Hints, viewColumns, type ViewDef } from "../model/view_def.ts";
import type { SourceLine, SourceTable } from "../model/source_table.ts";

/** A cell of a drawn row: its column, where it starts and how wide it is. */
export interface Cell {
  readonly column: Column;
  readonly x: number;
  readonly width: number;
}

/** What a table view is made of: a view's definition without its keys and drawing, plus the table's parts. */
export interface TableViewSpec<L extends TableLine, R extends TableRow> extends
  Pick<
    ViewDef,
    "id" | "name" | "keys" | "tab" | "permanentTab" | "help" | "enabled" | "hints" | "source" | "onData"
  > {
  readonly model: TableModel<L, R>;
  /**
   * The columns, left to right; optional ones show when the screen is wide enough (stats/layout.ts). A
   * function when they follow the rows (a stick table's data types).
   */
  readonly columns: readonly Column[] | ((s: State) => readonly Column[]);
  /** Why `s` does not sort now (said when `s` is pressed; `S` does nothing); undefined when it does. */
  unsortable?(s: State): string | undefined;
  /** The view's own keys, tried before the table's. */
  onKey?(s: State, k: Key): Step | undefined;
  /** What ESC closes once the message and the filter are gone (a list's entries); undefined: nothing. */
  onEscape?(s: State): State | undefined;
  /** Draws a line that is no row (a heading); `selected` and `stale` are the styles it should carry. */
  drawLine?(buf: ScreenBuffer, s: State, line: L, y: number, selected: Style, stale: Style): void;
  /** Draws over a row once its cells are drawn (status colours, markers, sparklines). */
  decorate?(
    buf: ScreenBuffer,
    s: State,
    row: R,
    line: L,
    y: number,
    cells: readonly Cell[],
    base: Style,
  ): void;
  /** What the body says when it has no lines and no filter. */
  empty(s: State): string;
  /** Why there are no rows at all (HAProxy refused or failed), said over the filter's "nothing matches". */
  why?(s: State): string | undefined;
  /** Whether the rows are out of date (drawn dim). */
  stale?(s: State): boolean;
  /** The message line for the selected row while no filter is set (its full name and status). */
  describe?(s: State, row: R): string;
}

/** The columns shown at `width`, the sorted one marked `^` (ascending) or `v` (descending). */
export function sortedColumns(columns: readonly Column[], sort: SortOrder | undefined, width: number) {
  const shown = visibleColumns(columns, width);
  if (!sort) return shown;
  const mark = sort.reverse ? "v" : "^";
  return shown.map((c) =>
    c.field === sort.field && c.format !== "trend" ? { ...c, header: c.header + mark } : c
  );
}

/** A left-aligned text column (`max` undefined: it may take the rest of the screen). */
export function textColumn(
  header: string,
  field: string,
  min: number,
  max: number | undefined,
  help: string,
): Column {
  return { header, field, min, ...(max === undefined ? {} : { max }), align: "left", format: "text", help };
}

/**
 * A column exactly as wide as its widest text (its header at least), within its minimum and maximum, so that
 * the columns after it get the rest of the screen.
 */
export function fitted(column: Column, texts: Iterable<string | undefined>): Column {
  let widest = column.header.length;
  for (const text of texts) widest = Math.max(widest, text?.length ?? 0);
  const width = Math.max(column.min, Math.min(widest, column.max ?? widest));
  return { ...column, min: width, max: width };
}

/** The next sort: none, then each column left to right, then none again. */
function nextSort(columns: readonly Column[], sort: SortOrder | undefined): SortOrder | undefined {
  const fields = columns.filter((c) => c.format !== "trend").map((c) => c.field);
  const i = sort ? fields.indexOf(sort.field) : -1;
  if (i + 1 >= fields.length) return undefined;
  return { field: fields[i + 1], reverse: false };
}

/** The keys every table view has; undefined for the others. */
function tableKey<L extends TableLine, R extends TableRow>(
  spec: TableViewSpec<L, R>,
  s: State,
  k: Key,
): Step | undefined {
  const { model } = spec;
  const t = model.get(s);
  const { body } = screenLayout(s.size);
  const n = t.lines.length;
  const to = (scroll: State["scroll"], heading: Heading = 1): Step => [
    withCursor(s, model, scroll, heading),
    [],
  ];
  const move = (d: number) => to(moveScroll(t.scroll, d, n, body.height), d < 0 ? -1 : 1);
  const steps: Partial<Record<Key["name"], number>> = { up: -1, down: 1, pageup: -10, pagedown: 10 };
  if (steps[k.name] !== undefined) return move(steps[k.name]!);
  if (k.name === "home" || (k.name === "ctrl" && k.text === "a")) return to(scrollHome());
  if (k.name === "end" || (k.name === "ctrl" && k.text === "e")) return to(scrollEnd(n, body.height), -1);
  if (k.name === "mouse" && k.mouse) {
    if (wheel(k) !== 0) return move(wheel(k) * WHEEL_LINES);
    const row = k.mouse.y - body.y;
    if (k.mouse.button !== 0 || k.mouse.release) return undefined;
    if (row < 0 || row >= body.height || t.scroll.top + row >= n) return undefined;
    // A click on a heading or a blank line selects the nearest row below it (that proxy's first row).
    return to({ cursor: t.scroll.top + row, top: t.scroll.top });
  }
  if (k.name !== "char") return undefined;
  switch (k.text) {
    case "/":
      return [openOverlay(s, { kind: "filter" }), []];
    case "s": {
      const why = spec.unsortable?.(s);
      return [why ? say(s, why) : setSort(s, model, nextSort(viewColumns(spec, s), t.sort)), []];
    }
    case "S":
      if (spec.unsortable?.(s) || !t.sort) return [s, []];
      return [setSort(s, model, { ...t.sort, reverse: !t.sort.reverse }), []];
    case "i": {
      const line = cursorLine(s, model);
      const open = line !== undefined && model.rowOf(line) !== undefined;
      return [open ? openOverlay(s, { kind: "detail", scroll: 0 }) : say(s, "select a row first"), []];
    }
  }
  return undefined;
}

function drawTable<L extends TableLine, R extends TableRow>(
  buf: ScreenBuffer,
  s: State,
  spec: TableViewSpec<L, R>,
) {
  const { header, body } = screenLayout(s.size);
  const t = spec.model.get(s);
  const columns = sortedColumns(viewColumns(spec, s), t.sort, buf.width);
  const widths = columnWidths(columns, buf.width);
  buf.line(header.y, renderHeader(columns, widths), REVERSE | BOLD);
  let x = 0;
  const cells = columns.map((column, i) => {
    const cell = { column, x, width: widths[i] };
    x += widths[i] + 1;
    return cell;
  });
  const stale = spec.stale?.(s) ? DIM : 0;
  if (t.lines.length === 0) {
    const why = t.filterError ?? spec.why?.(s);
    buf.put(2, body.y, why ?? (t.filter ? `nothing matches "${t.filter}"` : spec.empty(s)));
  }
  for (let i = 0; i < body.height; i++) {
    const index = t.scroll.top + i;
    const line = t.lines[index];
    if (!line) break;
    const y = body.y + i;
    const selected = index === t.scroll.cursor ? REVERSE : 0;
    const row = spec.model.rowOf(line);
    if (row === undefined) {
      if (spec.drawLine) spec.drawLine(buf, s, line, y, selected, stale);
      else buf.line(y, "", selected);
      continue;
    }
    buf.line(y, renderRow(columns, widths, row), selected | stale);
    spec.decorate?.(buf, s, row, line, y, cells, selected | stale);
  }
}

/** The table view of a spec. */
export function tableView<L extends TableLine, R extends TableRow>(spec: TableViewSpec<L, R>): ViewDef {
  const { model } = spec;
  return {
    id: spec.id,
    name: spec.name,
    keys: spec.keys,
    tab: spec.tab,
    permanentTab: spec.permanentTab,
    help: spec.help,
    columns: spec.columns,
    emptyText: (s) => spec.empty(s),
    enabled: spec.enabled,
    table: model,
    source: spec.source,
    onData: spec.onData,
    onKey: (s, k) => spec.onKey?.(s, k) ?? tableKey(spec, s, k),
    // A lone ESC first closes the message, then the filter goes; only then the monitor goes back a view.
    // ESC ESC (the original's key for the previous view) does not stop at the message.
    onEscape(s, alone) {
      if (alone && s.message) return { ...s, message: undefined };
      if (model.get(s).filter !== "") return setFilter(s, model, "");
      return spec.onEscape?.(s);
    },
    draw(buf, s) {
      drawTable(buf, s, spec);
      return undefined;
    },
    drawStatus(buf, s, region) {
      const t = model.get(s);
      const line = isOpen(s, "detail") ? undefined : t.lines[t.scroll.cursor];
      const row = line && model.rowOf(line);
      if (!t.filter && row !== undefined && spec.describe) {
        buf.line(region.y, ` ${spec.describe(s, row)}`, DIM);
      } else if (t.filter) {
        const count = t.filterError ?? `${t.matches ?? 0} matching`;
        buf.line(region.y, ` Filter "${t.filter}": ${count} (/ edits, ESC clears)`, DIM);
      }
    },
    hints: (s): Hints => spec.hints(s),
  };
}

/** What a table view over a source table needs besides: the table, and what its body says without rows. */
export type SourceViewSpec<R extends TableRow> =
  & Omit<TableViewSpec<SourceLine<R>, R>, "model" | "source" | "onData" | "empty" | "hints">
  & {
    readonly model: SourceTable<R>;
    /** What the body says once HAProxy answered with no row ("no peers section is configured"). */
    readonly none: string;
    readonly hints?: TableViewSpec<SourceLine<R>, R>["hints"];
    /** A log: while the cursor is on the last line, it stays on the last line as lines arrive. */
    readonly follow?: boolean;
  };

/** The hints of a view over a source table. */
const SOURCE_HINTS: Hints = { tail: ["UP/DOWN=SCROLL"], extra: ["I=INFO", "/=FILTER", "S=SORT", ":=VIEWS"] };

/**
 * A table view whose rows come from its source table (model/source_table.ts): read while shown, fed by
 * its replies, saying why it is empty (a release, a level, HAProxy's refusal, or `none`).
 */
export function sourceTableView<R extends TableRow>(spec: SourceViewSpec<R>): ViewDef {
  const { model, none } = spec;
  return tableView({
    hints: () => SOURCE_HINTS,
    ...spec,
    source: model.source,
    onData(s, data) {
      const t = model.get(s);
      const atEnd = t.scroll.cursor >= t.lines.length - 1;
      const next = model.receive(s, data);
      if (!spec.follow || !atEnd) return next;
      return withCursor(
        next,
        model,
        scrollEnd(model.get(next).lines.length, screenLayout(s.size).body.height),
      );
    },
    empty: (s) => model.empty(s, none),
    // With several sockets the rows of all are in one table: the message line says whose the selected one is.
    describe(s, row) {
      const said = spec.describe?.(s, row) ?? "";
      const line = cursorLine(s, model);
      if (s.instances.length < 2 || !line) return said;
      // Its node name, or its address when another instance has the same node name.
      const inst = s.instances.find((i) => i.id === line.instance);
      const unique = inst && s.instances.filter((i) => i.name === inst.name).length === 1;
      const name = unique ? inst.name : line.instance;
      return said ? `${name}: ${said}` : name;
    },
  });
}
