/**
 * The test command (`deno task test`): makes sure HAProxy and tmux are there (installing HAProxy with
 * apt-get when we are root on Debian/Ubuntu, or saying exactly what to run), then runs the whole suite and
 * closes with a plain `N passed, N failed` line.
 *
 * Extra arguments are passed to `deno test` (e.g. a file or `--filter`).
 *
 * @module
 */
import { ensureHaproxy } from "./lab/haproxy.ts";

async function hasTmux(): Promise<boolean> {
  try {
    return (await new Deno.Command("tmux", { args: ["-V"], stdout: "null", stderr: "null" }).output())
      .success;
  } catch {
    return false;
  }
}

try {
  const haproxy = await ensureHaproxy();
  console.error(`using ${haproxy}`);
} catch (e) {
  console.error(`cannot run the tests: ${(e as Error).message}`);
  Deno.exit(1);
}
if (!(await hasTmux())) {
  console.error("cannot run the tests: tmux is not installed; install it with: apt-get install -y tmux");
  Deno.exit(1);
}

const args = Deno.args.length > 0 ? Deno.args : ["tests/"];
const child = new Deno.Command(Deno.execPath(), {
  args: ["test", "-A", "--parallel", ...args],
  stdout: "piped",
  stderr: "inherit",
}).spawn();
let tail = "";
const decoder = new TextDecoder();
for await (const chunk of child.stdout) {
  await Deno.stdout.write(chunk);
  tail = (tail + decoder.decode(chunk, { stream: true })).slice(-4000);
}
const status = await child.status;
// deno test ends with e.g. "ok | 120 passed | 0 failed (12s)" (coloured); restate it as a plain line.
// deno-lint-ignore no-control-regex
const plain = tail.replace(/\x1b\[[0-9;]*m/g, "");
const summary = [...plain.matchAll(/(\d+) passed(?: \(\d+ steps?\))? \| (\d+) failed/g)].at(-1);
if (summary) console.log(`\n${summary[1]} passed, ${summary[2]} failed`);
Deno.exit(status.code);
