/**
 * Running a program inside a private, detached tmux server, for end-to-end tests of the real TUI.
 *
 * Each session gets its own tmux socket (`tmux -L <unique name>`) and a config with `remain-on-exit on` (and
 * an empty "Pane is dead" message), so the last screen can still be read after the program ends, and
 * `status off`, so the pane is exactly `columns` × `rows`.
 *
 * tmux 3.3 sometimes marks a pane dead without ever recording its exit status, so the command runs under a
 * tiny `sh` wrapper that writes `$?` to a file; {@linkcode TmuxSession.exitStatus} reads that file.
 *
 * @example
 * ```ts ignore
 * import { startTmux } from "./tmux.ts";
 * await using tmux = await startTmux(["bash", "-c", "read x; echo got $x"], { columns: 80, rows: 24 });
 * await tmux.sendText("hi");
 * await tmux.send("Enter");
 * await tmux.waitFor("got hi");
 * ```
 *
 * @module
 */

/** What a screen predicate sees: the screen text (lines joined by "\n") and its lines. */
export type ScreenMatcher = string | RegExp | ((screen: string, lines: string[]) => boolean);

/** A running tmux session holding one pane with the program under test. */
export interface TmuxSession extends AsyncDisposable {
  /** The tmux socket name (`tmux -L <name>`), for debugging by hand. */
  readonly socket: string;
  /** The screen as plain text: `capture-pane -p`, lines joined by "\n" (tmux trims trailing spaces). */
  capture(): Promise<string>;
  /** The screen as lines (same content as capture()). */
  lines(): Promise<string[]>;
  /** The screen with SGR escapes (`capture-pane -p -e`), for colour and attribute checks. */
  captureStyled(): Promise<string>;
  /** `send-keys` with tmux key names: "F10", "Enter", "Escape", "C-c", "BTab", "Up", "M-x", ... */
  send(...keys: string[]): Promise<void>;
  /** `send-keys -l`: literal text, typed as is. */
  sendText(text: string): Promise<void>;
  /**
   * Polls the screen until it contains the string, matches the RegExp or satisfies the predicate; returns
   * that screen. Throws with the last screen after `timeoutMs` (default 10 s).
   */
  waitFor(match: ScreenMatcher, timeoutMs?: number): Promise<string>;
  /**
   * Polls until one capture satisfies every matcher, and returns it: what a test asserts about a screen is
   * what it waits for, so a frame that tmux has drawn only in part is never asserted on. Throws after 10 s
   * naming the matchers the last screen failed.
   */
  waitForAll(...matchers: ScreenMatcher[]): Promise<string>;
  /** `display -p <format>` for the pane, e.g. "#{alternate_on} #{cursor_flag} #{mouse_any_flag}". */
  display(format: string): Promise<string>;
  /** `resize-window -x -y`: the program sees a SIGWINCH and the new size. */
  resize(columns: number, rows: number): Promise<void>;
  /** The pid of the command started (not of the sh wrapper around it); throws once it has exited. */
  pid(): Promise<number>;
  /**
   * Waits for the pane's process to exit and tmux to have read all its output (so capture() then shows the
   * final screen) and returns the exit status (128 + signal number when it was killed by a signal). Throws
   * after `timeoutMs` (default 10 s).
   */
  exitStatus(timeoutMs?: number): Promise<number>;
  /** Kills the tmux server and removes its files. Idempotent. */
  kill(): Promise<void>;
}

let counter = 0;

/** A matcher as a predicate on the screen text. */
export function screenTest(match: ScreenMatcher): (screen: string) => boolean {
  return typeof match === "string"
    ? (s) => s.includes(match)
    : match instanceof RegExp
    ? (s) => match.test(s)
    : (s) => match(s, s.split("\n"));
}

const SIGNALS: Record<string, number> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGABRT: 6,
  SIGKILL: 9,
  SIGSEGV: 11,
  SIGPIPE: 13,
  SIGTERM: 15,
};

/** A promise that resolves after `ms` (used only as the polling interval while waiting for a condition). */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Starts `tmux -L <unique socket> new-session -d -x <columns> -y <rows> -s s <command>` with
 * `remain-on-exit on`. Environment variables in `opts.env` are passed as `env K=V command...`.
 */
