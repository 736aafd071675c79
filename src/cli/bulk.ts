/**
 * A run with an action (`hatop -s SOCK --drain 'be_app/web*' --wait-drained 120`): connect to every socket,
 * check the level, match the patterns, print the plan, send exactly the planned commands, report every
 * target, and with `--wait-drained` poll every second until the targets have no sessions. The exit codes are
 * {@linkcode BULK_EXIT}'s.
 *
 * @module
 */
import { BULK_EXIT, type BulkRequest } from "./bulk_options.ts";
import {
  bulkJson,
  type Labels,
  planText,
  progressLine,
  resultsText,
  waitEndLine,
  type WaitReport,
} from "./bulk_report.ts";
import { connectAll, type Connected, type Io } from "./connect.ts";
import type { Options } from "./options.ts";
import {
  drainStep,
  executePlan,
  isDrained,
  type Level,
  levelRefusal,
  matchTargets,
  type Plan,
  planAction,
  readLevel,
  summarize,
  type Target,
  type TargetResult,
} from "../bulk/mod.ts";
import { describeAddress } from "../haproxy/address.ts";
import { type CommandSender, route } from "../haproxy/master.ts";
import { parseStatAsync } from "../stats/csv.ts";
import { parseInfo } from "../stats/info.ts";
import { buildSnapshot } from "../stats/snapshot.ts";
import type { Snapshot } from "../stats/types.ts";
import { PROGRAM } from "../version.ts";

/** One connected instance, ready to plan on: where its commands go, its level and its servers. */
interface Instance {
  readonly id: string;
  readonly node?: string;
  readonly level: Level | "denied" | undefined;
  readonly sender: CommandSender;
  readonly snapshot: Snapshot;
}

/** The server rows of one instance (`show stat -1 4 -1`: servers only). */
async function readServers(sender: CommandSender): Promise<Snapshot> {
  return buildSnapshot(new Map(), [await parseStatAsync(await sender.send("show stat -1 4 -1"))]);
}

/** Routes each socket (a master CLI to its current worker) and reads its node, level and servers. */
function prepare(connected: readonly Connected[]): Promise<Instance[]> {
  return Promise.all(connected.map(async (c) => {
    const id = describeAddress(c.address);
    try {
      const { sender } = await route(c.client);
      const node = parseInfo(await sender.send("show info")).get("node") || undefined;
      const level = readLevel(await sender.send("show cli level"));
      return { id, node, level, sender, snapshot: await readServers(sender) };
    } catch (e) {
      throw new Error(`${id}: ${(e as Error).message}`);
    }
  }));
}

/** Names: with several instances each node name when they are all known and distinct, else the addresses. */
function labelsOf(instances: readonly Instance[]): Labels {
  const nodes = instances.map((i) => i.node);
  const byNode = instances.length > 1 && nodes.every((n) => n) && new Set(nodes).size === nodes.length;
  return new Map(
    instances.map((i) => [i.id, { name: byNode ? i.node! : i.id, address: i.id, level: i.level }]),
  );
}

/** Polls every second until no target has sessions or `seconds` have passed; a line per poll. */
async function waitDrained(
  targets: readonly Target[],
  instances: readonly Instance[],
  seconds: number,
  labels: Labels,
  progress: (line: string) => void,
): Promise<WaitReport> {
  const start = Date.now();
  const deadline = start + seconds * 1000;
  for (;;) {
    const read = await Promise.all(instances.map(async (i) => {
      try {
        return [i.id, await readServers(i.sender)] as const;
      } catch {
        return [i.id, undefined] as const;
      }
    }));
    const step = drainStep(targets, new Map(read));
    const now = Date.now();
    const elapsedS = Math.round((now - start) / 1000);
    const drained = isDrained(step);
    if (drained || now >= deadline) return { seconds, drained, elapsedS, step };
    progress(progressLine(step, targets.length, elapsedS, seconds, labels));
    await new Promise((r) => setTimeout(r, Math.min(1000, deadline - now)));
  }
}

/** The exit code of the sends: a socket failure over a refusal over success. */
function sendCode(results: readonly TargetResult[]): number {
  const s = summarize(results);
  if (s.failed + s["not sent"] > 0) return BULK_EXIT.socket;
  return s.refused > 0 ? BULK_EXIT.refused : BULK_EXIT.ok;
}

async function act(request: BulkRequest, connected: readonly Connected[], json: boolean, io: Io) {
  const instances = await prepare(connected);
  const labels = labelsOf(instances);
  const refusals = instances.flatMap((i) => {
    const why = levelRefusal(i.level);
    return why ? [`${PROGRAM}: ${i.id}: ${why}${request.dryRun ? "" : "; nothing sent"}\n`] : [];
  });
  for (const line of refusals) io.err(line);
  if (refusals.length > 0 && !request.dryRun) return BULK_EXIT.notAllowed;
  const match = matchTargets(
    request.patterns,
    instances.map((i) => ({ id: i.id, name: labels.get(i.id)!.name, snapshot: i.snapshot, stale: false })),
  );
  if (!match.ok) {
    for (const error of match.errors) io.err(`${PROGRAM}: ${error}\n`);
    return BULK_EXIT.usage;
  }
  const plan: Plan = planAction(request.action, match.targets);
  if (request.dryRun) {
    const code = refusals.length > 0 ? BULK_EXIT.notAllowed : BULK_EXIT.ok;
    io.out(json ? bulkJson(plan, labels, { dryRun: true, exit: code }) : planText(plan, labels, true));
    return code;
  }
  const say = (line: string) => json ? io.err(line) : io.out(line);
  if (!json) io.out(planText(plan, labels, false));
  const results = await executePlan(plan, new Map(instances.map((i) => [i.id, i.sender])));
  if (!json) io.out(resultsText(results, labels));
  let code = sendCode(results);
  let wait: WaitReport | undefined;
  if (request.waitDrained !== undefined && code !== BULK_EXIT.ok) {
    say("wait: not waiting: not every server was done\n");
  } else if (request.waitDrained !== undefined) {
    wait = await waitDrained(match.targets, instances, request.waitDrained, labels, say);
    say(waitEndLine(wait.step, match.targets.length, wait.elapsedS, wait.drained, labels));
    if (!wait.drained) code = BULK_EXIT.timedOut;
  }
  if (json) io.out(bulkJson(plan, labels, { dryRun: false, results, wait, exit: code }));
  return code;
}

/** Runs the action of `options.bulk`; returns the exit code. Read-only mode refuses before connecting. */
export async function runBulk(options: Options, io: Io): Promise<number> {
  const request = options.bulk!;
  if (options.readOnly && !request.dryRun) {
    io.err(`${PROGRAM}: read-only mode (-n): nothing sent (--dry-run shows the plan)\n`);
    return BULK_EXIT.notAllowed;
  }
  const connected = await connectAll(options, io);
  if (typeof connected === "number") return BULK_EXIT.socket;
  try {
    return await act(request, connected, options.format === "json", io);
  } catch (e) {
    io.err(`${PROGRAM}: ${(e as Error).message}\n`);
    return BULK_EXIT.socket;
  } finally {
    await Promise.all(connected.map((c) => c.client.close()));
  }
}
