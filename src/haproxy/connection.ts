/**
 * One connection to HAProxy's runtime API in prompt mode: connect, enter prompt mode, then one command at a
 * time, each resolved with its own output.
 *
 * @module
 */

import { describeAddress, type SocketAddress } from "./address.ts";
import { HaproxyError } from "./errors.ts";
import { ResponseReader } from "./framing.ts";
import { isMasterPrompt } from "./master.ts";

/** Options for {@linkcode HaproxyConnection.open}. */
export interface ConnectionOptions {
  /** How long to wait for the connection, and for each reply, before giving up (milliseconds). */
  timeoutMs: number;
  /** For an `ssh://` address: the local end of its tunnel (src/haproxy/ssh_tunnel.ts), connected instead. */
  localPath?: string;
}

interface Waiter {
  command: string;
  resolve: (output: string) => void;
  reject: (err: HaproxyError) => void;
}

const READ_SIZE = 64 * 1024;

/** Connects to the address, giving up after timeoutMs (a late connection is closed again). */
async function connectWithin(addr: SocketAddress, opts: ConnectionOptions): Promise<Deno.Conn> {
  const { timeoutMs } = opts;
  const pending = addr.transport === "tcp"
    ? Deno.connect({ transport: "tcp", hostname: addr.hostname, port: addr.port })
    : addr.transport === "unix"
    ? Deno.connect({ transport: "unix", path: addr.path })
    : opts.localPath
    ? Deno.connect({ transport: "unix", path: opts.localPath })
    : Promise.reject(new Error(`no tunnel to ${describeAddress(addr)}`));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      pending.then((c) => c.close(), () => {});
      reject(
        new HaproxyError("timeout", `connecting to ${describeAddress(addr)} timed out after ${timeoutMs} ms`),
      );
    }, timeoutMs);
  });
  try {
    return await Promise.race([pending, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One socket in prompt mode. {@linkcode HaproxyConnection.open} connects (unix or TCP), sends `prompt`, awaits
 * the first prompt and sends `set timeout cli 60`. {@linkcode HaproxyConnection.send} sends one command (the
 * caller splits `;`) and resolves with its output; sends are serialised.
 *
 * A command that gets no reply within `timeoutMs` closes the connection (the stream cannot be trusted any more)
 * and throws `HaproxyError("timeout")`. The peer closing before or during a reply throws
 * `HaproxyError("closed")`.
 *
 * @example
 * ```ts ignore
 * import { HaproxyConnection } from "./connection.ts";
 *
 * const conn = await HaproxyConnection.open({ transport: "unix", path: "/run/haproxy.sock" }, { timeoutMs: 5000 });
 * console.log(await conn.send("show info"));
 * conn.close();
 * ```
 */
export class HaproxyConnection {
  #conn: Deno.Conn;
  #addr: SocketAddress;
  #timeoutMs: number;
  #reader = new ResponseReader();
  /** While entering prompt mode: the text read so far, and the promise to settle at the first prompt. */
  #handshake?: { text: string; resolve: () => void; reject: (err: HaproxyError) => void };
  #decoder = new TextDecoder();
  #waiters: Waiter[] = [];
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;
  #closeReason = "connection closed";
  #master = false;
  #readLoop: Promise<void>;

  private constructor(conn: Deno.Conn, addr: SocketAddress, opts: ConnectionOptions) {
    this.#conn = conn;
    this.#addr = addr;
    this.#timeoutMs = opts.timeoutMs;
    this.#readLoop = this.#read();
  }

  /**
   * Connects and enters prompt mode.
   *
   * @throws {HaproxyError} `timeout` when connecting or the prompt takes longer than `opts.timeoutMs`,
   * `closed` when the peer hangs up before the prompt; the Deno error as it is when the connect itself fails
   * (so the caller can tell "no such file" from "connection refused").
   */
  static async open(addr: SocketAddress, opts: ConnectionOptions): Promise<HaproxyConnection> {
    const conn = await connectWithin(addr, opts);
    const c = new HaproxyConnection(conn, addr, opts);
    try {
      await c.#greet();
      // The master CLI has no such setting (and keeps its sessions open); a worker's socket needs it.
      if (!c.#master) await c.send("set timeout cli 60");
    } catch (err) {
      c.close();
      throw err;
    }
    return c;
  }

  /**
   * Sends `prompt` and reads up to the first prompt, which tells a worker's socket (`\n> `) from the master
   * CLI (`master> `); the reader is then made for that prompt.
   */
  #greet(): Promise<void> {
    const greeting = new Promise<void>((resolve, reject) => {
      this.#handshake = { text: "", resolve, reject };
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = new HaproxyError(
          "timeout",
          `no prompt from ${describeAddress(this.#addr)} within ${this.#timeoutMs} ms`,
        );
        this.#shut(err.message, err);
        reject(err);
      }, this.#timeoutMs);
    });
    return Promise.race([this.#write("prompt\n").then(() => greeting), timeout]).finally(() => {
      clearTimeout(timer);
      greeting.catch(() => {});
    });
  }

  /** True once the connection is closed, locally or by the peer. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Why the connection closed (one line); "connection closed" after a local close. */
  get closeReason(): string {
    return this.#closeReason;
  }

  /** Settles once the socket's read loop has ended (after {@linkcode HaproxyConnection.close} or a hang-up). */
  get finished(): Promise<void> {
    return this.#readLoop;
  }

  /** The address this connection was opened to. */
  get address(): SocketAddress {
    return this.#addr;
  }

  /** True when the peer is a master CLI (its prompt is `master> `). */
  get isMaster(): boolean {
    return this.#master;
  }

  /**
   * Sends one command and resolves with its output (without the terminating empty line and prompt). Sends are
   * queued: a second call waits for the first reply.
   *
   * @throws {HaproxyError} `protocol` for a command with a line break, `timeout`, or `closed`.
   */
  send(command: string): Promise<string> {
    const result = this.#queue.then(() => this.#exchange(command));
    this.#queue = result.catch(() => {});
    return result;
  }

  /** Best effort: writes `quit` (no reply is awaited), then closes. Errors are ignored; idempotent. */
  async quit(): Promise<void> {
    if (this.#closed) return;
    try {
      await this.#write("quit\n");
    } catch {
      // The peer may already be gone; quitting is best effort.
    }
    this.close();
  }

  /** Closes the socket without sending anything; pending commands fail with `closed`. Idempotent. */
  close(): void {
    this.#shut("connection closed");
  }

  #shut(reason: string, err?: HaproxyError): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#closeReason = reason;
    try {
      this.#conn.close();
    } catch {
      // Already closed by the runtime.
    }
    const waiters = this.#waiters.splice(0);
    for (const w of waiters) w.reject(err ?? new HaproxyError("closed", reason));
    this.#handshake?.reject(err ?? new HaproxyError("closed", reason));
    this.#handshake = undefined;
  }

  async #exchange(command: string): Promise<string> {
    if (/[\r\n]/.test(command)) {
      throw new HaproxyError("protocol", "a command cannot contain a line break");
    }
    if (this.#closed) throw new HaproxyError("closed", this.#closeReason);
    const reply = new Promise<string>((resolve, reject) => {
      this.#waiters.push({ command, resolve, reject });
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = new HaproxyError(
          "timeout",
          `no reply from ${describeAddress(this.#addr)} to "${command}" within ${this.#timeoutMs} ms`,
        );
        this.#shut(err.message, err);
        reject(err);
      }, this.#timeoutMs);
    });
    try {
      await this.#write(command + "\n");
      return await Promise.race([reply, timeout]);
    } finally {
      clearTimeout(timer);
      reply.catch(() => {});
    }
  }

  async #write(text: string): Promise<void> {
    const bytes = new TextEncoder().encode(text);
    try {
      let done = 0;
      while (done < bytes.length) done += await this.#conn.write(bytes.subarray(done));
    } catch (err) {
      const reason = `lost the connection to ${describeAddress(this.#addr)} (${oneLine(err)})`;
      this.#shut(reason);
      throw new HaproxyError("closed", reason);
    }
  }

  async #read(): Promise<void> {
    const buf = new Uint8Array(READ_SIZE);
    for (;;) {
      let n: number | null;
      try {
        n = await this.#conn.read(buf);
      } catch (err) {
        this.#shut(`lost the connection to ${describeAddress(this.#addr)} (${oneLine(err)})`);
        return;
      }
      if (n === null) {
        const where = this.#reader.partial ? "in the middle of a reply" : "before replying";
        const waiting = this.#waiters.length > 0 || this.#handshake !== undefined;
        this.#shut(
          waiting
            ? `HAProxy at ${describeAddress(this.#addr)} closed the connection ${where}`
            : `HAProxy at ${describeAddress(this.#addr)} closed the connection`,
        );
        return;
      }
      const h = this.#handshake;
      if (h) {
        h.text += this.#decoder.decode(buf.subarray(0, n), { stream: true });
        if (!h.text.endsWith("> ")) continue;
        this.#master = isMasterPrompt(h.text);
        // The prompt is the last line: "> " on a worker's socket, "master> " (with mode flags such as
        // "master(x)> " in some versions) on the master CLI.
        this.#reader = new ResponseReader(h.text.slice(h.text.lastIndexOf("\n") + 1));
        this.#handshake = undefined;
        h.resolve();
        continue;
      }
      for (const output of this.#reader.push(buf.subarray(0, n))) {
        const w = this.#waiters.shift();
        if (w) {
          w.resolve(output);
        } else {
          // A reply nobody asked for: the stream is out of step and cannot be trusted.
          this.#shut(`unexpected data from ${describeAddress(this.#addr)}; connection closed`);
          return;
        }
      }
    }
  }
}

/** First line of an error's message, for one-line user-facing texts. */
export function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split("\n")[0].replace(/ \(os error \d+\)$/, "");
}
