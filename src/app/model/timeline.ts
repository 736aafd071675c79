/**
 * The monitor's own timeline: every state transition seen between two snapshots of an instance (src/record's
 * events diff, applied to the live snapshots as they arrive, or to a replay's), kept newest first in a bounded
 * list, and the table the events view shows of it. Kept in the State (`State.timeline`) so that it is the
 * same whether the snapshots come from a socket or from a recording.
 *
 * @module
 */
import { type CheckCodes, events, type StateEvent } from "../../record/events.ts";
import { EMPTY_TIMELINE, EVENTS_KEPT, type Timeline, type TimelineEvent } from "./timeline_state.ts";
import type { ProcEntry } from "../../haproxy/master.ts";
import type { Snapshot } from "../../stats/types.ts";
import { ROW_TYPE } from "../../stats/types.ts";
import { serviceKey } from "../domain/body_lines.ts";
import { sortBy } from "../domain/selection.ts";
import { clockTime } from "../widgets/clock.ts";
import type { InstanceState, State, TableLine, TableState } from "./state.ts";

export { EVENTS_KEPT, type Timeline, type TimelineEvent };
import { EMPTY_TABLE, relayoutTable, type TableModel } from "./table.ts";
import { type RecordRow, recordRow } from "./record_row.ts";

/** The timeline of `s`. */
export function timelineOf(s: State): Timeline {
  return s.timeline ?? EMPTY_TIMELINE;
}

/** `s` with these events added to its timeline (given oldest first), and the events table rebuilt. */
function withEvents(s: State, found: readonly StateEvent[], instanceId: string, codes?: CheckCodes): State {
  const t = timelineOf(s);
  const codesNext = codes ? new Map(t.codes).set(instanceId, codes) : t.codes;
  if (found.length === 0) return { ...s, timeline: { ...t, codes: codesNext } };
  // Newest refresh first; the events of one refresh in display order, as src/record lists them.
  const added = found.map((e, i) => ({ ...e, instanceId, seq: t.seen + i }));
  const list = [...added, ...t.events].slice(0, EVENTS_KEPT);
  return withTimeline(s, { events: list, codes: codesNext, seen: t.seen + found.length });
}

/**
 * A replay's timeline at `time`: the recording's events (`recorded`, oldest first) up to that moment, the
 * newest {@linkcode EVENTS_KEPT}, newest first.
 */
export function replayTimeline(s: State, recorded: readonly TimelineEvent[], time: number): State {
  let n = 0;
  for (let hi = recorded.length; n < hi;) {
    const mid = (n + hi) >> 1;
    if (recorded[mid].time <= time) n = mid + 1;
    else hi = mid;
  }
  const events = recorded.slice(Math.max(0, n - EVENTS_KEPT), n).reverse();
  const t = timelineOf(s);
  if (t.seen === n && t.events[0] === events[0]) return s;
  return withTimeline(s, { events, codes: new Map(), seen: n });
}

/** `s` with this timeline, the events table rebuilt. */
function withTimeline(s: State, timeline: Timeline): State {
  const next: State = { ...s, timeline };
  const table = EVENTS_TABLE.get(next);
  // On the newest event (or none), the cursor stays on the newest as events arrive; else it follows its event.
  const top = table.scroll.cursor === 0 ? { ...table, selectedKey: undefined } : table;
  return relayoutTable(EVENTS_TABLE.set(next, top), EVENTS_TABLE);
}

/**
 * An instance answered with `snapshot` (and, on a master CLI, its `workers`): the events since its previous
 * snapshot, dated `now`. None after the operator switched workers (`w`): that is no transition.
 */
