/**
 * Child processes that never outlive hatop, whatever way hatop ends.
 *
 * The program runs under a tiny `sh` watchdog in a session of its own (`detached`): the watchdog holds the
 * read end of a pipe whose write end only hatop has. When hatop ends in any way (exit, signal, an uncaught
 * error, SIGKILL of hatop alone or of its whole process group, which the watchdog's own session escapes),
 * the kernel closes that pipe, the watchdog kills the program, removes the program's private directory and
 * exits. Stopping it on purpose closes the same pipe. On the way out of a normal exit (`unload`, also after
 * the terminal's signal guards call `Deno.exit`) every watchdog still running is told at once, synchronously.
 *
 * @module
 */

/**
 * `sh -c WATCHDOG sh DIR PROGRAM ARGS...`: runs the program with stdin /dev/null and hatop's stdout and
 * stderr; kills it (SIGTERM) at end of stdin or on SIGTERM/SIGINT/SIGHUP; removes DIR (unless empty) after
 * it exited; exits with its status. Its own stderr goes to /dev/null once the program runs, so a notice of
 * the shell's cannot kill it with SIGPIPE once hatop is gone.
 */
export const WATCHDOG = [
  "dir=$1; shift",
  "exec 3<&0 </dev/null",
  '"$@" 3<&- &',
  "child=$!",
  '{ while read -r _; do :; done; kill -TERM "$child"; } <&3 >/dev/null 2>&1 &',
  "watch=$!",
  "exec 3<&- >/dev/null 2>&1",
  `trap 'kill -TERM "$child"' TERM INT HUP`,
  'wait "$child"; code=$?',
  'wait "$child"',
  'kill "$watch"',
  '[ -z "$dir" ] || rm -rf -- "$dir"',
  'exit "$code"',
].join("\n");

/** How much of the program's output is kept (the last bytes are the telling ones). */
const KEEP_BYTES = 16 * 1024;

/** A program running under the watchdog. */
export interface Watched {
  /** The program's exit code (the watchdog passes it on); resolves once both of its outputs are read. */
  readonly status: Promise<number>;
  /** True once the watchdog has exited. */
  readonly exited: boolean;
  /** The last KEEP_BYTES of the program's stdout and stderr so far. */
  stdout(): string;
  stderr(): string;
  /** Stops the program (closes the watchdog's pipe) and resolves once the watchdog has exited. Idempotent. */
  stop(): Promise<void>;
}

const live = new Set<{ stopSync(): void }>();
let unloadHooked = false;

/** At a normal exit, tells every watchdog still running to stop and removes the private directories. */
function hookUnload(): void {
  if (unloadHooked) return;
  unloadHooked = true;
  globalThis.addEventListener("unload", () => {
    for (const w of [...live]) w.stopSync();
  });
}

/** Keeps the last `limit` characters of a text that grows. */
class Tail {
  #text = "";
  constructor(readonly limit: number) {}
  add(chunk: string): void {
    this.#text = (this.#text + chunk).slice(-this.limit);
  }
  get text(): string {
    return this.#text;
  }
}

async function pump(stream: ReadableStream<Uint8Array>, tail: Tail): Promise<void> {
  const decoder = new TextDecoder();
  try {
    for await (const chunk of stream) tail.add(decoder.decode(chunk, { stream: true }));
  } catch {
    // The pipe broke: nothing more to read.
  }
}

/**
 * Starts `argv` under the watchdog; `dir` (a private directory the program uses, or "") is removed when it
 * ends. `keepBytes` is how much of its stdout is kept (the end of it).
 *
 * @throws the Deno error of the spawn (`NotFound` without `sh`, `NotCapable` without `--allow-run`).
 */
export function startWatched(argv: readonly string[], dir: string, keepBytes = KEEP_BYTES): Watched {
  const child = new Deno.Command("sh", {
    args: ["-c", WATCHDOG, "sh", dir, ...argv],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    detached: true,
  }).spawn();
  hookUnload();
  const out = new Tail(keepBytes);
  const err = new Tail(KEEP_BYTES);
  let exited = false;
  const writer = child.stdin.getWriter();
  let stopping: Promise<void> | undefined;
  const entry = {
    stopSync() {
      live.delete(entry);
      if (exited) return;
      try {
        child.kill("SIGTERM");
      } catch {
        // Already gone.
      }
      if (dir !== "") {
        try {
          Deno.removeSync(dir, { recursive: true });
        } catch {
          // Already removed, or the watchdog is removing it.
        }
      }
    },
  };
  live.add(entry);
  const reading = Promise.all([pump(child.stdout, out), pump(child.stderr, err)]);
  const status = Promise.all([child.status, reading]).then(([s]) => {
    exited = true;
    live.delete(entry);
    writer.close().catch(() => {});
    return s.signal ? 128 + (SIGNAL_NUMBERS[s.signal] ?? 0) : s.code;
  });
  return {
    status,
    get exited() {
      return exited;
    },
    stdout: () => out.text,
    stderr: () => err.text,
    stop() {
      stopping ??= (async () => {
        await writer.close().catch(() => {});
        await status;
        if (dir !== "") await Deno.remove(dir, { recursive: true }).catch(() => {});
      })();
      return stopping;
    },
  };
}

const SIGNAL_NUMBERS: Partial<Record<Deno.Signal, number>> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGKILL: 9,
  SIGTERM: 15,
};
