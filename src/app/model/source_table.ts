/**
 * The table of a view whose rows come from runtime-API commands other than `show stat` (a view's
 * {@linkcode ViewSource}): each instance's replies are read into rows by the view's pure parser (src/runtime
 * has one for every command), kept by instance in `State.views[id]`, and shown as a flat table that filters,
 * sorts and opens the detail view like the stat table. A reply that is HAProxy's refusal, or a command the
 * instance's release or level cannot run, is no data: the table says why instead.
 *
 * @module
 */
import { expectedUnsupportedReason, replyError, syntaxOf, unsupportedReason } from "../../runtime/mod.ts";
import { sortBy } from "../domain/selection.ts";
import type { State, TableLine, TableState, ViewId } from "./state.ts";
import { EMPTY_TABLE, relayoutTable, type RowDetail, type TableModel, type TableRow } from "./table.ts";
import type { SourceData, ViewSource } from "./view_def.ts";

/** A line of a source table: one row, of one instance. */
export interface SourceLine<R> extends TableLine {
  readonly row: R;
  readonly instance: string;
}

/** What one instance gave: rows, or why it gave none. */
export type InstanceRows<R> =
  | { readonly rows: readonly R[] }
  | { readonly unsupported: string }
  | { readonly error: string };

/** What a source view keeps in `State.views[id]`. */
export interface SourceState<R> {
  readonly data: ReadonlyMap<string, InstanceRows<R>>;
  readonly table: TableState<SourceLine<R>>;
  /**
   * What its commands are about, when a view reads one thing of a list (the table, map or ACL chosen with
   * ENTER); undefined: the list itself.
   */
  readonly scope?: string;
}

/** What a source table is made of. */
export interface SourceTableSpec<R extends TableRow> extends ViewSource {
  /** The view's id: its state is `State.views[id]`. */
  readonly id: ViewId;
  /**
   * Reads one instance's replies (one per command, those of `then` after the others) into rows; `now` is
   * the time they arrived (ms since the epoch).
   */
  parse(
    replies: readonly string[],
    read: { readonly commands: readonly string[]; readonly now: number },
  ): readonly R[];
  /** A row's identity across refreshes (within its instance). */
  key(row: R): string;
  /** The names the `/` filter matches. */
  names(row: R): readonly string[];
  detail(row: R): RowDetail;
  /**
   * Whether a filter text is HAProxy's own (`data.<type> <op> <value>` on a stick table): the commands pass
   * it on, and the rows are not matched here again.
   */
  remoteFilter?(filter: string): boolean;
}

/** A source table: a table model, and what its view needs to be fed and to say why it is empty. */
export interface SourceTable<R extends TableRow> extends TableModel<SourceLine<R>, R> {
  readonly source: ViewSource;
  /** Stores an instance's replies (as rows, or why they are none) and rebuilds the lines. */
  receive(s: State, data: SourceData): State;
  /** Why there are no rows: a command an instance cannot run, or what an instance answered instead. */
  why(s: State): string | undefined;
  /** What an empty table says: {@linkcode SourceTable.why}, else `none` once an instance answered, else that it waits. */
  empty(s: State, none: string): string;
  /** What the commands are about now (see {@linkcode SourceState.scope}). */
  scope(s: State): string | undefined;
  /** Reads another thing (or the list again): its rows, cursor, filter and sort start afresh. */
  withScope(s: State, scope: string | undefined): State;
  /** The rows an instance gave last (none while it gave a reason instead). */
  rowsOf(s: State, instance: string): readonly R[];
  /** ESC on one thing of the list: the list again; undefined on the list itself. */
  back(s: State): State | undefined;
  /** What the table says with no rows: why, else that it waits for HAProxy, else `none` of the scope. */
  emptyText(s: State, none: (scope: string | undefined) => string): string;
}

/**
 * Why an instance cannot run these commands, known before sending them (its release or level, from
 * src/runtime's facts); undefined when they should work, or while its version is not known yet.
 */
