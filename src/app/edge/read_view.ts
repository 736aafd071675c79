/**
 * One read of a view's rows without a screen, for `--batch --view NAME`: the view's source commands (and
 * those that follow from their replies) sent once through a socket, the replies given to the view as the
 * monitor would, and its table's rows read back by its columns. Generic over the registry: any table view
 * whose rows come from its own commands prints this way, with no code of its own.
 *
 * @module
 */
import type { CommandSender } from "../../haproxy/master.ts";
import type { Snapshot } from "../../stats/types.ts";
import type { Column } from "../../stats/columns.ts";
import { createApp } from "../core/app.ts";
import type { Level, State } from "../model/state.ts";
import { viewColumns, type ViewDef } from "../model/view_def.ts";

/** A view's rows as its columns show them, or why the instance gave none. */
export interface ViewRows {
  /** The columns, left to right, that any row has a value in (all of them when there is no row). */
  readonly columns: readonly Column[];
  /** Each row's cells by field (a field without a value is left out). */
  readonly rows: readonly Readonly<Record<string, string>>[];
  /** Why there are no rows: a release or level that cannot run the view's commands, HAProxy's refusal. */
  readonly unsupported?: string;
  /** What an empty table means (no certificate loaded, no resolvers section...). */
  readonly empty?: string;
}

/** What is needed of an instance: how to send to it, its `show info` (the release), its socket level. */
export interface ViewReadTarget {
  readonly sender: CommandSender;
  readonly snapshot: Snapshot;
  readonly level?: Level;
}

/** Whether `view` can be read by {@linkcode readViewRows}: a table view whose rows come from its own commands. */
export function readableView(view: ViewDef): boolean {
  return view.source !== undefined && view.table !== undefined && view.columns !== undefined;
}

/** Reads `view`'s rows from one instance once; `now` is the time (ms since the epoch) the rows are for. */
export async function readViewRows(
  views: readonly ViewDef[],
  view: ViewDef,
  target: ViewReadTarget,
  now: number,
): Promise<ViewRows> {
  const app = createApp(views);
  const id = "batch";
  const config = { readOnly: true, intervalMs: 1000, color: false, socketName: id };
  let s: State = app.init(config, { columns: 200, rows: 50 }, view.id, now, [], [id]);
  [s] = app.update(s, { type: "snapshot", snapshot: target.snapshot, seq: 0, now, instance: id });
  [s] = app.update(s, { type: "level", level: target.level, now, instance: id });
  const request = app.poll(s, id);
  if (request) {
    const commands = [...request.commands];
    const replies: string[] = [];
    for (const command of commands) replies.push(await target.sender.send(command));
    const more = request.then?.(replies) ?? [];
    for (const command of more) replies.push(await target.sender.send(command));
    commands.push(...more);
    [s] = app.update(s, { type: "sourceData", view: view.id, instance: id, commands, replies, now });
  }
  return tableRows(view, s);
}

/** The rows of a table view in `s`, by its columns; with why it has none. */
export function tableRows(view: ViewDef, s: State): ViewRows {
  const table = view.table!;
  const all = viewColumns(view, s);
  const rows = table.get(s).lines.flatMap((line) => {
    const row = table.rowOf(line);
    if (!row) return [];
    const cells: Record<string, string> = {};
    for (const c of all) {
      const v = row.get(c.field);
      if (v !== undefined && v !== "") cells[c.field] = v;
    }
    return [cells];
  });
  const columns = rows.length === 0 ? all : all.filter((c) => rows.some((r) => c.field in r));
  if (rows.length > 0) return { columns, rows };
  const why = view.source?.why?.(s);
  return { columns, rows, ...(why ? { unsupported: why } : { empty: view.emptyText?.(s) ?? "no rows" }) };
}
