import assert, { equal, rejects } from "node:assert/strict";
import { startTmux } from "./tmux.ts";

Deno.test("tmux: runs a program, sends text and keys, reads the screen and the exit status", async () => {
  await using tmux = await startTmux(["bash", "-c", "echo ready; read x; echo got $x; exit 3"], {
    columns: 40,
    rows: 6,
  });
  await tmux.waitFor("ready");
  await tmux.sendText("hello world");
  await tmux.send("Enter");
  const screen = await tmux.waitFor(/got hello world/);
  assert(screen.includes("ready"), screen);
  equal(await tmux.exitStatus(), 3);
  // remain-on-exit keeps the last screen readable.
  assert((await tmux.capture()).includes("got hello world"));
  equal((await tmux.lines()).length, 6);
});

Deno.test("tmux: env, cwd and size are applied; resize is seen by the program", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await using tmux = await startTmux(
      ["bash", "-c", 'echo "v=$HATOP_X pwd=$PWD size=$(stty size)"; read; echo "size=$(stty size)"'],
      { columns: 50, rows: 7, env: { HATOP_X: "a b" }, cwd: dir },
    );
    const real = await Deno.realPath(dir);
    await tmux.waitFor(`v=a b pwd=${real} size=7 50`);
    await tmux.resize(60, 9);
    await tmux.send("Enter");
    await tmux.waitFor("size=9 60");
    equal(await tmux.exitStatus(), 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("tmux: styled capture shows SGR attributes", async () => {
  await using tmux = await startTmux(["bash", "-c", "printf '\\033[7mREV\\033[0m plain\\n'; read"], {
    columns: 30,
    rows: 3,
  });
  await tmux.waitFor("REV plain");
  const styled = await tmux.captureStyled();
  assert(styled.includes("\x1b[7mREV"), JSON.stringify(styled));
  assert(!(await tmux.capture()).includes("\x1b"));
});

Deno.test("tmux: waitFor times out with the last screen; a signal shows as 128+n; kill is idempotent", async () => {
  const tmux = await startTmux(["bash", "-c", "echo waiting; read"], { columns: 30, rows: 3 });
  await tmux.waitFor("waiting");
  await rejects(tmux.waitFor("never", 100), /timed out after 100 ms[\s\S]*waiting/);
  await tmux.waitFor((_screen, lines) => lines[0] === "waiting");
  const pid = await tmux.pid();
  Deno.kill(pid, "SIGKILL");
  equal(await tmux.exitStatus(), 128 + 9);
  await tmux.kill();
  await tmux.kill();
  await rejects(tmux.capture(), /tmux capture-pane failed/);
});

Deno.test("tmux: an empty command is refused", async () => {
  await rejects(startTmux([], { columns: 10, rows: 2 }), /empty command/);
});
