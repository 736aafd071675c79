/**
 * What a new snapshot does to the state: new lines (the cursor follows its service), trends, pending
 * markers cleared, and messages when HAProxy restarted, its configuration changed, a selected service went
 * away or its reply had problems.
 *
 * @module
 */
import type { Snapshot } from "../stats/types.ts";
import { infoNumber } from "../stats/info.ts";
import { rowKey } from "./body.ts";
import { message, relayout } from "./state_ops.ts";
import { type Message, type State, type Trend, TREND_LENGTH } from "./state.ts";

/** HAProxy's reply had problems (garbage values, a filter that matches nothing): say so when they change. */
function warningMessage(s: State, snapshot: Snapshot): Message | undefined {
  const w = snapshot.warnings;
  if (w.length === 0 || w.join("\n") === s.snapshot?.warnings.join("\n")) return undefined;
  return message(w.length === 1 ? w[0] : `${w[0]} (+${w.length - 1} more)`, "info", s.now);
}

/** A message when HAProxy restarted (new pid) or its configuration changed (counts differ). */
function changeMessage(s: State, snapshot: Snapshot): Message | undefined {
  const previous = s.snapshot;
  if (!previous) return undefined;
  const oldPid = infoNumber(previous.info, "Pid");
  const newPid = infoNumber(snapshot.info, "Pid");
  if (oldPid !== undefined && newPid !== undefined && oldPid !== newPid) {
    return message(`HAProxy restarted or reloaded: pid ${oldPid} -> ${newPid}`, "info", s.now);
  }
  if (previous.services !== snapshot.services || previous.proxies.length !== snapshot.proxies.length) {
    const sign = (n: number) => (n >= 0 ? `+${n}` : `${n}`);
    const dp = snapshot.proxies.length - previous.proxies.length;
    const ds = snapshot.services - previous.services;
    return message(`configuration changed: proxies ${sign(dp)}, services ${sign(ds)}`, "info", s.now);
  }
  return undefined;
}

function push(values: readonly number[] | undefined, text: string | undefined): readonly number[] {
  const v = Number(text);
  const next = [...(values ?? []), Number.isFinite(v) && text !== "" ? v : 0];
  return next.length > TREND_LENGTH ? next.slice(-TREND_LENGTH) : next;
}

/** Appends each row's rates to its trend (rows that went away are dropped). */
export function nextTrends(old: ReadonlyMap<string, Trend>, snapshot: Snapshot): Map<string, Trend> {
  const trends = new Map<string, Trend>();
  for (const px of snapshot.proxies) {
    for (const row of [px.frontend, ...px.servers, px.backend]) {
      if (!row) continue;
      const key = rowKey(row);
      const t = old.get(key);
      trends.set(key, {
        rate: push(t?.rate, row.get("rate")),
        req_rate: push(t?.req_rate, row.get("req_rate")),
      });
    }
  }
  return trends;
}

/** Applies a snapshot that answered refresh `seq`. */
export function applySnapshot(s: State, snapshot: Snapshot, seq: number): State {
  const old = s.lines[s.scroll.cursor];
  let next = relayout({
    ...s,
    snapshot,
    snapshotAt: s.now,
    trends: nextTrends(s.trends, snapshot),
    pending: new Map([...s.pending].filter(([, due]) => due > seq)),
    connected: true,
    connectionError: undefined,
    message: changeMessage(s, snapshot) ?? warningMessage(s, snapshot) ?? s.message,
  });
  if (old?.kind === "row" && next.selectedKey !== old.key) {
    const proxyIndex = next.lines.findIndex((l) => l.kind === "proxy" && l.name === old.row.pxname);
    next = relayout({
      ...next,
      menu: false,
      detail: false,
      selectedKey: proxyIndex >= 0 ? next.lines[proxyIndex].key : next.selectedKey,
      message: message(`${old.row.pxname}/${old.row.svname} is gone from HAProxy's stats`, "error", s.now),
    });
  }
  return next;
}
