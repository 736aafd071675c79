/**
 * A table's state and what any table view does to it: the cursor follows its line's key across refreshes,
 * filters and sorts, and rests only on lines that have a row (never on a proxy's `>>>` heading or a blank
 * line, where no action applies); a filter and a sort rebuild the lines. A table is its
 * {@linkcode TableModel}: where its state is kept, how its lines are built, what a line's row is and what
 * its detail shows. The stat tables
 * are one such model (model/stat_table.ts); a view whose rows come from another runtime-API command is
 * another (see views/table.ts).
 *
 * @module
 */
import { clampScroll, type ScrollState } from "../widgets/scroll.ts";
import { compileFilter, type SortOrder } from "../domain/selection.ts";
import { screenLayout } from "./layout.ts";
import type { State, TableLine, TableState } from "./state.ts";

/** A row's values by field name (a `show stat` row, or any row a view shows in columns). */
export interface TableRow {
  get(field: string): string | undefined;
}

/** A table with no lines, filter or sort. */
export const EMPTY_TABLE: TableState<never> = { lines: [], scroll: { cursor: 0, top: 0 }, filter: "" };

/** The detail of one row: a title and its lines. */
export interface RowDetail {
  readonly title: string;
  readonly lines: readonly string[];
}

/** What makes a list a table: where its state is, how its lines are built, its rows and their detail. */
export interface TableModel<L extends TableLine = TableLine, R extends TableRow = TableRow> {
  /** Its state in `s`. */
  get(s: State): TableState<L>;
  /** `s` with its state replaced. */
  set(s: State, table: TableState<L>): State;
  /**
   * The lines for a filter (`test`, on names; undefined: none) and a sort; `previous` are the lines built
   * before, whose keys may be taken over. `matches` counts the rows the filter kept.
   */
  build(
    s: State,
    test: ((name: string) => boolean) | undefined,
    sort: SortOrder | undefined,
    previous: readonly L[],
  ): { readonly lines: L[]; readonly matches?: number };
  /** A line's row; undefined for a line that is none (a proxy's heading, a blank line). */
  rowOf(line: L): R | undefined;
  /** What the detail view shows of a row. */
  detail(row: R): RowDetail;
}

/** The line under the cursor. */
export function cursorLine<L extends TableLine>(s: State, model: TableModel<L>): L | undefined {
  const t = model.get(s);
  return t.lines[t.scroll.cursor];
}

/** Which way the cursor was moving: a line without a row is passed over that way first. */
export type Heading = 1 | -1;

/**
 * `scroll` with its cursor on a line that has a row: the cursor's own line, else the nearest such line the
 * way it was `heading`, else the nearest the other way; the window follows so that the cursor stays
 * visible. Unchanged but clamped when no line has a row.
 */
export function cursorOnRow<L>(
  lines: readonly L[],
  hasRow: (line: L) => boolean,
  scroll: ScrollState,
  heading: Heading,
  visible: number,
): ScrollState {
  const c = clampScroll(scroll, lines.length, visible);
  const find = (d: Heading) => {
    for (let i = c.cursor; i >= 0 && i < lines.length; i += d) if (hasRow(lines[i])) return i;
    return -1;
  };
  let at = find(heading);
  if (at < 0) at = find(heading === 1 ? -1 : 1);
  return at < 0 ? c : clampScroll({ cursor: at, top: c.top }, lines.length, visible);
}

/**
 * Moves the cursor, onto the nearest line with a row the way it was `heading` (see cursorOnRow); the
 * selection follows it.
 */
export function withCursor<L extends TableLine>(
  s: State,
  model: TableModel<L>,
  scroll: ScrollState,
  heading: Heading = 1,
): State {
  const t = model.get(s);
  const visible = screenLayout(s.size).body.height;
  const at = cursorOnRow(t.lines, (l) => model.rowOf(l) !== undefined, scroll, heading, visible);
  return model.set(s, { ...t, scroll: at, selectedKey: t.lines[at.cursor]?.key });
}

/** Keeps the cursor valid after the screen's size changed. */
export function rescrollTable<L extends TableLine>(s: State, model: TableModel<L>): State {
  return withCursor(s, model, model.get(s).scroll);
}

/**
 * Rebuilds the lines from the rows, the filter and the sort, keeping the cursor on the selected line (by its
 * key) at the same screen row when it is still there.
 */
export function relayoutTable<L extends TableLine>(s: State, model: TableModel<L>): State {
  const t = model.get(s);
  let test: ((name: string) => boolean) | undefined;
  let filterError: string | undefined;
  if (t.filter !== "") {
    const m = compileFilter(t.filter);
    if ("error" in m) filterError = m.error;
    else test = m.test;
  }
  const { lines, matches } = model.build(s, test, t.sort, t.lines);
  let scroll = t.scroll;
  const index = t.selectedKey === undefined ? -1 : lines.findIndex((l) => l.key === t.selectedKey);
  if (index >= 0) scroll = { cursor: index, top: index - (t.scroll.cursor - t.scroll.top) };
  return withCursor(model.set(s, { ...t, lines, matches, filterError }), model, scroll);
}

/** Sets the filter text and rebuilds the lines. */
export function setFilter<L extends TableLine>(s: State, model: TableModel<L>, filter: string): State {
  return relayoutTable(model.set(s, { ...model.get(s), filter }), model);
}

/** Sets the sort (undefined: HAProxy's order) and rebuilds the lines. */
export function setSort<L extends TableLine>(s: State, model: TableModel<L>, sort: SortOrder | undefined) {
  return relayoutTable(model.set(s, { ...model.get(s), sort }), model);
}
