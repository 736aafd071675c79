/**
 * Measures of a real monitor process drawing into a tmux pane: time from start to the first complete frame and
 * how fast a key is answered while refreshes run (CPU and memory: side_by_side.ts).
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

/** Median start-to-first-frame time over `runs` fresh starts. */
export async function firstFrame(
  program: Program,
  ready: (s: string) => boolean,
  runs: number,
): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { tmux, firstFrameMs } = await startProgram(program, ready);
    times.push(firstFrameMs);
    await tmux.kill();
  }
  return median(times);
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
