/**
 * Running the real program (`deno run -A main.ts ...`) for end-to-end tests: as a plain subprocess with its
 * output collected, or inside tmux as a user would see it, plus small readers for what the screen shows.
 *
 * @module
 */
import { startTmux, type TmuxSession } from "./tmux.ts";

/** The repository root (with a trailing slash). */
export const ROOT: string = new URL("../../", import.meta.url).pathname;

/** The program's entry point. */
export const MAIN: string = `${ROOT}main.ts`;

/** The argv that runs the program with `args`: `deno run -A --no-lock main.ts ...args`. */
export function hatopCommand(args: readonly string[]): string[] {
  return [Deno.execPath(), "run", "-A", "--no-lock", MAIN, ...args];
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

/** Runs the program to its end with stdin not a terminal (`null`) and returns its code and output. */
export async function runHatop(args: readonly string[], env?: Record<string, string>): Promise<Finished> {
  const [cmd, ...rest] = hatopCommand(args);
  const out = await new Deno.Command(cmd, {
    args: rest,
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", ...env },
  }).output();
  const decoder = new TextDecoder();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

/** Starts the program as a child (stdin null, output piped) without waiting for it; for races with a lab. */
export function spawnHatop(args: readonly string[]): Deno.ChildProcess {
  const [cmd, ...rest] = hatopCommand(args);
  return new Deno.Command(cmd, {
    args: rest,
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
}

/** Starts the monitor in a fresh tmux pane (default 100x30) with `NO_COLOR` unset. */
export function startHatop(
  args: readonly string[],
  size: { columns: number; rows: number } = { columns: 100, rows: 30 },
): Promise<TmuxSession> {
  return startTmux(hatopCommand(args), { ...size, cwd: ROOT });
}

/** The screen line whose first word is `name` (a table row such as `s1  1 UP ...`), or undefined. */
export function rowLine(screen: string, name: string): string | undefined {
  return screen.split("\n").find((line) => line.split(/\s+/)[0] === name);
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
