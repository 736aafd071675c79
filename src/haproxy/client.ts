/**
 * The reconnecting runtime-API client the app talks to. The first connection must succeed (a clear error
 * otherwise); after that, losing the socket (HAProxy reload, restart, stop) is normal: each send while
 * disconnected fails fast with the reason and when the next attempt is due, and the first send at or after that
 * time reconnects, with exponential back-off.
 *
 * @module
 */

import { describeAddress, type SocketAddress } from "./address.ts";
import { HaproxyConnection, oneLine } from "./connection.ts";
import { HaproxyError } from "./errors.ts";
import { splitCommands } from "./framing.ts";
import { SshTunnel } from "./ssh_tunnel.ts";

/** Connection state for the UI. */
export interface ConnectionStatus {
  /** Whether a connection is open right now. */
  connected: boolean;
  /** Why the last connection was lost or the last attempt failed; one line. */
  lastError?: string;
  /** Epoch ms of the next reconnect attempt, while disconnected. */
  nextAttemptAt?: number;
  /** Successful reconnections after the first connect. */
  reconnects: number;
}

/** Options for {@linkcode HaproxyClient}. */
export interface ClientOptions {
  /** Timeout for connecting and for each command's reply (milliseconds). */
  timeoutMs: number;
  /** Reconnect back-off: starts at initialMs, doubles after each failed attempt up to maxMs. Default 500/8000. */
  backoff?: { initialMs: number; maxMs: number };
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number;
}

/** What a unix socket path turned out to be, when a connect to it failed. */
export type PathKind = "socket" | "file" | "directory" | "other" | "missing";

/**
 * The one-line message for a failed connection attempt, as a pure function of the address, the error and
 * (for unix sockets) what the path is.
 *
 * @example
 * ```ts
 * import { describeConnectError } from "./client.ts";
 *
 * describeConnectError({ transport: "unix", path: "/run/h.sock" }, new Deno.errors.PermissionDenied("x"));
 * // 'cannot connect to /run/h.sock: permission denied (check the socket\'s owner and mode ...)'
 * ```
 */
export function describeConnectError(addr: SocketAddress, err: unknown, pathKind?: PathKind): string {
  const where = `cannot connect to ${describeAddress(addr)}`;
  const unix = addr.transport === "unix";
  if (pathKind === "missing" || (unix && err instanceof Deno.errors.NotFound)) {
    return `${where}: no such file (is HAProxy running with "stats socket ${describeAddress(addr)}"?)`;
  }
  if (pathKind === "file") return `${where}: it is a regular file, not a socket`;
  if (pathKind === "directory") return `${where}: it is a directory, not a socket`;
  if (pathKind === "other") return `${where}: it is not a socket`;
  if (err instanceof Deno.errors.PermissionDenied) {
    return `${where}: permission denied (check the socket's owner and mode, or run as a user allowed to use it)`;
  }
  if (err instanceof Deno.errors.NotCapable) {
    return `${where}: not allowed by Deno (run with ${unix ? "--allow-read --allow-write" : "--allow-net"})`;
  }
  if (err instanceof Deno.errors.ConnectionRefused) {
    return unix
      ? `${where}: connection refused (nothing is listening on this socket; is HAProxy running?)`
      : `${where}: connection refused (nothing is listening on this port)`;
  }
  if (err instanceof HaproxyError) {
    if (err.kind === "timeout") return `${where}: no answer within the timeout (${oneLine(err)})`;
    if (err.kind === "closed") {
      return `${where}: the peer closed the connection before the prompt (is it an HAProxy stats socket?)`;
    }
  }
  return `${where}: ${oneLine(err)}`;
}

async function pathKindOf(path: string): Promise<PathKind | undefined> {
  try {
    const info = await Deno.stat(path);
    if (info.isSocket) return "socket";
    if (info.isFile) return "file";
    if (info.isDirectory) return "directory";
    return "other";
  } catch (err) {
    return err instanceof Deno.errors.NotFound ? "missing" : undefined;
  }
}

