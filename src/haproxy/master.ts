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
  /**
   * For a worker: how many reloads it has lived through (0: started by the last one; an old worker's count
   * is its generation, "2 reloads ago"). For the master: how many reloads there were.
   */
  readonly reloads: number;
  readonly uptime: string;
  readonly version: string;
  /** An old worker still draining after a reload. */
  readonly old: boolean;
  /** The `<relative PID>` column where the release has it (2.2: `1`, or `[was: 1]` for an old worker). */
  readonly relativePid?: string;
}

/**
 * The fields of one line: bracketed groups (`[was: 1]`, `[failed: 0]`) are one field each; when the line
 * has more fields than the header has columns, a bracketed group is a note on the field before it (the
 * master's `2 [failed: 0]`), not a column of its own.
 */
function procFields(line: string, columns: number): string[] {
  const fields = line.match(/\[[^\]]*\]|\S+/g) ?? [];
  let extra = fields.length - columns;
  const out: string[] = [];
  for (const f of fields) {
    if (extra > 0 && f.startsWith("[") && out.length > 0 && out.length < columns - 1) {
      extra--;
      continue;
    }
    out.push(f);
  }
  // The last column (the version) takes whatever is left.
  return [...out.slice(0, columns - 1), out.slice(columns - 1).join(" ")];
}

/**
 * Parses `show proc` by its header's column names, which differ by release: 2.2 prints
 * `#<PID> <type> <relative PID> <reloads> <uptime> <version>` (an old worker's relative PID reads
 * `[was: 1]`), later releases `#<PID> <type> <reloads> <uptime> <version>` (the master's reloads followed by
 * `[failed: N]`). Then the master line, and `# workers`, `# old workers` and `# programs` sections. Columns
 * are separated by spaces or tabs. Lines that do not fit (no pid, no header yet) are skipped.
 */
export function parseShowProc(text: string): ProcEntry[] {
  const out: ProcEntry[] = [];
  let names: string[] = [];
  let section = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "") continue;
    if (line.startsWith("#<")) {
      names = [...line.matchAll(/<([^>]+)>/g)].map((m) => m[1].toLowerCase());
      continue;
    }
    if (line.startsWith("#")) {
      section = line.slice(1).trim().toLowerCase();
      continue;
    }
    if (names.length < 2 || !/^\d+\s/.test(line)) continue;
    const fields = procFields(line, names.length);
    const get = (name: string) => fields[names.indexOf(name)] ?? "";
    const reloads = Number(get("reloads"));
    out.push({
      pid: Number(get("pid")),
      type: get("type"),
      reloads: Number.isFinite(reloads) ? reloads : 0,
      uptime: get("uptime"),
      version: get("version").trim(),
      old: section.startsWith("old") || get("relative pid").startsWith("[was"),
      ...(names.includes("relative pid") ? { relativePid: get("relative pid") } : {}),
    });
  }
  return out;
}

/** How an old worker is named on screen: `old, 2 reloads ago`; a current one: `current`. */
export function workerAge(p: ProcEntry): string {
  if (!p.old) return "current";
  return p.reloads > 0 ? `old, ${p.reloads} reload${p.reloads === 1 ? "" : "s"} ago` : "old";
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