export async function startTmux(
  command: string[],
  opts: { columns: number; rows: number; env?: Record<string, string>; cwd?: string },
): Promise<TmuxSession> {
  if (command.length === 0) throw new Error("startTmux: empty command");
  const socket = `hatop-test-${Deno.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
  const dir = await Deno.makeTempDir({ prefix: "hatop-tmux-" });
  const config = `${dir}/tmux.conf`;
  const statusFile = `${dir}/status`;
  await Deno.writeTextFile(
    config,
    [
      "set -g remain-on-exit on",
      'set -g remain-on-exit-format ""',
      "set -g status off",
      "set -g history-limit 0",
      "set -g escape-time 0",
      "set -g default-terminal xterm-256color",
      "",
    ].join("\n"),
  );
  let killed = false;

  const tmux = async (...args: string[]): Promise<string> => {
    const out = await new Deno.Command("tmux", {
      args: ["-L", socket, "-f", config, ...args],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) {
      const err = new TextDecoder().decode(out.stderr).trim();
      throw new Error(`tmux ${args[0]} failed: ${err || `exit ${out.code}`}`);
    }
    return new TextDecoder().decode(out.stdout);
  };

  const envArgs = Object.entries(opts.env ?? {}).map(([k, v]) => `${k}=${v}`);
  const program = envArgs.length > 0 ? ["env", ...envArgs, ...command] : command;
  const wrapper = '"$@"; s=$?; echo "$s" > "$0.tmp" && mv "$0.tmp" "$0"; exit "$s"';
  const full = ["sh", "-c", wrapper, statusFile, ...program];
  const cwdArgs = opts.cwd ? ["-c", opts.cwd] : [];
  await tmux(
    "new-session",
    "-d",
    "-x",
    String(opts.columns),
    "-y",
    String(opts.rows),
    "-s",
    "s",
    ...cwdArgs,
    ...full,
  );

  const capture = async (): Promise<string> => {
    const text = await tmux("capture-pane", "-p", "-t", "s");
    return text.replace(/\n$/, "");
  };

  const session: TmuxSession = {
    socket,
    capture,
    lines: async () => (await capture()).split("\n"),
    captureStyled: async () => (await tmux("capture-pane", "-p", "-e", "-t", "s")).replace(/\n$/, ""),
    send: async (...keys) => {
      if (keys.length > 0) await tmux("send-keys", "-t", "s", ...keys);
    },
    sendText: async (text) => {
      if (text !== "") await tmux("send-keys", "-t", "s", "-l", "--", text);
    },
    async waitFor(match, timeoutMs = 10_000) {
      const test = screenTest(match);
      const deadline = Date.now() + timeoutMs;
      let screen = "";
      while (true) {
        screen = await capture();
        if (test(screen)) return screen;
        if (Date.now() > deadline) break;
        await pause(25);
      }
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${String(match)}; screen:\n${screen}`);
    },
    async waitForAll(...matchers) {
      const tests = matchers.map(screenTest);
      let screen = "";
      try {
        return await session.waitFor((s) => {
          screen = s;
          return tests.every((t) => t(s));
        });
      } catch {
        const failed = matchers.filter((_, i) => !tests[i](screen)).map(String);
        throw new Error(`timed out after 10000 ms waiting for ${failed.join(" and ")}; screen:\n${screen}`);
      }
    },
    display: async (format) => (await tmux("display", "-p", "-t", "s", format)).replace(/\n$/, ""),
    resize: async (columns, rows) => {
      await tmux("resize-window", "-t", "s", "-x", String(columns), "-y", String(rows));
    },
    async pid() {
      const shell = Number((await tmux("display", "-p", "-t", "s", "#{pane_pid}")).trim());
      const deadline = Date.now() + 5_000;
      while (true) {
        const children = await Deno.readTextFile(`/proc/${shell}/task/${shell}/children`).catch(() => "");
        const child = Number(children.trim().split(/\s+/)[0]);
        if (child > 0) return child;
        if (Date.now() > deadline) throw new Error(`no running command in the pane (sh pid ${shell})`);
        await pause(25);
      }
    },
    async exitStatus(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (true) {
        const written = (await Deno.readTextFile(statusFile).catch(() => "")).trim();
        const [dead, status, signal] = (await tmux(
          "display",
          "-p",
          "-t",
          "s",
          "#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}",
        )).trim().split("|");
        // Dead means tmux has read the pane's last output, so the screen is final as well.
        if (dead === "1" && written !== "") return Number(written);
        // Without a written status the wrapper itself was killed; tmux may not have reaped it yet.
        if (dead === "1" && status !== "") return Number(status);
        if (dead === "1" && signal !== "") {
          const n = Number(signal);
          return 128 + (Number.isInteger(n) && n > 0 ? n : SIGNALS[signal] ?? 0);
        }
        if (Date.now() > deadline) {
          throw new Error(`timed out after ${timeoutMs} ms waiting for exit; screen:\n${await capture()}`);
        }
        await pause(25);
      }
    },
    async kill() {
      if (killed) return;
      killed = true;
      try {
        await tmux("kill-server");
      } catch {
        // already gone
      }
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    },
    [Symbol.asyncDispose]() {
      return session.kill();
    },
  };
  return session;
}