/** Whether a reply is HAProxy's refusal for the session's privilege level ("Permission denied", or the
 * master CLI's "Permission denied!"). */
export function isPermissionDenied(output: string): boolean {
  return /^Permission denied!?$/.test(output.trim());
}

function seconds(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)}s`;
}

/**
 * Reconnecting client. {@linkcode HaproxyClient.connect} makes the first connection and throws
 * `HaproxyError("connect")` naming the socket when it fails. Once connected, losing the socket makes
 * {@linkcode HaproxyClient.send} throw `HaproxyError("closed", "<reason>; reconnecting in Ns")`; the next send
 * at or after `status.nextAttemptAt` reconnects (back-off 500 ms doubling to 8 s by default, reset on
 * success). It never exits the process.
 *
 * @example
 * ```ts ignore
 * import { HaproxyClient } from "./client.ts";
 *
 * const client = new HaproxyClient({ transport: "unix", path: "/run/haproxy.sock" }, { timeoutMs: 5000 });
 * await client.connect();
 * console.log(await client.send("show info"));
 * await client.close();
 * ```
 */
export class HaproxyClient {
  #addr: SocketAddress;
  #timeoutMs: number;
  #initialMs: number;
  #maxMs: number;
  #now: () => number;
  #conn: HaproxyConnection | undefined;
  /** For an `ssh://` address: its ssh tunnel, started by the first connect. */
  #tunnel: SshTunnel | undefined;
  #delayMs: number;
  #everConnected = false;
  #closedByUser = false;
  #connecting: Promise<void> | undefined;
  #reconnecting: Promise<void> | undefined;
  #status: ConnectionStatus = { connected: false, reconnects: 0 };

  /** Creates a client; nothing is connected until {@linkcode HaproxyClient.connect}. */
  constructor(addr: SocketAddress, opts: ClientOptions) {
    this.#addr = addr;
    this.#timeoutMs = opts.timeoutMs;
    this.#initialMs = opts.backoff?.initialMs ?? 500;
    this.#maxMs = opts.backoff?.maxMs ?? 8000;
    this.#now = opts.now ?? Date.now;
    this.#delayMs = this.#initialMs;
  }

  /** The socket address this client talks to. */
  get address(): SocketAddress {
    return this.#addr;
  }

  /** True when the socket is a master CLI (`haproxy -W -S`): worker commands go through `@!<pid>`. */
  get isMaster(): boolean {
    return this.#conn?.isMaster ?? false;
  }

  /** A snapshot of the connection state. */
  get status(): ConnectionStatus {
    if (this.#status.connected && this.#conn?.closed) {
      this.#lost(this.#conn.closeReason);
    }
    return { ...this.#status };
  }

  /**
   * Makes the first connection (a no-op when already connected).
   *
   * @throws {HaproxyError} `connect`, with a one-line message naming the socket and the cause.
   */
  connect(): Promise<void> {
    if (this.#conn && !this.#conn.closed) return Promise.resolve();
    this.#closedByUser = false;
    // Concurrent callers share one attempt, so no second socket is opened and leaked.
    this.#connecting ??= this.#connectOnce().finally(() => this.#connecting = undefined);
    return this.#connecting;
  }

  async #connectOnce(): Promise<void> {
    try {
      this.#conn = await this.#open();
    } catch (err) {
      const message = err instanceof HaproxyError && err.kind === "connect" ? err.message : String(err);
      this.#status = { ...this.#status, connected: false, lastError: message, nextAttemptAt: undefined };
      // A first connection that fails leaves nothing running: an ssh:// address's tunnel stops with it.
      if (!this.#everConnected) await this.#tunnel?.close();
      throw err;
    }
    if (this.#everConnected) this.#status.reconnects++;
    this.#everConnected = true;
    this.#delayMs = this.#initialMs;
    this.#status = { connected: true, reconnects: this.#status.reconnects };
  }

  /** One reconnect attempt shared by concurrent senders; a failure doubles the back-off once. */
  #reconnect(): Promise<void> {
    this.#reconnecting ??= this.connect().catch((err) => {
      this.#delayMs = Math.min(this.#delayMs * 2, this.#maxMs);
      const reason = err instanceof HaproxyError ? err.message : oneLine(err);
      this.#status = {
        connected: false,
        lastError: reason,
        nextAttemptAt: this.#now() + this.#delayMs,
        reconnects: this.#status.reconnects,
      };
      throw new HaproxyError("closed", `${reason}; reconnecting in ${seconds(this.#delayMs)}`);
    }).finally(() => this.#reconnecting = undefined);
    return this.#reconnecting;
  }

  /**
   * Sends one command and resolves with its output. While disconnected, throws `HaproxyError("closed")` until
   * `status.nextAttemptAt`, then tries to reconnect first.
   *
   * @throws {HaproxyError} `closed` or `timeout` (the message ends "; reconnecting in Ns"), `protocol`, or
   * `connect` when {@linkcode HaproxyClient.connect} was never called successfully.
   */
  async send(command: string): Promise<string> {
    if (this.#closedByUser) throw new HaproxyError("closed", "the client is closed");
    if (!this.#everConnected) {
      await this.connect();
    } else if (!this.#conn || this.#conn.closed) {
      if (this.#status.connected) this.#lost(this.#conn?.closeReason ?? "the connection was closed");
      const wait = (this.#status.nextAttemptAt ?? 0) - this.#now();
      if (wait > 0) {
        throw new HaproxyError("closed", `${this.#status.lastError}; reconnecting in ${seconds(wait)}`);
      }
      await this.#reconnect();
    }
    const conn = this.#conn!;
    try {
      return await conn.send(command);
    } catch (err) {
      if (err instanceof HaproxyError && (err.kind === "closed" || err.kind === "timeout") && conn.closed) {
        if (this.#closedByUser) throw err;
        this.#lost(err.message);
        throw new HaproxyError(err.kind, `${err.message}; reconnecting in ${seconds(this.#delayMs)}`);
      }
      throw err;
    }
  }

  /** Splits the line with `splitCommands` and sends each part in turn; one result per command. */
  async sendLine(line: string): Promise<{ command: string; output: string }[]> {
    const results: { command: string; output: string }[] = [];
    for (const command of splitCommands(line)) {
      results.push({ command, output: await this.send(command) });
    }
    return results;
  }

  /** The session's privilege level from `show cli level` (HAProxy 2.0+); undefined when it is unknown. */
  async level(): Promise<"user" | "operator" | "admin" | undefined> {
    const out = (await this.send("show cli level")).trim();
    return out === "user" || out === "operator" || out === "admin" ? out : undefined;
  }

  /** Best effort `quit`, then closes the socket (and stops its ssh). Idempotent; sends then throw `closed`. */
  async close(): Promise<void> {
    this.#closedByUser = true;
    const conn = this.#conn;
    this.#conn = undefined;
    this.#status = { connected: false, reconnects: this.#status.reconnects };
    if (conn) {
      await conn.quit();
      await conn.finished;
    }
    await this.#tunnel?.close();
  }

  #lost(reason: string): void {
    this.#status = {
      connected: false,
      lastError: reason,
      nextAttemptAt: this.#now() + this.#delayMs,
      reconnects: this.#status.reconnects,
    };
  }

  async #open(): Promise<HaproxyConnection> {
    if (this.#addr.transport === "ssh") {
      this.#tunnel ??= new SshTunnel(this.#addr, { timeoutMs: this.#timeoutMs });
      return await this.#tunnel.connect(!this.#everConnected);
    }
    try {
      return await HaproxyConnection.open(this.#addr, { timeoutMs: this.#timeoutMs });
    } catch (err) {
      const kind = this.#addr.transport === "unix" && !(err instanceof HaproxyError)
        ? await pathKindOf(this.#addr.path)
        : undefined;
      throw new HaproxyError(
        "connect",
        describeConnectError(this.#addr, err, kind === "socket" ? undefined : kind),
      );
    }
  }
}
