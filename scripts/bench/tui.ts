/**
 * Measures of a real monitor process drawing into a terminal: time from start to the first complete frame
 * (read straight from a pseudo-terminal, and through a tmux pane) and how fast a key is answered while
 * refreshes run (CPU and memory: side_by_side.ts).
 *
 * @module
 */
import { startTmux, type TmuxSession } from "../../tests/support/tmux.ts";
import { median } from "./stats.ts";
import { PANE, type Program } from "./side_by_side.ts";

/** Waits until the screen satisfies `test`, polling as fast as tmux answers; throws after `timeoutMs`. */
async function until(
  tmux: TmuxSession,
  test: (screen: string) => boolean,
  timeoutMs: number,
): Promise<string> {
  const deadline = performance.now() + timeoutMs;
  let screen = "";
  while (performance.now() < deadline) {
    screen = await tmux.capture();
    if (test(screen)) return screen;
  }
  throw new Error(`timed out after ${timeoutMs} ms; screen:\n${screen}`);
}

/** Starts the program in a fresh pane and returns the session and the ms until `ready` showed. */
export async function startProgram(
  program: Program,
  ready: (screen: string) => boolean,
  timeoutMs = 30_000,
): Promise<{ tmux: TmuxSession; firstFrameMs: number }> {
  const t0 = performance.now();
  const tmux = await startTmux(program.command, { ...PANE, cwd: program.cwd });
  try {
    await until(tmux, ready, timeoutMs);
    return { tmux, firstFrameMs: performance.now() - t0 };
  } catch (e) {
    await tmux.kill();
    throw new Error(`${program.name}: no first frame: ${(e as Error).message}`);
  }
}

/** The median of `runs` measures taken one after the other. */
async function medianOf(runs: number, measure: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await measure());
  return median(times);
}

/** Median start-to-first-frame time through a tmux pane over `runs` fresh starts. */
export function firstFrame(program: Program, ready: (s: string) => boolean, runs: number): Promise<number> {
  return medianOf(runs, async () => {
    const { tmux, firstFrameMs } = await startProgram(program, ready);
    await tmux.kill();
    return firstFrameMs;
  });
}

/** `text` as one word for `sh`. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

/**
 * Start to first frame as the operator's terminal gets it: the program runs in a pseudo-terminal of the pane's
 * size made by script(1) (util-linux), and the time runs from the spawn until `ready` text is in what it
 * wrote. No tmux server starts and nothing polls the screen meanwhile, which in {@linkcode firstFrame}
 * costs ~60 ms for a shell's `echo` and, on two cores, slows the program that starts beside it.
 */
async function firstOutputOnce(program: Program, ready: string, timeoutMs: number): Promise<number> {
  const dir = await Deno.makeTempDir({ prefix: "hatop-bench-pty-" });
  const pidFile = `${dir}/pid`;
  const inner = `stty cols ${PANE.columns} rows ${PANE.rows}; echo $$ > ${shellWord(pidFile)}; exec ${
    program.command.map(shellWord).join(" ")
  }`;
  const t0 = performance.now();
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command("script", {
      args: ["-q", "-e", "-c", inner, "/dev/null"],
      cwd: program.cwd,
      // script(1) runs the command with $SHELL; the command line is written for sh. TERM as in the tmux panes.
      env: { SHELL: "/bin/sh", TERM: "xterm-256color" },
      stdin: "piped",
      stdout: "piped",
      stderr: "null",
    }).spawn();
  } catch (e) {
    await Deno.remove(dir, { recursive: true });
    if (e instanceof Deno.errors.NotFound) {
      throw new Error("script(1) is missing: apt-get install -y bsdutils");
    }
    throw e;
  }
  const kill = () => {
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  };
  const timer = setTimeout(kill, timeoutMs);
  try {
    const decoder = new TextDecoder();
    let text = "";
    for await (const chunk of child.stdout) {
      text += decoder.decode(chunk, { stream: true });
      if (text.includes(ready)) return performance.now() - t0;
    }
    throw new Error(`${program.name}: ended or timed out without showing "${ready}"`);
  } finally {
    clearTimeout(timer);
    const pid = Number(await Deno.readTextFile(pidFile).catch(() => ""));
    if (pid > 0) {
      try {
        Deno.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    kill();
    await child.stdin.close().catch(() => {});
    await child.status;
    await Deno.remove(dir, { recursive: true });
  }
}

/** Median start-to-first-frame time straight from a pseudo-terminal over `runs` fresh starts. */
export function firstOutput(program: Program, ready: string, runs: number): Promise<number> {
  return medianOf(runs, () => firstOutputOnce(program, ready, 30_000));
}

/** The screen below the info block (rows 10 on): the table and the footer, styles included. */
async function body(tmux: TmuxSession): Promise<string> {
  return (await tmux.captureStyled()).split("\n").slice(10).join("\n");
}

/**
 * Key latency: sends `Down` `samples` times at random moments (so that some land while a refresh is read
 * and parsed) and times until the table shows the moved cursor. Returns every latency in ms.
 */
export async function keyLatencies(
  tmux: TmuxSession,
  samples: number,
  intervalMs: number,
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    await new Promise((r) => setTimeout(r, Math.random() * intervalMs));
    const before = await body(tmux);
    const t0 = performance.now();
    await tmux.send("Down");
    const deadline = t0 + 5_000;
    while ((await body(tmux)) === before) {
      if (performance.now() > deadline) throw new Error("key latency: the screen did not change within 5 s");
    }
    out.push(performance.now() - t0);
  }
  return out;
}
