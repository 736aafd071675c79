/**
 * Tagged servers, as htop tags processes: `t` tags or untags the server under the cursor, `T` every server the
 * `/` filter shows, `U` clears them; bulk actions (model/bulk.ts) then act on the set. A tag is a server's ids
 * on its instance (src/bulk's `Target`), so it holds across refreshes, sorting and filtering; when a refresh
 * shows that its ids no longer name that server (removed, or renumbered by a reload), the tag is dropped and
 * the operator is told, rather than acting on whatever has the ids now.
 *
 * @module
 */
import { drainStep, type Target } from "../../bulk/mod.ts";
import { ROW_TYPE, type StatRow } from "../../stats/types.ts";
import { isServerRow, serviceKey } from "../domain/body_lines.ts";
import { moveScroll } from "../widgets/scroll.ts";
import { screenLayout } from "./layout.ts";
import { say } from "./ops.ts";
import { selectedLine, withScroll } from "./stat_table.ts";
import type { State } from "./state.ts";

/** A target's key in `State.tags`: `instance #iid/#sid`. */
export function tagKey(t: Pick<Target, "instance" | "iid" | "sid">): string {
  return `${t.instance} #${t.iid}/#${t.sid}`;
}

/** The tagged servers, in the order tagged. */
export function taggedTargets(s: State): Target[] {
  return [...(s.tags?.values() ?? [])];
}

/** How many servers are tagged. */
export function tagCount(s: State): number {
  return s.tags?.size ?? 0;
}

function withTags(s: State, tags: ReadonlyMap<string, Target>): State {
  return { ...s, tags: tags.size > 0 ? tags : undefined };
}

/** A server row of one instance (or of the only one) as a target; undefined without usable ids. */
function targetOf(row: StatRow, instance: string): Target | undefined {
  const ok = Number.isInteger(row.iid) && Number.isInteger(row.sid) && row.iid > 0 && row.sid > 0;
  return ok ? { instance, proxy: row.pxname, server: row.svname, iid: row.iid, sid: row.sid } : undefined;
}

/**
 * The servers a row stands for: itself on its instance (or the only one); for an aggregate row (`*`), the
 * server of that name on every instance that has it.
 */
export function rowTargets(s: State, row: StatRow): Target[] {
  if (!isServerRow(row)) return [];
  if (row.instance !== "*") {
    const t = targetOf(row, row.instance ?? s.instances[0].id);
    return t ? [t] : [];
  }
  return s.instances.flatMap((i) => {
    const own = i.snapshot?.proxies.find((px) => px.name === row.pxname)?.servers
      .find((r) => r.type === ROW_TYPE.server && r.svname === row.svname);
    const t = own && targetOf(own, i.id);
    return t ? [t] : [];
  });
}

/** Whether a row is tagged: every server it stands for is. */
export function isTagged(s: State, row: StatRow): boolean {
  if (!s.tags) return false;
  const targets = rowTargets(s, row);
  return targets.length > 0 && targets.every((t) => s.tags!.has(tagKey(t)));
}

/** `t`: tags the server under the cursor, or untags it, and moves the cursor down a line. */
export function toggleTag(s: State): State {
  const line = selectedLine(s);
  const targets = line?.kind === "row" ? rowTargets(s, line.row) : [];
  if (line?.kind !== "row" || targets.length === 0) return say(s, "tags are for server rows");
  const tagged = isTagged(s, line.row);
  const tags = new Map(s.tags);
  for (const t of targets) {
    if (tagged) tags.delete(tagKey(t));
    else tags.set(tagKey(t), t);
  }
  const next = withTags(s, tags);
  const moved = withScroll(
    next,
    moveScroll(next.scroll, 1, next.lines.length, screenLayout(s.size).body.height),
  );
  const what = `${line.row.pxname}/${line.row.svname}`;
  return say(moved, `${tagged ? "untagged" : "tagged"} ${what}: ${tags.size} tagged (U clears)`);
}

/** `T`: tags every server the `/` filter shows (with several instances, each instance's row). */
export function tagFiltered(s: State): State {
  if (s.filter === "") return say(s, "T tags the servers a / filter shows: set a filter first");
  const rows = s.lines.flatMap((l) => (l.kind === "row" && l.row.instance !== "*" ? [l.row] : []));
  const targets = rows.flatMap((row) => rowTargets(s, row));
  if (targets.length === 0) return say(s, `no server matches "${s.filter}": nothing tagged`);
  const tags = new Map(s.tags);
  for (const t of targets) tags.set(tagKey(t), t);
  return say(
    withTags(s, tags),
    `tagged ${targets.length} server${
      targets.length === 1 ? "" : "s"
    } matching "${s.filter}": ${tags.size} tagged`,
  );
}

/** `U`: no server is tagged any more. */
export function clearTags(s: State): State {
  if (!s.tags) return say(s, "no server is tagged");
  return say(withTags(s, new Map()), `${s.tags.size} tags cleared`);
}

/**
 * After `instance` answered a refresh: its tags whose ids no longer name the same server are dropped, and the
 * operator is told which.
 */
export function pruneTags(s: State, instance: string): State {
  const snapshot = s.instances.find((i) => i.id === instance)?.snapshot;
  if (!s.tags || !snapshot) return s;
  const own = taggedTargets(s).filter((t) => t.instance === instance);
  const { gone } = drainStep(own, new Map([[instance, snapshot]]));
  if (gone.length === 0) return s;
  const tags = new Map(s.tags);
  for (const t of gone) tags.delete(tagKey(t));
  const names = gone.map((t) => `${t.proxy}/${t.server} [#${t.iid}/#${t.sid}]`).join(", ");
  const where = s.instances.length > 1 ? ` on ${s.instances.find((i) => i.id === instance)?.name}` : "";
  return say(withTags(s, tags), `tag dropped, no such server any more${where}: ${names}`, "error");
}

/**
 * The row keys of targets as the stat table knows them (to mark them pending while the action is under way):
 * each instance's row, or with one socket the row itself.
 */
export function targetRowKeys(s: State, targets: readonly Target[]): string[] {
  const several = s.instances.length > 1;
  return targets.map((t) => serviceKey(ROW_TYPE.server, t.proxy, t.server, several ? t.instance : undefined));
}
