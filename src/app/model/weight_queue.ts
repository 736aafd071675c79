/**
 * Weight keys pressed in a burst. F5-F8 change the weight relative to the weight shown, and the weight shown is
 * stale from the moment a change is sent until the refresh after it: so a weight key on a row whose last
 * change is still pending waits in that row's queue (`State.queued`, in the order pressed), and the queue is
 * sent one key at a time, each planned on the weight the refresh shows, that is the one HAProxy confirmed.
 * Five F8 on a weight of 70 send 80, 90, 100, 110 and 120, in order; nothing is dropped silently: a key the
 * weight cannot take (already 256) says so, and a queue whose change failed, or whose row went away or cannot
 * be acted on any more, is dropped with a message saying how many keys were.
 *
 * @module
 */
import { rowKey } from "../domain/body_lines.ts";
import { planHotkey } from "../domain/hotkeys.ts";
import { say, type Step } from "./ops.ts";
import { actionBlocked, sendAction, serverRows } from "./server_actions.ts";
import type { Command, State } from "./state.ts";

/** "px/sv" of a row key (its last two parts). */
function nameOf(key: string): string {
  return key.split("|").slice(-2).join("/");
}

function keys(n: number): string {
  return n === 1 ? "1 queued weight key" : `${n} queued weight keys`;
}

/** Drops the queue of `key`, saying why. */
export function dropQueue(s: State, key: string, why: string): State {
  const waiting = s.queued.get(key)?.length ?? 0;
  if (waiting === 0) return s;
  const queued = new Map(s.queued);
  queued.delete(key);
  return say({ ...s, queued }, `not sent: ${keys(waiting)} on ${nameOf(key)} (${why})`, "error");
}

/** Sends the next queued weight key of every row whose last change is now shown. */
export function sendQueued(s: State): Step {
  let next = s;
  const commands: Command[] = [];
  for (const [key, waiting] of s.queued) {
    if (next.pending.has(key)) continue;
    const all = serverRows(next);
    const row = all.find((r) => rowKey(r) === key);
    if (!row) {
      next = dropQueue(next, key, "the server is gone from HAProxy's stats");
      continue;
    }
    const blocked = actionBlocked(next, row.instance);
    if (blocked) {
      next = dropQueue(next, key, blocked);
      continue;
    }
    const rest = [...waiting];
    let sent = false;
    while (rest.length > 0 && !sent) {
      const plan = planHotkey(rest.shift()!, row, all);
      const queued = new Map(next.queued);
      if (rest.length > 0) queued.set(key, rest);
      else queued.delete(key);
      next = { ...next, queued };
      if ("refused" in plan) {
        next = say(next, plan.refused);
        continue;
      }
      const [after, send] = sendAction(next, plan.commands, plan.rowKeys, row.instance);
      next = after;
      commands.push(...send);
      sent = true;
    }
  }
  return [next, commands];
}
