/**
 * `hatop completions SHELL` (src/cli/completions.ts): each script is generated from the option table, so
 * every option is in it, with the value sets of -m and --format and file completion where the table says;
 * a bad shell name is a usage error (exit 2) naming it. The scripts run in their shells in
 * completions_shells.test.ts.
 *
 * @module
 */
import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { completionFlags, completionScript, runCompletions } from "../../src/cli/completions.ts";
import { COMPLETION_SHELLS, MODE_NAMES, OPTION_TABLE, VIEW_NAMES } from "../../src/cli/option_table.ts";
import { viewName, VIEWS } from "../../src/app/mod.ts";
import { main } from "../../src/cli/run.ts";

Deno.test("completions: every option of the table is in every script", () => {
  assertEquals(completionFlags().length, OPTION_TABLE.length);
  for (const shell of COMPLETION_SHELLS) {
    const script = completionScript(shell);
    for (const f of completionFlags()) {
      const long = shell === "fish" ? `-l ${f.long} ` : `--${f.long}`;
      assert(script.includes(long), `${shell}: --${f.long}`);
      if (f.short) {
        assert(script.includes(shell === "fish" ? `-s ${f.short} ` : `-${f.short}`), `${shell}: -${f.short}`);
      }
    }
  }
});

Deno.test("completions: -m offers the modes, --format its formats, -s and --replay file names", () => {
  const bash = completionScript("bash");
  assertMatch(bash, /-m\|--mode\)\n\s+COMPREPLY=\(\$\(compgen -W "1 2 3 4 5"/);
  assertMatch(bash, /-s\|--unix-socket\)\n\s+compopt -o filenames.*\n\s+COMPREPLY=\(\$\(compgen -f /);
  assertMatch(bash, /--format\)\n\s+COMPREPLY=\(\$\(compgen -W "text json"/);
  const zsh = completionScript("zsh");
  for (const [n, name] of MODE_NAMES) assert(zsh.includes(`${n}\\:${name}`), name);
  assertMatch(zsh, /\{-s\+,--unix-socket=\}'\[[^\]]+\]:socket:_files'/);
  assertMatch(zsh, /--replay='\[[^\]]+\]:file:_files'/);
  const fish = completionScript("fish");
  assertMatch(fish, /-s s -l unix-socket -r -F /);
  assertMatch(fish, /-s m -l mode -r -f -a "1\\t'STATUS' 2\\t'TRAFFIC'/);
});

Deno.test("completions: a bad or missing shell name is exit 2 with a message naming it", async () => {
  assertEquals(runCompletions(["tcsh"]), {
    code: 2,
    stderr: 'hatop: completions: unknown shell "tcsh"; usage: hatop completions bash|zsh|fish\n',
  });
  assertEquals(runCompletions([]).code, 2);
  assertEquals(runCompletions(["bash", "zsh"]).code, 2);
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
  assertEquals(await main(["completions", "ksh"], io), 2);
  assertEquals([out, err.join("")], [
    [],
    'hatop: completions: unknown shell "ksh"; usage: hatop completions bash|zsh|fish\n',
  ]);
  assertEquals(await main(["completions", "fish"], io), 0);
  assertEquals(out.join(""), completionScript("fish"));
});

Deno.test("completions: --view completes every view's name, and only those", () => {
  const names = VIEWS.filter((v) => v.id !== "help").map(viewName).sort();
  assertEquals(VIEW_NAMES.map(([name]) => name).sort(), names);
  for (const shell of COMPLETION_SHELLS) assert(completionScript(shell).includes("stat-errors"), shell);
});
