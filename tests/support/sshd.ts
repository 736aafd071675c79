/**
 * A throw-away real OpenSSH server for the `ssh://` tests: Debian's /usr/sbin/sshd on a free loopback port
 * below 32768, with its own sshd_config, host key and authorized client key in a fresh temp dir, run in the
 * foreground (`-D`) as a child, so we own its pid and stop it on every path.
 *
 * The client side never touches ~/.ssh or an agent: {@linkcode Sshd.sshCommand} is a `HATOP_SSH_COMMAND`
 * value (`ssh -F <dir>/client_config`) whose config names the client key, a known_hosts file holding the
 * server's host key, and `IdentityAgent none`.
 *
 * @module
 */
import { freePort } from "../../scripts/lab/net.ts";
import { poll } from "./poll.ts";

const SSHD = "/usr/sbin/sshd";

/** A running sshd; `await using sshd = await startSshd()` stops it at the end of the scope. */
export interface Sshd extends AsyncDisposable {
  /** The loopback port sshd listens on. */
  readonly port: number;
  /** The temp dir with the configs, keys and sshd's log. */
  readonly dir: string;
  /** `HATOP_SSH_COMMAND` for a client that logs in with the authorized key. */
  readonly sshCommand: string;
  /** `HATOP_SSH_COMMAND` for a client whose key the server does not accept. */
  readonly wrongKeyCommand: string;
  /** `ssh://127.0.0.1:<port><path>`. */
  url(path: string): string;
  /** sshd's log so far (for assertion messages). */
  log(): Promise<string>;
  /** Kills sshd and every session it runs (their forwarded connections drop); keeps the dir. */
  kill(): Promise<void>;
  /** Starts sshd again on the same port and awaits it listening. */
  restart(): Promise<void>;
  /** Kills everything and removes the dir; idempotent. */
  stop(): Promise<void>;
}

/** Options of {@linkcode startSshd}. */
export interface SshdOptions {
  /** Extra sshd_config lines, e.g. `["AllowStreamLocalForwarding no"]`. */
  readonly config?: readonly string[];
}

