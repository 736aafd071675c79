/**
 * `ssh://` sockets: the system OpenSSH client forwards a local unix socket, in a private directory (mode
 * 0700) made for each ssh run, to the socket on the remote host; the runtime-API connection then uses the
 * local one. The user's ssh config, keys and agent are used as they are; ssh runs with `BatchMode`, so it
 * never asks for (and hatop never holds) a password.
 *
 * ssh binds the local socket only once it is logged in, so the socket appearing means the link is up. Whether
 * the remote socket can be opened shows only when a connection is made through it: ssh then just closes it
 * ("open failed" on its stderr, the same for a missing socket, a permission problem or a server refusing
 * forwarding). So when the first connection is closed before HAProxy's prompt, a read-only probe over ssh
 * (`test -e/-S/-w PATH`) tells which. When ssh exits (the link dropped), the next connection attempt starts
 * it again; the client's back-off paces the attempts. ssh runs under src/haproxy/watchdog.ts, so it never
 * outlives hatop.
 *
 * @module
 */
import { describeAddress, type SshAddress } from "./address.ts";
import { HaproxyConnection, oneLine } from "./connection.ts";
import { HaproxyError } from "./errors.ts";
import {
  describeRemoteSocket,
  describeSshFailure,
  forwardFailed,
  parseProbe,
  probeArgv,
  SSH_COMMAND_VARIABLE,
  sshCommand,
  tunnelArgv,
} from "./ssh_command.ts";
import { startWatched, type Watched } from "./watchdog.ts";

/** Options of {@linkcode SshTunnel}. */
export interface TunnelOptions {
  /** The runtime-API timeout; it also bounds ssh's connect (ConnectTimeout) and the probe. */
  timeoutMs: number;
  /** The ssh command and extra options; default from `$HATOP_SSH_COMMAND`, else `ssh`. */
  command?: readonly string[];
}

/** One ssh run: the watchdog around it, its private directory and the local socket in it. */
interface Run {
  readonly watched: Watched;
  readonly local: string;
  readonly program: string;
}

/** How often the setup looks for the local socket while ssh logs in. */
const SETUP_POLL_MS = 25;

/** Resolves after `ms`, or earlier when `until` settles; leaves no timer behind. */
function pause(ms: number, until: Promise<unknown>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    new Promise<void>((r) => (timer = setTimeout(r, ms))),
    until.then(() => {}, () => {}),
  ]).finally(() => clearTimeout(timer));
}

async function isSocket(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isSocket === true;
  } catch {
    return false;
  }
}

function commandFromEnv(): string[] {
  let value: string | undefined;
  try {
    value = Deno.env.get(SSH_COMMAND_VARIABLE);
  } catch {
    // No --allow-env: the plain ssh command.
  }
  return sshCommand(value);
}

function spawnProblem(program: string, err: unknown): string {
  if (err instanceof Deno.errors.NotCapable) {
    return `running ${program} is not allowed by Deno (run with --allow-run)`;
  }
  if (err instanceof Deno.errors.NotFound) return `cannot run "sh" to start ${program}: not found`;
  return `cannot start ${program}: ${oneLine(err)}`;
}

/**
 * The tunnel of one `ssh://` address. {@linkcode SshTunnel.connect} (re)starts ssh when it is not running
 * and opens a runtime-API connection through it; {@linkcode SshTunnel.close} stops ssh and removes its
 * directory.
 */
export class SshTunnel {
  #addr: SshAddress;
  #timeoutMs: number;
  #command: readonly string[] | undefined;
  #run: Run | undefined;

  /** Creates a tunnel; ssh is started by the first {@linkcode SshTunnel.connect}. */
  constructor(addr: SshAddress, opts: TunnelOptions) {
    this.#addr = addr;
    this.#timeoutMs = opts.timeoutMs;
    this.#command = opts.command;
  }

  /** How long ssh may take to log in and set up the forward (and the probe to answer). */
  get #setupMs(): number {
    return Math.max(10_000, 3 * this.#timeoutMs);
  }

