/**
 * Running the real program (`deno run -A main.ts ...`) for end-to-end tests: as a plain subprocess with its
 * output collected, or inside tmux as a user would see it, plus small readers for what the screen shows.
 *
 * Isolation: every program started here gets `XDG_STATE_HOME` set to a fresh temporary directory (removed
 * when the program is done with), unless the test passes its own `XDG_STATE_HOME`, so no test ever reads or
 * writes the real `~/.local/state/hatop/history`.
 *
 * @module
 */
import { startTmux, type TmuxSession } from "./tmux.ts";

/** The repository root (with a trailing slash). */
export const ROOT: string = new URL("../../", import.meta.url).pathname;

/** The program's entry point. */
export const MAIN: string = `${ROOT}main.ts`;

/** The argv that runs the program with `args`: `deno run -A --no-lock main.ts ...args` (or `entry`). */
export function hatopCommand(args: readonly string[], entry: string = MAIN): string[] {
  return [Deno.execPath(), "run", "-A", "--no-lock", entry, ...args];
}

/** What a finished run printed and how it ended. */
export interface Finished {
  /** Exit code. */
  code: number;
  /** Everything written to stdout. */
  stdout: string;
  /** Everything written to stderr. */
  stderr: string;
}

/**
 * An environment for one program: `env` plus an `XDG_STATE_HOME` of its own unless `env` has one (and an
 * empty `XDG_CONFIG_HOME` in it, unless `env` sets one).
 */
export interface IsolatedEnv {
  /** The variables to start the program with. */
  readonly env: Record<string, string>;
  /** Removes the state directory made for this program (nothing when the test passed its own); idempotent. */
  cleanup(): void;
}

/**
 * `env` with `XDG_STATE_HOME` set to a fresh temporary directory, unless `env` already sets it (then it is
 * kept and nothing is made). Synchronous, so cleanup can run where no async work may be left behind.
 */
export function isolatedEnv(env: Record<string, string> = {}): IsolatedEnv {
  if (env.XDG_STATE_HOME !== undefined) return { env: { ...env }, cleanup: () => {} };
  const dir = Deno.makeTempDirSync({ prefix: "hatop-state-" });
  let removed = false;
  return {
    // No config file of the developer's (a `default`) changes what a run without -s opens.
    env: { XDG_CONFIG_HOME: `${dir}/config`, ...env, XDG_STATE_HOME: dir },
    cleanup() {
      if (removed) return;
      removed = true;
      try {
        Deno.removeSync(dir, { recursive: true });
      } catch {
        // already gone
      }
    },
  };
}

/**
 * Runs the program to its end with stdin not a terminal (`null`) and returns its code and output.
 * `NO_COLOR=1` unless `env` says otherwise; `XDG_STATE_HOME` is a fresh temporary directory unless given.
 */
export async function runHatop(args: readonly string[], env?: Record<string, string>): Promise<Finished> {
  const out = await spawnHatop(args, env).output();
  const decoder = new TextDecoder();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

/**
 * Starts the program as a child (stdin null, output piped) without waiting for it; for races with a lab.
 * Its fresh `XDG_STATE_HOME` (unless `env` has one) is removed when it exits.
 */
export function spawnHatop(args: readonly string[], env?: Record<string, string>): Deno.ChildProcess {
  const [cmd, ...rest] = hatopCommand(args);
  const isolated = isolatedEnv({ NO_COLOR: "1", ...env });
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(cmd, {
      args: rest,
      cwd: ROOT,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      env: isolated.env,
    }).spawn();
  } catch (e) {
    isolated.cleanup();
    throw e;
  }
  child.status.finally(() => isolated.cleanup());
  return child;
}

/** Options of {@linkcode startHatop}. */
export interface StartOptions {
  /** Extra environment; `XDG_STATE_HOME` defaults to a fresh temporary directory removed on kill. */
  readonly env?: Record<string, string>;
  /** The script to run instead of main.ts: a fixture around the program (tests/e2e/fixtures). */
  readonly entry?: string;
}

/**
 * Starts the monitor in a fresh tmux pane (default 100x30) with `NO_COLOR` unset, and `XDG_STATE_HOME` a
 * fresh temporary directory unless `opts.env` sets it (to share the CLI history between two monitors).
 */
export async function startHatop(
  args: readonly string[],
  size: { columns: number; rows: number } = { columns: 100, rows: 30 },
  opts: StartOptions = {},
): Promise<TmuxSession> {
  const isolated = isolatedEnv(opts.env);
  let tmux: TmuxSession;
  try {
    tmux = await startTmux(hatopCommand(args, opts.entry), { ...size, cwd: ROOT, env: isolated.env });
  } catch (e) {
    isolated.cleanup();
    throw e;
  }
  const kill = tmux.kill;
  const session: TmuxSession = {
    ...tmux,
    async kill() {
      await kill();
      isolated.cleanup();
    },
    [Symbol.asyncDispose]() {
      return session.kill();
    },
  };
  return session;
}

/** The index of the first of `lines` whose first word is `name` (a table row such as `s1  1 UP ...`), or -1. */
export function rowIndex(lines: readonly string[], name: string): number {
  return lines.findIndex((line) => line.split(/\s+/)[0] === name);
}

/** The screen line whose first word is `name` (a table row such as `s1  1 UP ...`), or undefined. */
export function rowLine(screen: string, name: string): string | undefined {
  const lines = screen.split("\n");
  return lines[rowIndex(lines, name)];
}

/** A matcher for tmux.waitFor: the row of `name` matches `re` (tested against the whole line). */
export function rowMatches(name: string, re: RegExp): (screen: string) => boolean {
  return (screen) => {
    const line = rowLine(screen, name);
    return line !== undefined && re.test(line);
  };
}

/** The footer (last line) of a screen. */
export function footer(screen: string): string {
  const lines = screen.split("\n");
  return lines[lines.length - 1];
}

/** True when stderr looks like a crash (an uncaught error or a stack trace) rather than a clear message. */
export function looksLikeCrash(stderr: string): boolean {
  return /Uncaught|^\s+at .+:\d+:\d+\)?$|panicked/m.test(stderr);
}

/**
 * Presses `key` (default Down) until the screen satisfies `match`, as a user scrolling to a line would; each
 * press waits for the screen to change. Throws after `max` presses, or when a press changes nothing.
 */
export async function scrollUntil(
  tmux: TmuxSession,
  match: (screen: string) => boolean,
  key = "Down",
  max = 60,
): Promise<string> {
  let screen = await tmux.capture();
  for (let i = 0; !match(screen); i++) {
    if (i >= max) throw new Error(`not seen after ${max} presses of ${key}; screen:\n${screen}`);
    const before = screen;
    await tmux.send(key);
    screen = await tmux.waitFor((s) => s !== before || match(s));
  }
  return screen;
}
