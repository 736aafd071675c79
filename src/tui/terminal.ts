/**
 * The I/O edge of the TUI: the only place that touches stdin/stdout for the full-screen interface.
 *
 * {@linkcode Terminal.open} switches the terminal to raw mode and the alternate screen and installs guards so
 * that {@linkcode Terminal.restore} runs on every way out of the program: SIGTERM and SIGINT (exit 0, as the
 * original hatop), SIGHUP (exit 129), an unhandled error or promise rejection (the error is printed after the
 * terminal is restored, exit 1) and the "unload" event of a normal exit.
 *
 * @example
 * ```ts ignore
 * import { Terminal } from "./terminal.ts";
 * const term = Terminal.open({ mouse: true });
 * try {
 *   for await (const key of term.keys()) if (key.name === "char" && key.text === "q") break;
 * } finally {
 *   term.restore();
 * }
 * ```
 *
 * @module
 */
import type { Key } from "./types.ts";
import { ESC_DELAY_MS, readKeys } from "./key_stream.ts";
import { enterSequence, LEAVE_SEQUENCE } from "./modes.ts";

/** Terminal size in cells. */
export interface TerminalSize {
  /** Number of columns. */
  columns: number;
  /** Number of rows. */
  rows: number;
}

const encoder = new TextEncoder();

/** Writes all of `bytes` to stdout synchronously (writeSync may write only part). */
function writeAll(bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) off += Deno.stdout.writeSync(bytes.subarray(off));
}

/** Text for an error that escaped the program. */
function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return `Uncaught ${String(error)}`;
}

/**
 * A terminal in full-screen raw mode. Create it with {@linkcode Terminal.open}; undo everything with
 * {@linkcode Terminal.restore} (also run automatically on signals, unhandled errors and exit).
 */
export class Terminal {
  #restored = false;
  #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  #cleanups: (() => void)[] = [];

  private constructor() {}

  /**
   * Enters raw mode (`Deno.stdin.setRaw`), the alternate screen, hides the cursor and optionally enables
   * SGR mouse reporting. Throws an Error with a one-line message when stdin is not a terminal.
   */
  static open(opts: { mouse?: boolean } = {}): Terminal {
    if (!Deno.stdin.isTerminal()) throw new Error("stdin is not a terminal");
    const term = new Terminal();
    Deno.stdin.setRaw(true);
    term.#installGuards();
    term.write(enterSequence(opts.mouse ?? false));
    return term;
  }

  #installGuards(): void {
    const exitOn = (signal: Deno.Signal, code: number) => {
      const handler = () => {
        this.restore();
        Deno.exit(code);
      };
      Deno.addSignalListener(signal, handler);
      this.#cleanups.push(() => Deno.removeSignalListener(signal, handler));
    };
    exitOn("SIGTERM", 0);
    exitOn("SIGINT", 0);
    exitOn("SIGHUP", 129);

    const fail = (error: unknown) => {
      this.restore();
      try {
        console.error(describe(error));
      } finally {
        Deno.exit(1);
      }
    };
    const onError = (e: ErrorEvent) => {
      e.preventDefault();
      fail(e.error ?? e.message);
    };
    const onRejection = (e: PromiseRejectionEvent) => {
      e.preventDefault();
      fail(e.reason);
    };
    const onUnload = () => this.restore();
    globalThis.addEventListener("error", onError);
    globalThis.addEventListener("unhandledrejection", onRejection);
    globalThis.addEventListener("unload", onUnload);
    this.#cleanups.push(() => {
      globalThis.removeEventListener("error", onError);
      globalThis.removeEventListener("unhandledrejection", onRejection);
      globalThis.removeEventListener("unload", onUnload);
    });
  }

  /** Current size; 80×24 when the size cannot be read. */
  size(): TerminalSize {
    try {
      const { columns, rows } = Deno.consoleSize();
      if (columns > 0 && rows > 0) return { columns, rows };
    } catch {
      // not a terminal: fall through
    }
    return { columns: 80, rows: 24 };
  }

  /** Writes `s` to stdout fully (loops until every byte is written). Does nothing after restore(). */
  write(s: string): void {
    if (this.#restored || s === "") return;
    writeAll(encoder.encode(s));
  }

  /**
   * Decoded keys from stdin (a lone ESC is reported after 25 ms of silence). The iteration ends at end of
   * input or when restore() is called. Call it once.
   */
  keys(): AsyncIterable<Key> {
    const reader = Deno.stdin.readable.getReader();
    this.#reader = reader;
    const read = async (): Promise<Uint8Array | null> => {
      if (this.#restored) return null;
      try {
        const r = await reader.read();
        return r.done ? null : r.value;
      } catch {
        return null;
      }
    };
    return readKeys(read, ESC_DELAY_MS);
  }

  /** Calls `cb` with the new size whenever the terminal is resized (SIGWINCH). */
  onResize(cb: (size: TerminalSize) => void): void {
    if (this.#restored) return;
    const handler = () => cb(this.size());
    Deno.addSignalListener("SIGWINCH", handler);
    this.#cleanups.push(() => Deno.removeSignalListener("SIGWINCH", handler));
  }

  /**
   * Shows the cursor, turns mouse reporting off, resets the pen, leaves the alternate screen, turns raw
   * mode off, stops keys() and removes every guard. Idempotent; never throws.
   */
  restore(): void {
    if (this.#restored) return;
    try {
      writeAll(encoder.encode(LEAVE_SEQUENCE));
    } catch {
      // stdout gone: nothing to restore there
    }
    try {
      Deno.stdin.setRaw(false);
    } catch {
      // stdin gone
    }
    this.#restored = true;
    for (const cleanup of this.#cleanups.splice(0)) {
      try {
        cleanup();
      } catch {
        // already removed
      }
    }
    this.#reader?.cancel().catch(() => {});
    this.#reader = undefined;
  }
}
