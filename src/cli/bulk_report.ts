/**
 * What a run with an action prints: the plan (every target with its names, ids and exact command), the
 * per-target results, the drain wait's progress lines, and the same as one JSON document for scripts.
 *
 * @module
 */
import {
  type Busy,
  describeAction,
  type DrainStep,
  type Level,
  type Plan,
  type PlannedTarget,
  summarize,
  type Summary,
  type Target,
  targetRef,
  type TargetResult,
} from "../bulk/mod.ts";

/** How an instance is shown: its name (node, else address) and address. */
export interface InstanceLabel {
  readonly name: string;
  readonly address: string;
  readonly level?: Level | "denied";
}

/** Instance id → its label; with one instance no line names it. */
export type Labels = ReadonlyMap<string, InstanceLabel>;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** `be_app/web1 [#3/#1]`, after `lb1: ` when there are several instances. */
function named(t: Target, labels: Labels): string {
  const where = labels.size > 1 ? `${labels.get(t.instance)?.name ?? t.instance}: ` : "";
  return `${where}${t.proxy}/${t.server} [${targetRef(t)}]`;
}

/** Lines of targets grouped under `name (address):` headings when there are several instances. */
function grouped<T extends PlannedTarget>(items: readonly T[], labels: Labels, line: (t: T) => string) {
  const out: string[] = [];
  const several = labels.size > 1;
  let instance: string | undefined;
  for (const item of items) {
    if (several && item.instance !== instance) {
      instance = item.instance;
      const label = labels.get(instance);
      const name = label && label.name !== label.address ? `${label.name} (${label.address})` : instance;
      out.push(`  ${name}:`);
    }
    out.push(`${several ? "    " : "  "}${item.proxy}/${item.server} [${targetRef(item)}]  ${line(item)}`);
  }
  return out;
}

/** The preview: a heading, then one line per target with the command it gets. */
export function planText(plan: Plan, labels: Labels, dryRun: boolean): string {
  const where = labels.size > 1 ? ` on ${plural(plan.instances.length, "instance")}` : "";
  const heading = `plan${dryRun ? " (dry run, nothing sent)" : ""}: ${describeAction(plan.action)} ` +
    `${plural(plan.size, "server")}${where}`;
  const targets = plan.instances.flatMap((i) => i.targets);
  return [heading, ...grouped(targets, labels, (t) => t.command)].join("\n") + "\n";
}

function summaryText(s: Summary): string {
  const parts = [`${s.ok} ok`];
  if (s.refused > 0) parts.push(`${s.refused} refused`);
  if (s.failed > 0) parts.push(`${s.failed} failed`);
  if (s["not sent"] > 0) parts.push(`${s["not sent"]} not sent`);
  return parts.join(", ");
}

/** The results: a summary heading, then one line per target, with HAProxy's text where it refused. */
export function resultsText(results: readonly TargetResult[], labels: Labels): string {
  const lines = grouped(results, labels, (r) => (r.message ? `${r.outcome}: ${r.message}` : r.outcome));
  return [`result: ${summaryText(summarize(results))}`, ...lines].join("\n") + "\n";
}

function busyText(b: Busy, labels: Labels): string {
  return `${named(b, labels)} scur ${Number.isNaN(b.scur) ? "?" : b.scur}`;
}

/** What a step says beyond the busy ones: targets whose instance did not answer, and targets gone. */
function notes(step: DrainStep, labels: Labels): string {
  const parts: string[] = [];
  if (step.unknown.length > 0) {
    const names = [...new Set(step.unknown.map((t) => labels.get(t.instance)?.name ?? t.instance))];
    parts.push(`no answer from ${names.join(", ")}`);
  }
  if (step.gone.length > 0) {
    parts.push(`gone (no server with these ids now): ${step.gone.map((t) => named(t, labels)).join(", ")}`);
  }
  return parts.map((p) => `; ${p}`).join("");
}

/** How many of how many still have sessions, and who. */
function busyList(step: DrainStep, total: number, labels: Labels): string {
  const left = step.busy.length + step.unknown.length;
  const verb = left === 1 ? "has" : "have";
  const who = step.busy.map((b) => busyText(b, labels)).join(", ");
  return `${left} of ${plural(total, "server")} still ${verb} sessions${who ? `: ${who}` : ""}`;
}

/** One progress line of the drain wait. */
export function progressLine(
  step: DrainStep,
  total: number,
  elapsedS: number,
  limitS: number,
  labels: Labels,
) {
  return `wait: ${busyList(step, total, labels)} (${elapsedS}s of ${limitS}s)${notes(step, labels)}\n`;
}

/** The last line of the drain wait: drained, or timed out with who is left. */
export function waitEndLine(
  step: DrainStep,
  total: number,
  elapsedS: number,
  drained: boolean,
  labels: Labels,
) {
  if (drained) {
    return `wait: drained: none of ${plural(total, "server")} has sessions (after ${elapsedS}s)` +
      `${notes(step, labels)}\n`;
  }
  return `wait: timed out after ${elapsedS}s: ${busyList(step, total, labels)}${notes(step, labels)}\n`;
}

/** The drain wait's outcome for JSON. */
export interface WaitReport {
  readonly seconds: number;
  readonly drained: boolean;
  readonly elapsedS: number;
  readonly step: DrainStep;
}

function targetJson(t: Target, labels: Labels) {
  return {
    ...(labels.size > 1 ? { instance: labels.get(t.instance)?.name ?? t.instance } : {}),
    proxy: t.proxy,
    server: t.server,
    iid: t.iid,
    sid: t.sid,
  };
}

/** Everything of one run as one JSON document (`--format json`). */
export function bulkJson(
  plan: Plan,
  labels: Labels,
  run: { dryRun: boolean; results?: readonly TargetResult[]; wait?: WaitReport; exit: number },
): string {
  const key = (t: Target) => `${t.instance} ${t.iid} ${t.sid}`;
  const results = new Map(run.results?.map((r) => [key(r), r]));
  const a = plan.action;
  const doc = {
    action: a.kind,
    value: a.kind === "weight" ? a.weight : "on" in a ? (a.on ? "on" : "off") : null,
    dry_run: run.dryRun,
    ...(run.results ? { summary: summarize(run.results) } : {}),
    instances: plan.instances.map((i) => ({
      instance: labels.get(i.instance)?.name ?? i.instance,
      address: labels.get(i.instance)?.address ?? i.instance,
      level: labels.get(i.instance)?.level ?? null,
      targets: i.targets.map((t) => {
        const r = results.get(key(t));
        return {
          proxy: t.proxy,
          server: t.server,
          iid: t.iid,
          sid: t.sid,
          command: t.command,
          ...(r ? { outcome: r.outcome, message: r.message ?? null } : {}),
        };
      }),
    })),
    ...(run.wait
      ? {
        wait: {
          seconds: run.wait.seconds,
          drained: run.wait.drained,
          elapsed_seconds: run.wait.elapsedS,
          busy: run.wait.step.busy.map((b) => ({ ...targetJson(b, labels), scur: b.scur })),
          unknown: run.wait.step.unknown.map((t) => targetJson(t, labels)),
          gone: run.wait.step.gone.map((t) => targetJson(t, labels)),
        },
      }
      : {}),
    exit: run.exit,
  };
  return JSON.stringify(doc, null, 2) + "\n";
}
