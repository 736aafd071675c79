/**
 * The master CLI of a master-worker HAProxy (`haproxy -W -S <socket>`): its `show proc` list, and sending a
 * worker's commands through it with the `@!<pid>` prefix.
 *
 * @module
 */

/** One process of `show proc`. */
export interface ProcEntry {
  readonly pid: number;
  /** `master`, `worker` or a program name. */
  readonly type: string;
  readonly reloads: number;
  readonly uptime: string;
  readonly version: string;
  /** An old worker still draining after a reload. */
  readonly old: boolean;
}

/**
 * Parses `show proc`: a `#<PID> <type> <reloads> <uptime> <version>` header, the master line, then
 * `# workers`, `# old workers` and `# programs` sections (columns separated by spaces or tabs; the master's
 * reloads may be followed by `[failed: N]`). Unknown lines are skipped.
 */
export function parseShowProc(text: string): ProcEntry[] {
  const out: ProcEntry[] = [];
  let section = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#<")) continue;
    if (line.startsWith("#")) {
      section = line.slice(1).trim().toLowerCase();
      continue;
    }
    const m = line.match(/^(\d+)\s+(\S+)\s+(\d+)(?:\s+\[[^\]]*\])?\s+(\S+)\s*(.*)$/);
    if (!m) continue;
    out.push({
      pid: Number(m[1]),
      type: m[2],
      reloads: Number(m[3]),
      uptime: m[4],
      version: m[5].trim(),
      old: section.startsWith("old"),
    });
  }
  return out;
}

/** The workers, the current one(s) first, then the old ones still draining. */
export function workers(procs: readonly ProcEntry[]): ProcEntry[] {
  const w = procs.filter((p) => p.type === "worker");
  return [...w.filter((p) => !p.old), ...w.filter((p) => p.old)];
}

/** The current worker: the newest one not marked old (fewest reloads). */
export function currentWorker(procs: readonly ProcEntry[]): ProcEntry | undefined {
  return workers(procs).filter((p) => !p.old).sort((a, b) => a.reloads - b.reloads)[0];
}

/** True when a prompt text is the master CLI's (`master> `, with optional mode flags like `master(x)> `). */
export function isMasterPrompt(prompt: string): boolean {
  return /(^|\n)master(\([^)]*\))?> $/.test(prompt);
}

/** The master's answer when the `@!<pid>` target no longer exists (the worker went away after a reload). */
export function isUnknownTarget(output: string): boolean {
  return /^Can't find the target PID/.test(output.trim());
}

/** Anything that sends one command. */
export interface CommandSender {
  send(command: string): Promise<string>;
}

/** Sends commands to one worker through the master CLI. */
export function workerSender(master: CommandSender, pid: number): CommandSender {
  return {
    async send(command: string) {
      const output = await master.send(`@!${pid} ${command}`);
      if (isUnknownTarget(output)) throw new Error(`worker ${pid} is gone (reloaded?)`);
      return output;
    },
  };
}

/** A socket that may be a master CLI. */
export interface MaybeMaster extends CommandSender {
  readonly isMaster: boolean;
}

/** Where a refresh's commands go, and for a master CLI the processes seen and the worker chosen. */
export interface Route {
  readonly sender: CommandSender;
  readonly workers?: readonly ProcEntry[];
  readonly worker?: number;
}

/**
 * Routes commands for one refresh: a worker's socket answers them itself; a master CLI forwards them to the
 * `pinned` worker when it still runs, else to the current worker (so a reload is followed to the new one).
 *
 * @throws {Error} when the master lists no worker.
 */
export async function route(socket: MaybeMaster, pinned?: number): Promise<Route> {
  if (!socket.isMaster) return { sender: socket };
  const procs = parseShowProc(await socket.send("show proc"));
  const worker = procs.find((p) => p.pid === pinned && p.type === "worker")?.pid ?? currentWorker(procs)?.pid;
  if (worker === undefined) throw new Error("the master CLI lists no worker");
  return { sender: workerSender(socket, worker), workers: procs, worker };
}