  #fail(problem: string): HaproxyError {
    return new HaproxyError("connect", `cannot connect to ${describeAddress(this.#addr)}: ${problem}`);
  }

  /**
   * Opens a runtime-API connection through the tunnel, starting ssh first when it does not run. `first`
   * (no connection was made yet) asks for the probe when the remote socket cannot be opened.
   *
   * @throws {HaproxyError} `connect`, one line naming the address, the host and what to check.
   */
  async connect(first: boolean): Promise<HaproxyConnection> {
    const run = await this.#ensure();
    try {
      return await HaproxyConnection.open(this.#addr, { timeoutMs: this.#timeoutMs, localPath: run.local });
    } catch (err) {
      throw this.#fail(await this.#explain(run, err, first));
    }
  }

  /** Stops ssh (if it runs) and removes its directory; resolves once it has exited. Idempotent. */
  async close(): Promise<void> {
    const run = this.#run;
    this.#run = undefined;
    await run?.watched.stop();
  }

  async #ensure(): Promise<Run> {
    if (this.#run && !this.#run.watched.exited) return this.#run;
    await this.close();
    let command: readonly string[];
    try {
      command = this.#command ??= commandFromEnv();
    } catch (e) {
      throw this.#fail((e as Error).message);
    }
    const program = command[0];
    let dir: string;
    try {
      dir = await Deno.makeTempDir({ prefix: "hatop-ssh-" });
      await Deno.chmod(dir, 0o700);
    } catch (e) {
      throw this.#fail(`cannot make a private directory for ssh's local socket (${oneLine(e)})`);
    }
    const local = `${dir}/socket`;
    let watched: Watched;
    try {
      watched = startWatched(tunnelArgv(command, this.#addr, local, this.#timeoutMs), dir);
    } catch (e) {
      await Deno.remove(dir, { recursive: true }).catch(() => {});
      throw this.#fail(spawnProblem(program, e));
    }
    const run: Run = { watched, local, program };
    this.#run = run;
    const deadline = Date.now() + this.#setupMs;
    for (;;) {
      if (watched.exited) {
        const code = await watched.status;
        await this.close();
        throw this.#fail(describeSshFailure(this.#addr, watched.stderr(), code, program));
      }
      if (await isSocket(local)) return run;
      if (Date.now() > deadline) {
        await this.close();
        throw this.#fail(
          `ssh to ${this.#addr.host} did not set up the forward within ${
            this.#setupMs / 1000
          }s: check the host ` +
            `and your ssh config, or raise -T`,
        );
      }
      await pause(SETUP_POLL_MS, watched.status);
    }
  }

  /** Why a connection through a running tunnel failed. */
  async #explain(run: Run, err: unknown, first: boolean): Promise<string> {
    if (run.watched.exited) {
      const code = await run.watched.status;
      await this.close();
      return describeSshFailure(this.#addr, run.watched.stderr(), code, run.program);
    }
    if (err instanceof HaproxyError && err.kind === "closed") {
      const probe = first ? await this.#probe() : undefined;
      return describeRemoteSocket(this.#addr, probe, forwardFailed(run.watched.stderr()));
    }
    // A timeout or a broken local socket: this ssh cannot be trusted any more; the next attempt starts anew.
    await this.close();
    if (err instanceof HaproxyError && err.kind === "timeout") {
      return `no answer through ssh from ${this.#addr.host} within the timeout (${oneLine(err)})`;
    }
    return `the ssh tunnel to ${this.#addr.host} failed (${oneLine(err)})`;
  }

  /** Runs the read-only probe of the remote socket path; undefined when it cannot tell. */
  async #probe() {
    // Only called once the tunnel runs, so the command is known.
    const argv = this.#command && probeArgv(this.#command, this.#addr, this.#timeoutMs);
    if (!argv) return undefined;
    let watched: Watched;
    try {
      watched = startWatched(argv, "");
    } catch {
      return undefined;
    }
    await pause(this.#setupMs, watched.status);
    await watched.stop();
    return parseProbe(watched.stdout());
  }
}
