/**
 * The completion scripts in their shells (the runner installs bash-completion, zsh and fish: scripts/test.ts):
 * each loads without an error, and completes `--upd` to `--update-interval` and a socket path after `-s`
 * (a socket file in a temporary directory). bash is driven through its own hooks (COMP_WORDS, COMP_CWORD and
 * the function `complete -p` names, with bash-completion loaded), fish through `complete -C`, zsh through
 * compinit in tmux, as a user pressing TAB.
 *
 * @module
 */
import { assert, assertEquals } from "../support/assert.ts";
import { completionScript } from "../../src/cli/completions.ts";
import { startTmux } from "../support/tmux.ts";

/** What a missing shell needs, said instead of a confusing spawn error. */
const INSTALL = "apt-get install -y bash-completion zsh fish (the test runner does it as root)";

/** Runs `shell args...` with `env`; its exit code, stdout and stderr. */
async function shell(command: string, args: string[], env: Record<string, string> = {}) {
  try {
    const out = await new Deno.Command(command, {
      args,
      env,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    })
      .output();
    const text = (b: Uint8Array) => new TextDecoder().decode(b);
    return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) throw new Error(`${command} is not installed: ${INSTALL}`);
    throw e;
  }
}

/** A temporary directory holding the scripts and a real unix socket `admin.sock`; removed at the end. */
async function workspace() {
  const dir = await Deno.makeTempDir({ prefix: "hatop-completions-" });
  const listener = Deno.listen({ transport: "unix", path: `${dir}/admin.sock` });
  for (const sh of ["bash", "zsh", "fish"] as const) {
    await Deno.writeTextFile(`${dir}/${sh}`, completionScript(sh));
  }
  return {
    dir,
    async [Symbol.asyncDispose]() {
      listener.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

Deno.test("bash (with bash-completion): the script loads, completes --upd and a socket after -s", async () => {
  await using ws = await workspace();
  const bashCompletion = "/usr/share/bash-completion/bash_completion";
  assert(await Deno.stat(bashCompletion).then(() => true, () => false), `no ${bashCompletion}: ${INSTALL}`);
  const script = [
    `source ${bashCompletion}`,
    `source ${ws.dir}/bash || exit 9`,
    // The function bash would call on TAB, as `complete -p` says.
    `fn=$(complete -p hatop | sed -n 's/.*-F \\([^ ]*\\) .*/\\1/p')`,
    `try() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); "$fn" hatop; printf '%s\\n' "\${COMPREPLY[@]}" "=="; }`,
    "try hatop --upd",
    `try hatop -s ${ws.dir}/ad`,
    `try hatop -n --unix-socket ${ws.dir}/ad`,
    "try hatop -m ''",
  ].join("\n");
  const r = await shell("bash", ["--norc", "--noprofile", "-c", script]);
  assertEquals([r.code, r.stderr], [0, ""], "loads without an error");
  const answers = r.stdout.split("==\n").map((a) => a.trim().split("\n"));
  assertEquals(answers.slice(0, 4), [
    ["--update-interval"],
    [`${ws.dir}/admin.sock`],
    [`${ws.dir}/admin.sock`],
    ["1", "2", "3", "4", "5"],
  ]);
});

Deno.test("fish: the script loads, completes --upd and a socket after -s", async () => {
  await using ws = await workspace();
  const script = [
    `source ${ws.dir}/fish; or exit 9`,
    'complete -C "hatop --upd"; echo ==',
    `complete -C "hatop -s ${ws.dir}/ad"; echo ==`,
    'complete -C "hatop -m "; echo ==',
  ].join("\n");
  const r = await shell("fish", ["--no-config", "-c", script], { HOME: ws.dir });
  assertEquals([r.code, r.stderr], [0, ""], "loads without an error");
  const answers = r.stdout.split("==\n").map((a) => a.trim().split("\n"));
  assertEquals(answers.slice(0, 3), [
    ["--update-interval\tupdate interval in seconds"],
    [`${ws.dir}/admin.sock`],
    ["1\tSTATUS", "2\tTRAFFIC", "3\tHTTP", "4\tERRORS", "5\tCLI"],
  ]);
});

Deno.test("zsh (compinit, in tmux): the script loads, TAB completes --upd, a socket after -s, the modes after -m", async () => {
  await using ws = await workspace();
  assert((await shell("zsh", ["-fc", "true"])).code === 0, `zsh: ${INSTALL}`);
  await using tmux = await startTmux(["zsh", "-f"], {
    columns: 120,
    rows: 20,
    env: { HOME: ws.dir, PS1: "zsh> ", TERM: "xterm-256color" },
  });
  await tmux.waitFor(/^zsh>/m);
  await tmux.sendText(
    `autoload -Uz compinit && compinit -u -d ${ws.dir}/zcompdump && source ${ws.dir}/zsh; echo "loaded: $?"`,
  );
  await tmux.send("Enter");
  const loaded = await tmux.waitFor(/^loaded: \d+$/m);
  assert(/^loaded: 0$/m.test(loaded), loaded);
  assert(!/error|not found|command not found/i.test(loaded), loaded);
  await tmux.sendText("hatop --upd");
  await tmux.send("Tab");
  await tmux.waitFor(/^zsh> hatop --update-interval/m);
  await tmux.send("C-u");
  await tmux.sendText(`hatop -s ${ws.dir}/ad`);
  await tmux.send("Tab");
  await tmux.waitFor((s) => s.includes(`zsh> hatop -s ${ws.dir}/admin.sock`));
  await tmux.send("C-u");
  await tmux.sendText("hatop -m ");
  await tmux.send("Tab");
  await tmux.waitForAll("STATUS", "TRAFFIC", "HTTP", "ERRORS", "CLI");
  await tmux.send("C-u");
  await tmux.sendText("exit");
  await tmux.send("Enter");
  assertEquals(await tmux.exitStatus(), 0);
});
