/**
 * Several sockets in one view, and master CLI workers: what an instance's snapshot, failure or level does to
 * the state, grouping by proxy or by instance (`g`), and choosing the worker shown (`w`).
 *
 * With one socket the view is that instance's snapshot as it is; with several it is their merge
 * (src/stats/fleet.ts), and an instance that stops answering is marked stale while the others keep updating.
 *
 * @module
 */
import { mergeSnapshots } from "../../stats/fleet.ts";
import { currentWorker, workerAge, workers } from "../../haproxy/master.ts";
import { applySnapshot, changeMessage, nextCharts } from "./apply_snapshot.ts";
import { ChartHistory } from "../domain/charts.ts";
import type { HistoryFrame } from "./playback_state.ts";
import { say, type Step } from "./ops.ts";
import { relayout } from "./stat_table.ts";
import { failedOnce } from "./instance_health.ts";
import { observeFailure, observeSnapshot } from "./timeline.ts";
import type { Event, InstanceState, Level, State } from "./state.ts";

const LEVELS: readonly Level[] = ["user", "operator", "admin"];

/**
 * The instance of the line under the cursor when it is one instance's row; undefined on an aggregate row
 * (`*`), a proxy line, or with one socket.
 */
export function rowInstance(s: State): string | undefined {
  const line = s.lines[s.scroll.cursor];
  return line?.kind === "row" && line.row.instance && line.row.instance !== "*"
    ? line.row.instance
    : undefined;
}

/**
 * With several sockets, the instance CLI lines go to: that of the selected row in the stat modes when it is
 * one instance's row, else the first socket. Undefined with one socket.
 */
export function cliTarget(s: State): string | undefined {
  if (s.instances.length < 2) return undefined;
  return rowInstance(s) ?? s.instances[0].id;
}

/** The view's snapshot: the only instance's, or the merge of all of them. */
function combined(s: State, instances: readonly InstanceState[]) {
  if (instances.length === 1) return instances[0].snapshot;
  if (!instances.some((i) => i.snapshot)) return undefined;
  return mergeSnapshots(
    instances.map((i) => ({ id: i.id, name: i.name, snapshot: i.snapshot, stale: !i.connected })),
    s.grouping,
  );
}

function replace(
  s: State,
  id: string | undefined,
  change: (i: InstanceState) => InstanceState,
): InstanceState[] {
  const target = id ?? s.instances[0]?.id;
  return s.instances.map((i) => (i.id === target ? change(i) : i));
}

/**
 * The instances a row's action goes to: its own (`instance` set), every one (`*`), or the only one / the
 * first (undefined).
 */
function targets(s: State, instance?: string): readonly InstanceState[] {
  if (instance === "*") return s.instances;
  return s.instances.filter((i) => i.id === (instance ?? s.instances[0]?.id));
}

/**
 * The privilege level for actions on `instance` (see {@linkcode targets}): the lowest that those instances
 * reported, since an action must be allowed everywhere it goes; undefined while none has said.
 */
export function levelFor(s: State, instance?: string): Level | undefined {
  const known = targets(s, instance).flatMap((i) => (i.level ? [i.level] : []));
  if (known.length === 0) return undefined;
  return LEVELS[Math.min(...known.map((l) => LEVELS.indexOf(l)))];
}

/** Whether the instances an action on `instance` goes to all answer. */
export function reachable(s: State, instance?: string): boolean {
  return targets(s, instance).every((i) => i.connected);
}

/** Whether the monitor has any live data: at least one instance answers. */
export function isConnected(s: State): boolean {
  return s.instances.some((i) => i.connected);
}

/** Why nothing answers (one instance: its error; several: each one's), or undefined while some answer. */
export function connectionError(s: State): string | undefined {
  if (isConnected(s)) return undefined;
  if (s.instances.length === 1) return s.instances[0].error;
  return s.instances.map((i) => `${i.name}: ${i.error ?? "not answering"}`).join("; ");
}

/** When the newest data on screen was read (epoch ms), if any was. */
export function dataTime(s: State): number | undefined {
  const times = s.instances.flatMap((i) => (i.snapshotAt === undefined ? [] : [i.snapshotAt]));
  return times.length > 0 ? Math.max(...times) : undefined;
}

/** An instance answered a refresh. */
export function instanceSnapshot(s: State, e: Extract<Event, { type: "snapshot" }>): State {
  const node = e.snapshot.info.get("node");
  const before = s.instances.find((i) => i.id === (e.instance ?? s.instances[0]?.id));
  // Showing another worker because the operator pressed `w` is not a reload.
  const switched = before?.worker !== undefined && e.worker !== undefined && before.worker !== e.worker &&
    (before.pinned === e.worker || (before.pinned === undefined && before.switching === true));
  const instances = replace(s, e.instance, (i) => ({
    ...i,
    name: i.label ?? (s.instances.length > 1 && node ? node : i.name),
    health: undefined,
    snapshot: e.snapshot,
    snapshotAt: e.now,
    connected: true,
    error: undefined,
    workers: e.workers ?? i.workers,
    worker: e.worker ?? i.worker,
    // The runtime falls back to the current worker when the chosen one is gone: so does the state.
    pinned: i.pinned !== undefined && e.worker !== undefined && e.worker !== i.pinned ? undefined : i.pinned,
    switching: false,
    seq: e.seq,
  }));
  const own = switched ? undefined : changeMessage(s, before?.snapshot, e.snapshot);
  const change = own && s.instances.length > 1 ? { ...own, text: `${before?.name}: ${own.text}` } : own;
  // Another answer of the round follows at once: it merges both (the merge of every instance is the cost of
  // an answer in a fleet). One that says something (a restart) is merged now.
  if (e.defer && !change) return { ...s, instances };
  // Trends get one point per refresh round, from its first answer, whichever instance gives it: an instance
  // that stops answering does not freeze the others' trends, and a refresh of one instance alone (`w`)
  // answers a round that already has its point.
  const trend = e.round === undefined || e.round > s.trendRound;
  const trendRound = trend && e.round !== undefined ? e.round : s.trendRound;
  const confirmed = (key: string) => confirmedSeq(instances, key);
  // Events name the instance by its node, as the header does (its address when it has none).
  const name = node || (instances.find((i) => i.id === (before?.id ?? e.instance))?.name ?? "");
  // A replay's events are the recording's own (model/playback.ts), whichever way it moves.
  const seen = s.config.replay !== undefined ? s : observeSnapshot(s, before, { ...e, name }, switched);
  return applySnapshot({ ...seen, instances, trendRound }, combined(s, instances)!, confirmed, {
    change,
    trend,
    // A replay's charts go by the recording's time (its playback event comes before the moment's snapshots).
    time: s.playback?.replay?.time ?? e.now,
  });
}

