/**
 * End-to-end tests of the Terminal in a real pseudo-terminal (tmux): keys arrive decoded, and the terminal
 * settings (`stty -g`) are the same after the program ends, whichever way it ends.
 */
import assert, { equal } from "node:assert/strict";
import { startTmux, type TmuxSession } from "../support/tmux.ts";

const fixture = new URL("./fixtures/raw_echo.ts", import.meta.url).pathname;
const root = new URL("../../", import.meta.url).pathname;
/** tmux's view of the pane's modes: alternate screen, cursor visible, mouse reporting. */
const MODES = "#{alternate_on} #{cursor_flag} #{mouse_any_flag}";

interface Run {
  tmux: TmuxSession;
  dir: string;
  pid: number;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Runs the fixture between two `stty -g` snapshots; its own exit code goes to `code`. */
async function start(args: string[] = []): Promise<Run> {
  const dir = await Deno.makeTempDir({ prefix: "hatop-term-" });
  // Deno itself, not whatever `deno` PATH has (a run from npx or CI may have none).
  const script = `stty -g > "$1/before"; "$3" run --no-lock --allow-all "$2" ${args.join(" ")}; ` +
    `echo $? > "$1/code"; stty -g > "$1/after"; echo __finished__; read`;
  const tmux = await startTmux(["bash", "-c", script, "bash", dir, fixture, Deno.execPath()], {
    columns: 80,
    rows: 24,
    cwd: root,
  });
  let pid: number;
  try {
    const screen = await tmux.waitFor(/pid \d+ ready/, 30_000);
    pid = Number(/pid (\d+) ready/.exec(screen)![1]);
    // Full-screen mode is on: alternate screen, cursor hidden, mouse reporting only when asked for.
    equal(await tmux.display(MODES), `1 0 ${args.includes("--mouse") ? 1 : 0}`);
  } catch (e) {
    await tmux.kill();
    await Deno.remove(dir, { recursive: true });
    throw e;
  }
  return {
    tmux,
    dir,
    pid,
    async [Symbol.asyncDispose]() {
      await tmux.kill();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/**
 * Waits for the program to end, checks the terminal was restored (settings and modes) and returns the
 * program's exit code. The script waits for Enter after the program, because tmux itself hides the cursor
 * of a dead pane.
 */
async function finish(run: Run): Promise<number> {
  await run.tmux.waitFor("__finished__");
  const modes = await run.tmux.display(MODES);
  equal(modes, "0 1 0", `alternate screen, cursor or mouse mode not restored: ${modes}`);
  const before = await Deno.readTextFile(`${run.dir}/before`);
  const after = await Deno.readTextFile(`${run.dir}/after`);
  assert(before.trim() !== "");
  equal(after, before, "terminal settings differ after the program ended");
  const code = Number((await Deno.readTextFile(`${run.dir}/code`)).trim());
  await run.tmux.send("Enter");
  equal(await run.tmux.exitStatus(), 0);
  return code;
}

/** Sends tmux keys and waits for the fixture to print `<n> <expected>`. */
async function expectKey(run: Run, n: number, send: () => Promise<void>, expected: string): Promise<number> {
  await send();
  await run.tmux.waitFor((_s, lines) => lines.some((l) => l === `${n} ${expected}`));
  return n + 1;
}

Deno.test("terminal: keys arrive decoded; q ends the program and restores the terminal", async () => {
  await using run = await start();
  const t = run.tmux;
  // The program runs in raw mode on the alternate screen (the shell's screen is hidden).
  let n = 1;
  n = await expectKey(run, n, () => t.send("F10"), "f10");
  n = await expectKey(run, n, () => t.send("F1"), "f1");
  n = await expectKey(run, n, () => t.send("Up"), "up");
  n = await expectKey(run, n, () => t.send("PageDown"), "pagedown");
  n = await expectKey(run, n, () => t.send("M-x"), "char:x+alt");
  n = await expectKey(run, n, () => t.send("Escape"), "escape");
  n = await expectKey(run, n, () => t.send("BTab"), "backtab");
  n = await expectKey(run, n, () => t.send("C-c"), "ctrl:c");
  n = await expectKey(run, n, () => t.send("Enter"), "enter");
  n = await expectKey(run, n, () => t.sendText("é"), "char:é");
  await run.tmux.resize(90, 30);
  await run.tmux.waitFor("size 90x30");
  await t.sendText("q"); // the program leaves the alternate screen at once: nothing to wait for on screen
  equal(await finish(run), 0);
  // Back on the normal screen: the key log was on the alternate screen only.
  assert(!(await t.capture()).includes("f10"));
});

Deno.test("terminal: mouse reports arrive decoded when enabled", async () => {
  await using run = await start(["--mouse"]);
  // An SGR mouse report as the terminal would send it (tmux passes it through to the program).
  await run.tmux.sendText("\x1b[<0;5;3M");
  await run.tmux.waitFor("1 mouse:0@4,2");
  await run.tmux.sendText("q");
  equal(await finish(run), 0);
});

Deno.test("terminal: SIGTERM restores the terminal and exits 0", async () => {
  await using run = await start();
  Deno.kill(run.pid, "SIGTERM");
  equal(await finish(run), 0);
});

Deno.test("terminal: SIGHUP restores the terminal and exits 129", async () => {
  await using run = await start();
  Deno.kill(run.pid, "SIGHUP");
  equal(await finish(run), 129);
});

Deno.test("terminal: an uncaught error restores the terminal, prints the error, exits 1", async () => {
  await using run = await start();
  await run.tmux.sendText("e");
  equal(await finish(run), 1);
  assert((await run.tmux.capture()).includes("boom (uncaught)"));
});

Deno.test("terminal: an unhandled rejection restores the terminal, prints the error, exits 1", async () => {
  await using run = await start();
  await run.tmux.sendText("r");
  equal(await finish(run), 1);
  assert((await run.tmux.capture()).includes("boom (rejected)"));
});