export function blockedReason(s: State, instance: string, commands: readonly string[]): string | undefined {
  const inst = s.instances.find((i) => i.id === instance);
  const version = inst?.snapshot?.info.get("Version");
  if (version === undefined) return undefined;
  for (const command of commands) {
    const syntax = syntaxOf(command);
    const why = syntax && expectedUnsupportedReason(syntax, version, inst?.level);
    if (why) return why;
  }
  return undefined;
}

/** The source table of a spec. */
export function sourceTable<R extends TableRow>(spec: SourceTableSpec<R>): SourceTable<R> {
  const empty: SourceState<R> = { data: new Map(), table: EMPTY_TABLE };
  const stateOf = (s: State) => (s.views[spec.id] as SourceState<R> | undefined) ?? empty;
  const withState = (s: State, v: SourceState<R>): State => ({ ...s, views: { ...s.views, [spec.id]: v } });
  const read = (s: State, d: SourceData): InstanceRows<R> => {
    if (d.error !== undefined || !d.replies) return { error: d.error ?? "no reply" };
    const inst = s.instances.find((i) => i.id === d.instance);
    const version = inst?.snapshot?.info.get("Version") ?? "";
    for (let i = 0; i < d.commands.length; i++) {
      const why = unsupportedReason(d.commands[i], d.replies[i] ?? "", version, inst?.level);
      if (why) return { unsupported: why };
    }
    // The first command reads the rows: its error ("No such table") is the table's; the others' are the parser's.
    const error = replyError(d.commands[0], d.replies[0] ?? "");
    if (error) return { error };
    return { rows: spec.parse(d.replies, { commands: d.commands, now: s.now }) };
  };
  const model: SourceTable<R> = {
    source: {
      commands: (s) => spec.commands(s),
      then: spec.then,
      requires: spec.requires,
      why: (s) => model.why(s),
    },
    get: (s) => stateOf(s).table,
    set: (s, table) => withState(s, { ...stateOf(s), table }),
    build(s, test, sort) {
      const several = s.instances.length > 1;
      let lines = [...stateOf(s).data].flatMap(([instance, d]) =>
        "rows" in d
          ? d.rows.map((row) => ({
            key: several ? `${instance}|${spec.key(row)}` : spec.key(row),
            row,
            instance,
          }))
          : []
      );
      let matches: number | undefined;
      if (test) {
        const { filter } = stateOf(s).table;
        if (!spec.remoteFilter?.(filter)) lines = lines.filter((l) => spec.names(l.row).some(test));
        matches = lines.length;
      }
      if (sort) lines = sortBy(lines, (l) => l.row.get(sort.field), sort);
      return { lines, matches };
    },
    rowOf: (line) => line.row,
    detail: (row) => spec.detail(row),
    receive(s, d) {
      // A reply to what was asked before the scope or the filter changed is not what the view shows now.
      // The first commands are the view's own; those `then` added follow them.
      const own = spec.commands(s);
      if (d.commands.slice(0, own.length).join("\n") !== own.join("\n")) return s;
      const data = new Map(stateOf(s).data).set(d.instance, read(s, d));
      return relayoutTable(withState(s, { ...stateOf(s), data }), model);
    },
    why(s) {
      for (const inst of s.instances) {
        const blocked = blockedReason(s, inst.id, [...spec.commands(s), ...spec.requires ?? []]);
        if (blocked) return blocked;
        const d = stateOf(s).data.get(inst.id);
        if (d && "unsupported" in d) return d.unsupported;
        if (d && "error" in d) return d.error;
      }
      return undefined;
    },
    empty: (s, none) => model.emptyText(s, () => none),
    scope: (s) => stateOf(s).scope,
    withScope: (s, scope) => withState(s, { data: new Map(), table: EMPTY_TABLE, scope }),
    rowsOf(s, instance) {
      const d = stateOf(s).data.get(instance);
      return d && "rows" in d ? d.rows : [];
    },
    back: (s) => stateOf(s).scope === undefined ? undefined : model.withScope(s, undefined),
    emptyText: (s, none) =>
      model.why(s) ?? (stateOf(s).data.size === 0 ? "waiting for HAProxy..." : none(stateOf(s).scope)),
  };
  return model;
}
