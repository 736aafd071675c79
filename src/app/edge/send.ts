/**
 * Sending what the operator typed or chose: each command to its instance (one, or every one for an
 * aggregate row), through the worker on screen on a master CLI; a bulk plan, each target's command to its own. Each instance gets every command until one
 * fails there; a failure on one instance does not keep the others from being told, and the results are
 * logged in the instances' order.
 *
 * @module
 */
import type { HaproxyClient } from "../../haproxy/client.ts";
import { type CommandSender, workerSender } from "../../haproxy/master.ts";
import { executePlan, type TargetResult } from "../../bulk/mod.ts";
import type { Command, Event, State } from "../model/state.ts";

/** One socket: its id (the address as text), client, and the `show stat` commands of a refresh. */
export interface MonitorInstance {
  readonly id: string;
  /** The config file's label, shown instead of the node name. */
  readonly label?: string;
  readonly client: Pick<HaproxyClient, "send" | "isMaster">;
  readonly statCommands: readonly string[];
}

/**
 * Where a command typed or chosen on screen goes: the socket itself; on a master CLI, the worker whose stats
 * are on screen (never one the operator has not seen yet), and a line starting with `@` to the master as typed.
 */
export function senderFor(
  instance: MonitorInstance,
  worker: number | undefined,
  command = "",
): CommandSender {
  const client = instance.client;
  if (!client.isMaster || command.startsWith("@")) return client;
  if (worker === undefined) return { send: () => Promise.reject(new Error("no worker is shown yet")) };
  return workerSender(client, worker);
}

/** The replies to a `send` command, as the event that carries them (its time set by the caller). */
export type Sent = Omit<Extract<Event, { type: "sent" }>, "now">;

/**
 * Sends a `send` command's lines to the instances it names (`instance`: an id, `*` for every one, absent: the
 * first), as `s` shows them when it starts (names, workers); resolves when every instance has answered or
 * failed. With several instances each line is labelled `[name]`.
 */
export async function sendCommand(
  instances: readonly MonitorInstance[],
  s: State,
  command: Extract<Command, { type: "send" }>,
): Promise<Sent> {
  const targets = command.instance === "*"
    ? instances
    : instances.filter((i) => i.id === (command.instance ?? instances[0]?.id));
  const named = targets.length > 1 || instances.length > 1;
  const outcomes = await Promise.all(targets.map(async (instance) => {
    const shown = s.instances.find((i) => i.id === instance.id);
    const label = named ? `[${shown?.name ?? instance.id}] ` : "";
    const results: { command: string; output: string }[] = [];
    for (const c of command.commands) {
      try {
        results.push({
          command: `${label}${c}`,
          output: await senderFor(instance, shown?.worker, c).send(c),
        });
      } catch (e) {
        return { results, error: `${label}${c}: ${(e as Error).message}` };
      }
    }
    return { results, error: undefined };
  }));
  const errors = outcomes.flatMap((o) => (o.error ? [o.error] : []));
  return {
    type: "sent",
    origin: command.origin,
    results: outcomes.flatMap((o) => o.results),
    error: errors.length > 0 ? errors.join("; ") : undefined,
    rowKeys: command.rowKeys,
  };
}

/**
 * Sends a bulk plan exactly as previewed (src/bulk executePlan), each instance's commands to it (through the
 * worker on screen on a master CLI); resolves with every target's outcome, in plan order.
 */
export function runBulk(
  instances: readonly MonitorInstance[],
  s: State,
  command: Extract<Command, { type: "bulk" }>,
): Promise<TargetResult[]> {
  const senders = new Map(instances.map((i) => {
    const worker = s.instances.find((shown) => shown.id === i.id)?.worker;
    return [i.id, senderFor(i, worker)] as const;
  }));
  return executePlan(command.plan, senders);
}