/**
 * A replay that moved other than one moment forward: the charts rebuilt from the recorded moments before the
 * one shown (each the view snapshot of its instances, as a live refresh round), and the trends started anew
 * (they follow the moments shown from here).
 */
export function replayHistory(s: State, frames: readonly HistoryFrame[]): State {
  let charts = ChartHistory.empty();
  for (const frame of frames) {
    const at = new Map(frame.snapshots.map((f) => [f.instance, f.snapshot]));
    const instances = s.instances.map((i) => ({ ...i, snapshot: at.get(i.id) }));
    const snapshot = combined(s, instances);
    if (snapshot) charts = nextCharts(charts, s, snapshot, frame.time);
  }
  return { ...s, charts, trends: new Map() };
}

/**
 * The latest refresh answered for the row `key`: with several instances, by the row's own instance (an
 * aggregate row's: the oldest answer of the instances answering), so that one instance's answer never
 * clears the pending mark of a change sent to another, whose weight on screen is still the old one.
 */
function confirmedSeq(instances: readonly InstanceState[], key: string): number {
  if (instances.length === 1) return instances[0].seq ?? -1;
  const own = instances.filter((i) => key.startsWith(`${i.id}|`));
  const live = instances.filter((i) => i.connected);
  const of = own.length > 0 ? own : live.length > 0 ? live : instances;
  return Math.min(...of.map((i) => i.seq ?? -1));
}

/** An instance did not answer: with one socket the monitor is disconnected; with several, it goes stale. */
export function instanceFailed(s: State, e: Extract<Event, { type: "refreshFailed" }>): State {
  const before = s.instances.find((i) => i.id === (e.instance ?? s.instances[0]?.id));
  const instances = replace(s, e.instance, (i) => ({
    ...i,
    connected: false,
    error: e.error,
    health: failedOnce(i.health, e.now),
  }));
  const seen = s.config.replay !== undefined ? s : observeFailure(s, before, e.error, e.now);
  let next: State = { ...seen, instances };
  if (instances.length > 1) {
    next = relayout({ ...next, snapshot: combined(next, instances) });
    const stale = instances.filter((i) => !i.connected).map((i) => i.name);
    if (isConnected(next)) next = say(next, `stale (retrying): ${stale.join(", ")}: ${e.error}`, "error");
  }
  return next;
}

/** An instance told its privilege level. */
export function instanceLevel(s: State, e: Extract<Event, { type: "level" }>): State {
  return { ...s, instances: replace(s, e.instance, (i) => ({ ...i, level: e.level })) };
}

/** `g`: group several instances by proxy (aggregate rows) or by instance. */
export function toggleGrouping(s: State): State {
  if (s.instances.length < 2) return say(s, "grouping needs several sockets (-s/-t given more than once)");
  const grouping = s.grouping === "proxy" ? "instance" : "proxy";
  // A sort would separate instance rows from their aggregate row: it only applies grouped by instance.
  const sort = grouping === "proxy" ? undefined : s.sort;
  const next = relayout({ ...s, grouping, sort, snapshot: combined({ ...s, grouping }, s.instances) });
  return say(next, grouping === "proxy" ? "grouped by proxy, with aggregate rows" : "grouped by instance");
}

/**
 * `w`: on a master CLI socket, show the next worker: from following the current worker (the default, which
 * survives reloads) to each other worker in turn (old ones still draining), then back to following.
 */
export function cycleWorker(s: State): Step {
  const id = rowInstance(s) ?? s.instances.find((i) => i.workers)?.id;
  const inst = s.instances.find((i) => i.id === id && i.workers);
  if (!inst || !inst.workers) {
    return [say(s, "w switches workers on a master CLI socket (haproxy -W -S)"), []];
  }
  const current = currentWorker(inst.workers)?.pid;
  const choices = [undefined, ...workers(inst.workers).filter((p) => p.pid !== current).map((p) => p.pid)];
  if (choices.length === 1) return [say(s, `only one worker (${current ?? "?"}) is running`), []];
  const pinned = choices[(choices.indexOf(inst.pinned) + 1) % choices.length];
  const instances = s.instances.map((i) => (i.id === inst.id ? { ...i, pinned, switching: true } : i));
  const what = pinned === undefined
    ? `following the current worker (${current ?? "?"})`
    : `showing worker ${pinned} (${workerAge(inst.workers.find((p) => p.pid === pinned)!)})`;
  return [say({ ...s, instances }, what), [{ type: "refresh", seq: s.refreshSeq, instance: inst.id }]];
}
