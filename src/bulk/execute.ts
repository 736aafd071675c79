/**
 * Sending a plan and judging each reply: HAProxy answers a successful `set server`, `set weight` or
 * `enable/disable health|agent` with nothing, so any text is its refusal (`No such server.`, `Permission
 * denied`, `Agent was not configured on this server, cannot enable.`) and is reported as it is; nothing fails
 * silently.
 *
 * @module
 */
import type { CommandSender } from "../haproxy/master.ts";
import { oneLine } from "../haproxy/connection.ts";
import type { Plan, PlannedTarget } from "./plan.ts";

/**
 * What happened to one target: `ok`; `refused` (HAProxy's text in `message`); `failed` (the socket broke while
 * sending: HAProxy may or may not have applied it); `not sent` (an earlier failure on that instance stopped it).
 */
export type Outcome = "ok" | "refused" | "failed" | "not sent";

/** A planned target with its outcome. */
export interface TargetResult extends PlannedTarget {
  readonly outcome: Outcome;
  /** HAProxy's refusal, or why it failed or was not sent. */
  readonly message?: string;
}

/** A reply judged: empty is success, anything else HAProxy's refusal (its lines joined by spaces). */
export function judgeReply(reply: string): { outcome: "ok" } | { outcome: "refused"; message: string } {
  const text = reply.trim();
  if (text === "") return { outcome: "ok" };
  return { outcome: "refused", message: text.split("\n").map((l) => l.trim()).filter((l) => l).join(" ") };
}

/**
 * Sends every planned command, instance after instance, target after target, exactly as planned. A send that
 * throws marks its target `failed` and the rest of that instance `not sent`; other instances go on. An
 * instance without a sender is `not sent` with a message saying so.
 */
export async function executePlan(
  plan: Plan,
  senders: ReadonlyMap<string, CommandSender>,
): Promise<TargetResult[]> {
  const results: TargetResult[] = [];
  for (const { instance, targets } of plan.instances) {
    const sender = senders.get(instance);
    let stopped: string | undefined = sender ? undefined : `no connection to ${instance}`;
    for (const target of targets) {
      if (stopped !== undefined) {
        results.push({ ...target, outcome: "not sent", message: stopped });
        continue;
      }
      try {
        results.push({ ...target, ...judgeReply(await sender!.send(target.command)) });
      } catch (e) {
        const message = oneLine(e);
        results.push({ ...target, outcome: "failed", message: `no reply: ${message}` });
        stopped = `an earlier command on this instance failed (${message})`;
      }
    }
  }
  return results;
}

/** How many targets had each outcome. */
export type Summary = Readonly<Record<Outcome, number>>;

/** Counts the outcomes. */
export function summarize(results: readonly TargetResult[]): Summary {
  const counts = { ok: 0, refused: 0, failed: 0, "not sent": 0 };
  for (const r of results) counts[r.outcome]++;
  return counts;
}
