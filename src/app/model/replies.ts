/**
 * What a reply to something sent does to the state: every command and its reply is logged in the CLI, an
 * action's outcome is told on the message line (done, HAProxy's refusal or its error), the rows it touched
 * stay pending until the refresh asked for now answers, and the weight keys queued behind a change that
 * failed are dropped, saying so.
 *
 * @module
 */
import { isPermissionDenied } from "../../haproxy/client.ts";
import { ctime } from "../widgets/clock.ts";
import { appendOutput, message, type Step } from "./ops.ts";
import type { Command, Event, Message, State } from "./state.ts";
import { dropQueue } from "./weight_queue.ts";

/** The replies to one `send` command arrived (or its error). */
export function replied(s: State, e: Extract<Event, { type: "sent" }>): Step {
  const log: string[] = [`* ${ctime(s.now)}`];
  for (const r of e.results) log.push(`> ${r.command}`, ...(r.output === "" ? [] : r.output.split("\n")), "");
  if (e.error) log.push(`! ${e.error}`, "");
  let next = appendOutput(s, log);
  if (e.origin === "cli") next = { ...next, cli: { ...next.cli, busy: false } };
  let commands: Command[];
  [next, commands] = awaitRefresh(next, e.rowKeys);
  if (e.origin === "action") {
    const result = actionResult(s, e);
    next = { ...next, message: result };
    // The weight keys queued behind a change that failed would be planned on a weight nobody confirmed.
    if (result.tone === "error") {
      for (const k of e.rowKeys) next = dropQueue(next, k, `the change before them failed: ${result.text}`);
    }
  }
  return [next, commands];
}

/** Rows an answered action touched stay pending until the refresh asked for now answers. */
export function awaitRefresh(s: State, rowKeys: readonly string[]): Step {
  const seq = s.refreshSeq + 1;
  const pending = new Map(s.pending);
  for (const k of rowKeys) pending.set(k, seq);
  return [{ ...s, pending, refreshSeq: seq }, [{ type: "refresh", seq }]];
}

/** What the operator is told about an action: done, HAProxy's refusal, or its error text. */
function actionResult(s: State, e: Extract<Event, { type: "sent" }>): Message {
  const denied = e.results.find((r) => isPermissionDenied(r.output));
  const failed = e.results.find((r) => r.output.trim() !== "");
  if (e.error) return message(`not done: ${e.error}`, "error", s.now);
  if (denied) {
    return message(
      `HAProxy refused "${denied.command}": Permission denied (this socket's level is too low; admin needed)`,
      "error",
      s.now,
    );
  }
  if (failed) return message(`${failed.command}: ${failed.output.trim().split("\n")[0]}`, "error", s.now);
  const what = e.results.length === 1 ? e.results[0].command : `${e.results.length} commands`;
  return message(`done: ${what}`, "ok", s.now);
}