export function observeSnapshot(
  s: State,
  before: InstanceState | undefined,
  next: { snapshot: Snapshot; workers?: readonly ProcEntry[]; name: string; now: number },
  switched: boolean,
): State {
  const id = before?.id ?? s.instances[0]?.id ?? "";
  const codes = new Map(timelineOf(s).codes.get(id));
  const found: StateEvent[] = [];
  if (before && !before.connected && before.error !== undefined) {
    found.push(connectionEvent(next.now, next.name, "reachable", before.error, ""));
  }
  if (before?.snapshot && !switched) {
    const previous = { snapshot: before.snapshot, ...(before.workers ? { workers: before.workers } : {}) };
    const observed = { snapshot: next.snapshot, ...(next.workers ? { workers: next.workers } : {}) };
    found.push(...events(previous, observed, { time: next.now, instance: next.name }, codes));
  }
  return withEvents(s, found, id, codes);
}

function connectionEvent(
  time: number,
  instance: string,
  kind: "reachable" | "unreachable",
  before: string,
  after: string,
): StateEvent {
  return { time, instance, proxy: "", service: "", kind, field: "connection", before, after };
}

/** An instance stopped answering (it did before): an `unreachable` event. */
export function observeFailure(
  s: State,
  before: InstanceState | undefined,
  error: string,
  now: number,
): State {
  if (!before || !before.connected || !before.snapshot) return s;
  return withEvents(s, [connectionEvent(now, before.name, "unreachable", "", error)], before.id);
}

/** The row key (model/stat_table.ts) of the service an event is about; undefined for an instance's own. */
export function eventRowKey(s: State, e: TimelineEvent): string | undefined {
  if (e.proxy === "" && e.service === "") return undefined;
  const type = e.service === "FRONTEND"
    ? ROW_TYPE.frontend
    : e.service === "BACKEND"
    ? ROW_TYPE.backend
    : ROW_TYPE.server;
  return serviceKey(type, e.proxy, e.service, s.instances.length > 1 ? e.instanceId : undefined);
}

/** A line of the events table. */
export interface EventLine extends TableLine {
  readonly row: RecordRow<TimelineEvent>;
}

/** An event as a row of cells. */
export function eventRow(e: TimelineEvent): RecordRow<TimelineEvent> {
  return recordRow(e, {
    time: clockTime(e.time),
    at: e.time,
    instance: e.instance,
    proxy: e.proxy,
    service: e.service,
    kind: e.kind,
    field: e.field,
    before: e.before,
    after: e.after,
  });
}

interface EventsState {
  readonly table: TableState<EventLine>;
}

const EMPTY_EVENTS: EventsState = { table: EMPTY_TABLE };

/** The events view's id, where its table is kept in `State.views`. */
export const EVENTS_VIEW = "events";

/** The events table: the timeline's events newest first (or sorted), filtered on their names and values. */
export const EVENTS_TABLE: TableModel<EventLine, RecordRow<TimelineEvent>> = {
  get: (s) => ((s.views[EVENTS_VIEW] as EventsState | undefined) ?? EMPTY_EVENTS).table,
  set: (s, table) => ({ ...s, views: { ...s.views, [EVENTS_VIEW]: { table } } }),
  build(s, test, sort) {
    let events = timelineOf(s).events;
    let matches: number | undefined;
    if (test) {
      events = events.filter((e) =>
        [e.instance, e.proxy, e.service, `${e.proxy}/${e.service}`, e.kind, e.field, e.before, e.after]
          .some(test)
      );
      matches = events.length;
    }
    let lines = events.map((e) => ({ key: String(e.seq), row: eventRow(e) }));
    // The time column sorts by the time itself, not its clock text.
    if (sort) lines = sortBy(lines, (l) => l.row.get(sort.field === "time" ? "at" : sort.field), sort);
    return { lines, matches };
  },
  rowOf: (line) => line.row,
  detail(row) {
    const e = row.value;
    const what = e.proxy === "" ? e.instance : `${e.proxy}/${e.service}`;
    return {
      title: `${e.kind}: ${what}`,
      lines: [
        `  time      ${new Date(e.time).toISOString()} (${clockTime(e.time)} local)`,
        `  instance  ${e.instance}`,
        `  service   ${e.proxy === "" ? "-" : what}`,
        `  kind      ${e.kind}`,
        `  field     ${e.field}`,
        `  before    ${e.before === "" ? "-" : e.before}`,
        `  after     ${e.after === "" ? "-" : e.after}`,
      ],
    };
  },
};
