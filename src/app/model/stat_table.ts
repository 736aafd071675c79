/**
 * The stat table, shared by the four stat views (switching between them keeps the cursor, the filter and the
 * sort): its lines are the snapshot's proxies, filtered and sorted, as model/table.ts builds any table. Its
 * state is the table part of the State itself ({@linkcode State} extends {@linkcode TableState}).
 *
 * @module
 */
import type { StatRow } from "../../stats/types.ts";
import { type BodyLine, bodyLines } from "../domain/body_lines.ts";
import { detailLines } from "../domain/detail.ts";
import { filterProxies, sortProxies } from "../domain/selection.ts";
import type { ScrollState } from "../widgets/scroll.ts";
import { closeOverlay } from "./ops.ts";
import type { State } from "./state.ts";
import { relayoutTable, rescrollTable, type TableModel, withCursor } from "./table.ts";

/** The stat table: rows of the snapshot, grouped by proxy. */
export const STAT_TABLE: TableModel<BodyLine, StatRow> = {
  get: (s) => s,
  set: (s, t) => ({
    ...s,
    lines: t.lines,
    scroll: t.scroll,
    selectedKey: t.selectedKey,
    filter: t.filter,
    matches: t.matches,
    filterError: t.filterError,
    sort: t.sort,
  }),
  build(s, test, sort, previous) {
    let proxies = s.snapshot?.proxies ?? [];
    let matches: number | undefined;
    if (test) ({ proxies, matches } = filterProxies(proxies, test));
    if (sort) proxies = sortProxies(proxies, sort);
    return { lines: bodyLines(proxies, previous), matches };
  },
  rowOf: (line) => line.kind === "row" ? line.row : undefined,
  detail: (row) => ({
    title: `${row.pxname}/${row.svname} [#${row.iid}/#${row.sid}]: every field, live`,
    lines: detailLines(row),
  }),
};

/** The body line under the cursor in the stat views. */
export function selectedLine(s: State): BodyLine | undefined {
  return s.lines[s.scroll.cursor];
}

/** Moves the stat table's cursor. */
export function withScroll(s: State, scroll: ScrollState): State {
  return withCursor(s, STAT_TABLE, scroll);
}

/** Keeps the cursor valid after the size changed. */
export function rescroll(s: State): State {
  return rescrollTable(s, STAT_TABLE);
}

/**
 * Rebuilds the stat lines from the snapshot, the filter and the sort (see relayoutTable); the hotkey menu
 * stays open only while the cursor is on a row.
 */
export function relayout(s: State): State {
  const next = relayoutTable(s, STAT_TABLE);
  return next.lines[next.scroll.cursor]?.kind === "row" ? next : closeOverlay(next, "hotkeys");
}
