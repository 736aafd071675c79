/**
 * A throw-away real HAProxy for tests, the demo and the benchmark: config in a fresh temp dir, validated with
 * `haproxy -c`, run in the foreground as a child (so we own the pid), sockets at every privilege level.
 *
 * @module
 */
import { closedPort, freePort, listenLoopback, oneShot } from "./net.ts";

export { closedPort, freePort, listenLoopback, oneShot };

/** Where the lab's runtime-API sockets are. `master` is set when the lab runs in master-worker mode. */
export interface LabSockets {
  /** Unix socket at level admin. */
  admin: string;
  /** Unix socket at level operator. */
  operator: string;
  /** Unix socket at level user. */
  user: string;
  /** TCP socket at level admin on 127.0.0.1. */
  tcp: { hostname: string; port: number };
  /** Master CLI socket (only with `master: true`). */
  master?: string;
}

/** A running HAProxy; `await using lab = await startLab(...)` stops it at the end of the scope. */
export interface Lab extends AsyncDisposable {
  /** The temp dir holding the config and the unix sockets. */
  dir: string;
  /** The pid of the current (or, once stopped, the last) HAProxy process; changes after {@linkcode Lab.restart}. */
  pid: number;
  /** The runtime-API sockets. */
  sockets: LabSockets;
  /** The full config text. */
  config: string;
  /** HAProxy's version as `show info` says it, e.g. "3.2.26-1". */
  version: string;
  /** One-shot command over the admin unix socket (non-interactive mode), returns the output. */
  command(cmd: string): Promise<string>;
  /** Polls `show stat` until pred(csvText) is true or timeoutMs passes (then throws with the last text). */
  waitForStat(pred: (csv: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Kills the HAProxy process and awaits its exit, keeping the dir. Default signal: SIGKILL, or SIGTERM in
   * master-worker mode (so the master stops its worker instead of orphaning it). */
  kill(signal?: Deno.Signal): Promise<void>;
  /** Starts HAProxy again with the same config (killing it first if it runs) and awaits the admin socket. */
  restart(): Promise<void>;
  /** Kills the process, awaits its exit, removes the dir; idempotent. */
  stop(): Promise<void>;
}

/** Context handed to a lab config body. */
export interface LabContext {
  /** The lab's temp dir. */
  dir: string;
  /** A free loopback port (each call gives a fresh one). */
  port: () => Promise<number>;
  /** A port where nothing listens, now or later (for servers meant to be DOWN). */
  closedPort: () => Promise<number>;
}

/** Options for {@linkcode startLab}. */
export interface LabOptions {
  /** `node` name in the global section; default "hatop-lab". */
  node?: string;
  /** Run in master-worker mode with a master CLI at `<dir>/master.sock`. */
  master?: boolean;
  /** How long to wait for the admin socket to answer; default 10 s. */
  startTimeoutMs?: number;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    const info = await Deno.stat(path);
    return info.isFile && ((info.mode ?? 0o111) & 0o111) !== 0;
  } catch {
    return false;
  }
}

/**
 * Finds the haproxy binary: `$HATOP_HAPROXY` when set (the test runner sets it to each release of the
 * matrix in turn), else the one on PATH or at /usr/sbin/haproxy; undefined when there is none.
 */
export async function findHaproxy(): Promise<string | undefined> {
  const chosen = Deno.env.get("HATOP_HAPROXY");
  if (chosen) return (await isExecutable(chosen)) ? chosen : undefined;
  const dirs = (Deno.env.get("PATH") ?? "").split(":").filter((d) => d !== "");
  for (const dir of [...dirs, "/usr/sbin", "/usr/local/sbin"]) {
    const candidate = `${dir}/haproxy`;
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

async function run(cmd: string, args: string[]): Promise<{ ok: boolean; output: string }> {
  const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  const decoder = new TextDecoder();
  return { ok: out.success, output: decoder.decode(out.stdout) + decoder.decode(out.stderr) };
}

/**
 * Returns the haproxy binary. When it is missing and we are root on Debian/Ubuntu (apt-get exists), says so on
 * stderr and installs it (apt-get update first); otherwise throws an Error naming the command to run.
 */
export async function ensureHaproxy(): Promise<string> {
  const found = await findHaproxy();
  if (found) return found;
  const chosen = Deno.env.get("HATOP_HAPROXY");
  if (chosen) throw new Error(`HATOP_HAPROXY=${chosen} is not an executable file`);
  const root = Deno.uid() === 0;
  const apt = await isExecutable("/usr/bin/apt-get");
  if (!root || !apt) {
    throw new Error(
      apt
        ? "haproxy is not installed; install it with: sudo apt-get install -y haproxy"
        : "haproxy is not installed; install HAProxy 2.2 or newer with your package manager (e.g. apt-get install -y haproxy)",
    );
  }
  console.error("haproxy is not installed; installing it with: apt-get install -y haproxy");
  const update = await run("apt-get", ["update"]);
  if (!update.ok) throw new Error(`apt-get update failed: ${update.output.trim().split("\n").pop()}`);
  const install = await run("apt-get", ["install", "-y", "haproxy"]);
  if (!install.ok) {
    throw new Error(`apt-get install -y haproxy failed: ${install.output.trim().split("\n").pop()}`);
  }
  const after = await findHaproxy();
  if (!after) {
    throw new Error("apt-get installed haproxy but no haproxy binary was found on PATH or in /usr/sbin");
  }
  return after;
}

/** The global section the lab writes in front of every body. */
export function globalSection(dir: string, tcpPort: number, node: string): string {
  return [
    "global",
    `    stats socket ${dir}/admin.sock mode 600 level admin`,
    `    stats socket ${dir}/oper.sock mode 600 level operator`,
    `    stats socket ${dir}/user.sock mode 600 level user`,
    `    stats socket ipv4@127.0.0.1:${tcpPort} level admin`,
    "    stats timeout 2m",
    `    node ${node}`,
    "    description hatop test instance",
    "",
  ].join("\n");
}

/**
 * Writes the config into a fresh temp dir (`/tmp/hatop-lab-XXXX`), validates it with `haproxy -c`, runs
 * `haproxy -db -f cfg` as a child and awaits the admin socket answering (and in master-worker mode the master
 * socket listing a worker). When HAProxy cannot bind a port another process took since {@linkcode freePort}
 * chose it, the lab starts again with new ports (up to 5 times). `body` returns everything after the
 * global section, which the lab writes (admin/operator/user unix sockets, an admin TCP socket on a free port,
 * `stats timeout 2m`, `node` and `description`).
 *
 * @example
 * ```ts ignore
 * await using lab = await startLab(({ port }) => port().then((p) => `frontend fe\n    bind 127.0.0.1:${p}\n`));
 * console.log(await lab.command("show info"));
 * ```
 */
export async function startLab(
  body: (ctx: LabContext) => Promise<string> | string,
  opts: LabOptions = {},
): Promise<Lab> {
  for (let attempt = 1;; attempt++) {
    try {
      return await startOnce(body, opts);
    } catch (err) {
      if (!(err instanceof PortTaken) || attempt >= 5) throw err;
    }
  }
}

/** HAProxy could not bind a port of the config: taken by another process since it was chosen. */
class PortTaken extends Error {}

async function startOnce(
  body: (ctx: LabContext) => Promise<string> | string,
  opts: LabOptions,
): Promise<Lab> {
  const haproxy = await ensureHaproxy();
  const dir = await Deno.makeTempDir({ dir: "/tmp", prefix: "hatop-lab-" });
  try {
    const tcpPort = await freePort();
    const config = globalSection(dir, tcpPort, opts.node ?? "hatop-lab") + "\n" +
      await body({ dir, port: freePort, closedPort });
    const cfg = `${dir}/haproxy.cfg`;
    await Deno.writeTextFile(cfg, config);
    const check = await run(haproxy, ["-c", "-f", cfg]);
    if (!check.ok) throw new Error(`haproxy -c rejected the lab config:\n${check.output.trim()}`);
    const sockets: LabSockets = {
      admin: `${dir}/admin.sock`,
      operator: `${dir}/oper.sock`,
      user: `${dir}/user.sock`,
      tcp: { hostname: "127.0.0.1", port: tcpPort },
      ...(opts.master ? { master: `${dir}/master.sock` } : {}),
    };
    const args = opts.master ? ["-W", "-db", "-S", sockets.master!, "-f", cfg] : ["-db", "-f", cfg];
    const lab = new RunningLab(haproxy, args, dir, sockets, config, opts.startTimeoutMs ?? 10_000);
    await lab.restart();
    return lab;
  } catch (err) {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    if (/cannot bind socket|Address already in use/i.test((err as Error).message)) {
      throw new PortTaken((err as Error).message);
    }
    throw err;
  }
}

class RunningLab implements Lab {
  dir: string;
  sockets: LabSockets;
  config: string;
  version = "";
  #binary: string;
  #args: string[];
  #startTimeoutMs: number;
  #child: Deno.ChildProcess | undefined;
  #stderr = "";
  #stderrDone: Promise<void> = Promise.resolve();
  #stopped = false;
  #pid = 0;

  constructor(binary: string, args: string[], dir: string, sockets: LabSockets, config: string, ms: number) {
    this.#binary = binary;
    this.#args = args;
    this.dir = dir;
    this.sockets = sockets;
    this.config = config;
    this.#startTimeoutMs = ms;
  }

  get pid(): number {
    return this.#pid;
  }

  command(cmd: string): Promise<string> {
    return oneShot(this.sockets.admin, cmd);
  }

  async waitForStat(pred: (csv: string) => boolean, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = "";
    for (;;) {
      last = await this.command("show stat");
      if (pred(last)) return last;
      if (Date.now() > deadline) {
        throw new Error(`waitForStat: condition not met within ${timeoutMs} ms; last show stat:\n${last}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async kill(signal: Deno.Signal = this.sockets.master ? "SIGTERM" : "SIGKILL"): Promise<void> {
    const child = this.#child;
    if (!child) return;
    this.#child = undefined;
    try {
      child.kill(signal);
    } catch {
      // Already exited.
    }
    await child.status;
    await this.#stderrDone;
  }

  async restart(): Promise<void> {
    await this.kill();
    // Remove stale socket files so "the admin socket answers" means the new process answers.
    for (const path of [this.sockets.admin, this.sockets.operator, this.sockets.user, this.sockets.master]) {
      if (path) await Deno.remove(path).catch(() => {});
    }
    const child = new Deno.Command(this.#binary, {
      args: this.#args,
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).spawn();
    this.#child = child;
    this.#pid = child.pid;
    this.#stderr = "";
    this.#stderrDone = (async () => {
      const decoder = new TextDecoder();
      for await (const chunk of child.stderr) {
        this.#stderr = (this.#stderr + decoder.decode(chunk, { stream: true })).slice(-8192);
      }
    })();
    let exited = false;
    child.status.then(() => exited = true);
    const deadline = Date.now() + this.#startTimeoutMs;
    for (;;) {
      if (exited) {
        await this.#stderrDone;
        this.#child = undefined;
        throw new Error(`haproxy exited during start-up:\n${this.#stderr.trim()}`);
      }
      try {
        const info = await this.command("show info");
        if (info.includes("Pid:") && await this.#masterReady()) {
          this.version = info.match(/^Version: (.*)$/m)?.[1].trim() ?? "";
          return;
        }
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        await this.kill();
        throw new Error(`haproxy did not answer on ${this.sockets.admin} within ${this.#startTimeoutMs} ms`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Without a master: true. With one: its socket answers and lists a worker. */
  async #masterReady(): Promise<boolean> {
    if (!this.sockets.master) return true;
    return /^# workers\n\d+\s+worker/m.test(await oneShot(this.sockets.master, "show proc"));
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    await this.kill("SIGTERM");
    await Deno.remove(this.dir, { recursive: true }).catch(() => {});
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}
