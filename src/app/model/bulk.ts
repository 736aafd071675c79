/**
 * Bulk actions in the monitor: one action (ready, drain, maint, a weight, health or agent checks on/off) on the
 * tagged servers, or on the server under the cursor when none is tagged. src/bulk plans it (each target by its
 * ids, with its exact command, grouped by instance) and judges the replies; here is what each step does to the
 * state: refused before anything (read-only, disconnected, a level below admin), the menu, the preview the
 * operator confirms, the `bulk` command carrying exactly the previewed plan, and the result of every target,
 * logged in the CLI too.
 *
 * @module
 */
import { type BulkAction, planAction, summarize, type Target, type TargetResult } from "../../bulk/mod.ts";
import { ACTIONS } from "../domain/actions.ts";
import { ctime } from "../widgets/clock.ts";
import { appendOutput, closeOverlay, openOverlay, overlayOf, replaceOverlay, say, type Step } from "./ops.ts";
import { awaitRefresh } from "./replies.ts";
import { actionBlocked, readOnlyReason } from "./server_actions.ts";
import { selectedLine } from "./stat_table.ts";
import type { BulkStage, Event, State } from "./state.ts";
import { rowTargets, taggedTargets, targetRowKeys } from "./tags.ts";

/** An entry of the bulk menu: its key and label (those of the actions menu) and its action (none: a weight, asked). */
export interface BulkEntry {
  readonly key: string;
  readonly label: string;
  readonly action?: BulkAction;
}

const ENTRIES: readonly (readonly [string, BulkAction | undefined])[] = [
  ["r", { kind: "ready" }],
  ["d", { kind: "drain" }],
  ["m", { kind: "maint" }],
  ["w", undefined],
  ["h", { kind: "health", on: true }],
  ["H", { kind: "health", on: false }],
  ["g", { kind: "agent", on: true }],
  ["G", { kind: "agent", on: false }],
];

/** The bulk menu, in the order shown. */
export const BULK_ACTIONS: readonly BulkEntry[] = ENTRIES.map(([key, action]) => ({
  key,
  label: ACTIONS.find((a) => a.key === key)!.label,
  ...(action ? { action } : {}),
}));

/** The targets of a bulk action: the tagged servers, else the server(s) of the row under the cursor. */
export function bulkTargets(s: State): Target[] {
  const tagged = taggedTargets(s);
  if (tagged.length > 0) return tagged;
  const line = selectedLine(s);
  return line?.kind === "row" ? rowTargets(s, line.row) : [];
}

/** Why no bulk action can go to `targets` now (read-only, an instance disconnected or below admin), or undefined. */
function bulkBlocked(s: State, targets: readonly Target[]): string | undefined {
  if (s.config.readOnly) return readOnlyReason(s.config);
  for (const instance of new Set(targets.map((t) => t.instance))) {
    const blocked = actionBlocked(s, instance);
    if (!blocked) continue;
    const name = s.instances.find((i) => i.id === instance)?.name ?? instance;
    return s.instances.length > 1 ? `${name}: ${blocked}` : blocked;
  }
  return undefined;
}

/** `a` with tags, or `b`: the bulk menu on the targets, or why not (before any list of targets). */
export function openBulk(s: State): State {
  const targets = bulkTargets(s);
  if (targets.length === 0) return say(s, "bulk actions work on tagged servers (t, T) or a server row");
  const blocked = bulkBlocked(s, targets);
  if (blocked) return say(s, blocked, "error");
  return openOverlay(s, { kind: "bulk", bulk: { stage: "menu", targets, index: 0 } });
}

/** The bulk overlay moved to its next stage. */
export function bulkStage(s: State, bulk: BulkStage): State {
  return replaceOverlay(s, { kind: "bulk", bulk });
}

/** The targets in the order of the instances, then of their ids: the preview reads like the table. */
function ordered(s: State, targets: readonly Target[]): Target[] {
  const at = (t: Target) => s.instances.findIndex((i) => i.id === t.instance);
  return [...targets].sort((a, b) => at(a) - at(b) || a.iid - b.iid || a.sid - b.sid);
}

/** An action chosen: the preview of every target and the command it gets. */
export function previewBulk(s: State, targets: readonly Target[], action: BulkAction): State {
  const sorted = ordered(s, targets);
  const plan = planAction(action, sorted);
  return bulkStage(s, { stage: "preview", plan, rowKeys: targetRowKeys(s, sorted), scroll: 0 });
}

/** `y` on the preview: exactly its plan is sent (unless something changed that blocks it), its rows pending. */
export function confirmBulk(s: State, preview: Extract<BulkStage, { stage: "preview" }>): Step {
  const targets = preview.plan.instances.flatMap((i) => i.targets);
  const blocked = bulkBlocked(s, targets);
  if (blocked) return [say(closeOverlay(s, "bulk"), `not sent: ${blocked}`, "error"), []];
  const pending = new Map(s.pending);
  for (const k of preview.rowKeys) pending.set(k, Infinity);
  const next = bulkStage({ ...s, pending }, { stage: "sending", plan: preview.plan });
  return [next, [{ type: "bulk", plan: preview.plan, rowKeys: preview.rowKeys }]];
}

/** A result's words: `ok`, or the outcome and HAProxy's text (or why it was not sent). */
export function outcomeText(r: TargetResult): string {
  return r.outcome === "ok" ? "ok" : `${r.outcome}: ${r.message ?? ""}`;
}

/** The summary of results: `3 ok, 1 refused`. */
export function summaryText(results: readonly TargetResult[]): string {
  const counts = summarize(results);
  const parts = Object.entries(counts).filter(([, n]) => n > 0).map(([what, n]) => `${n} ${what}`);
  return parts.join(", ") || "nothing sent";
}

/**
 * The replies came: every command and its outcome is logged in the CLI, the summary said, the results shown
 * (when the overlay still waits for them), and the rows stay pending until the refresh asked for now.
 */
export function bulkDone(s: State, e: Extract<Event, { type: "bulkDone" }>): Step {
  const several = s.instances.length > 1;
  const name = (id: string) => s.instances.find((i) => i.id === id)?.name ?? id;
  const log = [`* ${ctime(s.now)}`];
  for (const r of e.results) {
    log.push(`> ${several ? `[${name(r.instance)}] ` : ""}${r.command}`);
    if (r.outcome !== "ok") log.push(`! ${outcomeText(r)}`);
    log.push("");
  }
  let next = appendOutput(s, log);
  const open = overlayOf(next, "bulk")?.bulk;
  if (open?.stage === "sending") {
    next = bulkStage(next, { stage: "results", plan: open.plan, results: e.results, scroll: 0 });
  }
  const failed = e.results.some((r) => r.outcome !== "ok");
  next = say(
    next,
    `bulk ${e.results.length === 1 ? "action" : "actions"}: ${summaryText(e.results)}`,
    failed ? "error" : "ok",
  );
  return awaitRefresh(next, e.rowKeys);
}
