/**
 * What a bulk action sends: for each target the exact command, naming the server by its ids
 * (`set server #3/#2 state drain`), grouped by instance. Once planned, a target is its ids: what is sent is the
 * previewed list, so a reload that renumbered servers cannot make a name hit another server (a vanished id is
 * refused by HAProxy, `No such server.`, and reported).
 *
 * Verified on HAProxy 2.2, 2.6, 3.0, 3.2 and 3.4: `#<iid>/#<sid>` is accepted by `set server ... state`,
 * `set weight` (absolute and `N%`), `enable/disable health` and `enable/disable agent`, each answering with
 * nothing on success; one spelling serves every release.
 *
 * @module
 */

/** A server picked by a pattern, on one instance. */
export interface Target {
  /** The instance's id (its socket address). */
  readonly instance: string;
  readonly proxy: string;
  readonly server: string;
  /** Proxy id (`iid`). */
  readonly iid: number;
  /** Server id (`sid`). */
  readonly sid: number;
}

/** What to do to every target. */
export type BulkAction =
  | { readonly kind: "ready" | "drain" | "maint" }
  /** `weight`: `N` (0-256) or `N%` of the initial weight, as HAProxy takes it. */
  | { readonly kind: "weight"; readonly weight: string }
  | { readonly kind: "health" | "agent"; readonly on: boolean };

/** A target and the one command it gets. */
export interface PlannedTarget extends Target {
  readonly command: string;
}

/** One instance's share of a plan. */
export interface InstancePlan {
  readonly instance: string;
  readonly targets: readonly PlannedTarget[];
}

/** The whole plan: the action and, per instance in order of first appearance, its targets. */
export interface Plan {
  readonly action: BulkAction;
  readonly instances: readonly InstancePlan[];
  /** Targets in all. */
  readonly size: number;
}

/** How a target is addressed: `#<iid>/#<sid>`. */
export function targetRef(t: Pick<Target, "iid" | "sid">): string {
  return `#${t.iid}/#${t.sid}`;
}

/** The command that applies `action` to the server `ref` (`#3/#2`). */
export function commandFor(action: BulkAction, ref: string): string {
  switch (action.kind) {
    case "ready":
    case "drain":
    case "maint":
      return `set server ${ref} state ${action.kind}`;
    case "weight":
      return `set weight ${ref} ${action.weight}`;
    case "health":
    case "agent":
      return `${action.on ? "enable" : "disable"} ${action.kind} ${ref}`;
  }
}

/** The action in words for a heading: `drain`, `weight 50%`, `agent checks off`. */
export function describeAction(action: BulkAction): string {
  if (action.kind === "weight") return `weight ${action.weight}`;
  if (action.kind === "health" || action.kind === "agent") {
    return `${action.kind} checks ${action.on ? "on" : "off"}`;
  }
  return action.kind;
}

/**
 * Reads a weight as HAProxy takes it: `N` from 0 to 256, or `N%` of the initial weight (HAProxy caps the result
 * at 256). Returns the value to send, or why it is refused (a sentence about weights, without the text).
 */
export function parseWeight(text: string): { weight: string } | { error: string } {
  const m = /^(\d{1,4})(%?)$/.exec(text.trim());
  if (!m) return { error: "a weight is N (0-256) or N% of the initial weight" };
  const n = Number(m[1]);
  if (!m[2] && n > 256) return { error: "an absolute weight is at most 256" };
  return { weight: `${n}${m[2]}` };
}

/** Plans `action` for `targets`: one command each, grouped by instance in order of first appearance. */
export function planAction(action: BulkAction, targets: readonly Target[]): Plan {
  const groups = new Map<string, PlannedTarget[]>();
  for (const t of targets) {
    const group = groups.get(t.instance) ?? [];
    groups.set(t.instance, group);
    group.push({ ...t, command: commandFor(action, targetRef(t)) });
  }
  return {
    action,
    instances: [...groups].map(([instance, planned]) => ({ instance, targets: planned })),
    size: targets.length,
  };
}