async function keygen(path: string): Promise<string> {
  const out = await new Deno.Command("ssh-keygen", {
    args: ["-q", "-t", "ed25519", "-N", "", "-C", "hatop-test", "-f", path],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(`ssh-keygen failed: ${new TextDecoder().decode(out.stderr).trim()}`);
  return (await Deno.readTextFile(`${path}.pub`)).trim();
}

function clientConfig(dir: string, key: string): string {
  return [
    "Host *",
    `  IdentityFile ${dir}/${key}`,
    "  IdentitiesOnly yes",
    "  IdentityAgent none",
    `  UserKnownHostsFile ${dir}/known_hosts`,
    "  GlobalKnownHostsFile /dev/null",
    "  StrictHostKeyChecking yes",
    "  UpdateHostKeys no",
    "  PasswordAuthentication no",
    "  KbdInteractiveAuthentication no",
    "",
  ].join("\n");
}

/** A process of an ssh client: its pid and argv. */
export interface ClientProcess {
  readonly pid: number;
  readonly argv: readonly string[];
}

/**
 * The processes (ssh, and the watchdog around it) whose command line connects to `port` (`-p <port>`), so
 * a test can tell that a client left nothing behind.
 */
export function clientProcesses(port: number): ClientProcess[] {
  const found: ClientProcess[] = [];
  for (const entry of Deno.readDirSync("/proc")) {
    const pid = Number(entry.name);
    if (!Number.isInteger(pid)) continue;
    let argv: string[];
    try {
      argv = Deno.readTextFileSync(`/proc/${pid}/cmdline`).split("\0").slice(0, -1);
    } catch {
      continue; // exited meanwhile
    }
    if (argv.some((a, i) => a === "-p" && argv[i + 1] === String(port))) found.push({ pid, argv });
  }
  return found;
}

/** The private directories of the tunnels among `processes` (from ssh's `-L <dir>/socket:<remote>`). */
export function tunnelDirs(processes: readonly ClientProcess[]): string[] {
  const dirs = processes.flatMap((p) =>
    p.argv.flatMap((a, i) => (p.argv[i - 1] === "-L" ? [a.slice(0, a.lastIndexOf("/", a.indexOf(":")))] : []))
  );
  return [...new Set(dirs)];
}

/** The pids of every descendant of `pid` (from /proc's parent links). */
function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of Deno.readDirSync("/proc")) {
    const child = Number(entry.name);
    if (!Number.isInteger(child)) continue;
    try {
      const stat = Deno.readTextFileSync(`/proc/${child}/stat`);
      parents.set(child, Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // Exited meanwhile.
    }
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of parents) {
      if (parent === p) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

function killQuietly(pid: number): void {
  try {
    Deno.kill(pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
async function listening(port: number): Promise<boolean> {
  try {
    (await Deno.connect({ hostname: "127.0.0.1", port })).close();
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts sshd (after `mkdir -p /run/sshd`, which it needs when run as root) and awaits it listening. When the
 * port was taken meanwhile, starts again on another one (up to 5 times).
 */
export async function startSshd(opts: SshdOptions = {}): Promise<Sshd> {
  await Deno.mkdir("/run/sshd", { recursive: true }).catch(() => {});
  const dir = await Deno.makeTempDir({ dir: "/tmp", prefix: "hatop-sshd-" });
  try {
    const hostKey = await keygen(`${dir}/host_key`);
    await Deno.writeTextFile(`${dir}/authorized_keys`, (await keygen(`${dir}/client_key`)) + "\n");
    await keygen(`${dir}/wrong_key`);
    await Deno.writeTextFile(`${dir}/client_config`, clientConfig(dir, "client_key"));
    await Deno.writeTextFile(`${dir}/wrong_config`, clientConfig(dir, "wrong_key"));
    for (let attempt = 1;; attempt++) {
      const port = await freePort();
      await Deno.writeTextFile(`${dir}/known_hosts`, `[127.0.0.1]:${port} ${hostKey}\n`);
      await Deno.writeTextFile(`${dir}/sshd_config`, sshdConfig(dir, port, opts.config ?? []));
      const server = new RunningSshd(dir, port);
      try {
        await server.restart();
        return server;
      } catch (err) {
        await server.kill();
        if (!/Address already in use|Cannot bind/i.test((err as Error).message) || attempt >= 5) throw err;
      }
    }
  } catch (err) {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    throw err;
  }
}

function sshdConfig(dir: string, port: number, extra: readonly string[]): string {
  return [
    `Port ${port}`,
    "ListenAddress 127.0.0.1",
    `HostKey ${dir}/host_key`,
    `AuthorizedKeysFile ${dir}/authorized_keys`,
    `PidFile ${dir}/sshd.pid`,
    "StrictModes no",
    "PermitRootLogin prohibit-password",
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    "UsePAM no",
    ...extra,
    "",
  ].join("\n");
}

class RunningSshd implements Sshd {
  readonly dir: string;
  readonly port: number;
  readonly sshCommand: string;
  readonly wrongKeyCommand: string;
  #child: Deno.ChildProcess | undefined;
  #stopped = false;

  constructor(dir: string, port: number) {
    this.dir = dir;
    this.port = port;
    this.sshCommand = `ssh -F ${dir}/client_config`;
    this.wrongKeyCommand = `ssh -F ${dir}/wrong_config`;
  }

  url(path: string): string {
    return `ssh://127.0.0.1:${this.port}${path}`;
  }

  log(): Promise<string> {
    return Deno.readTextFile(`${this.dir}/sshd.log`).catch(() => "");
  }

  async restart(): Promise<void> {
    await this.kill();
    // sshd says so in its log once it has bound the port: a probe alone could reach another process that
    // holds the port a moment (a parallel test's), while this sshd failed to bind and has not exited yet.
    const bound = `Server listening on 127.0.0.1 port ${this.port}.`;
    const starts = (text: string) => text.split(bound).length - 1;
    const before = starts(await this.log().catch(() => ""));
    let child: Deno.ChildProcess;
    try {
      child = new Deno.Command(SSHD, {
        args: ["-D", "-f", `${this.dir}/sshd_config`, "-E", `${this.dir}/sshd.log`],
        stdin: "null",
        stdout: "null",
        stderr: "null",
      }).spawn();
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
      throw new Error(
        `${SSHD} is missing: apt-get install -y openssh-server (deno task test does when root)`,
      );
    }
    this.#child = child;
    let exited = false;
    child.status.then(() => (exited = true));
    await poll(`sshd listening on 127.0.0.1:${this.port}`, 10_000, async () => {
      if (exited) throw new Error(`sshd exited at start: ${(await this.log()).trim()}`);
      return (starts(await this.log().catch(() => "")) > before && await listening(this.port)) || undefined;
    }, { intervalMs: 25 });
  }

  async kill(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    this.#child = undefined;
    // Stopped, the listener cannot fork a session between the walk of its tree and the kills.
    try {
      Deno.kill(child.pid, "SIGSTOP");
    } catch {
      // Already exited.
    }
    for (const pid of [...descendants(child.pid), child.pid]) killQuietly(pid);
    await child.status;
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    await this.kill();
    await Deno.remove(this.dir, { recursive: true }).catch(() => {});
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}
