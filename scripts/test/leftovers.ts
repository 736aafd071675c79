/**
 * Processes a test run left behind: HAProxy labs (their config is under /tmp/hatop-lab-*), tmux servers of
 * the tests (`tmux -L hatop-test-*`) and ssh or sshd children started by tests (under /tmp/hatop-*). A test
 * that fails or times out must still stop what it started; the runner lists and kills what is left, and
 * counts it as a failure.
 *
 * @module
 */

/** One process left running: its pid and command line. */
export interface Leftover {
  readonly pid: number;
  readonly command: string;
}

const PATTERNS = [/\/tmp\/hatop-lab-/, /\btmux -L hatop-test-/, /\/tmp\/hatop-[\w-]*ssh/];

/** Processes (not this one, nor its ancestors) whose command line shows they belong to a test. */
export function findLeftovers(): Leftover[] {
  const mine = new Set<number>([Deno.pid]);
  let at = Deno.pid;
  for (let i = 0; i < 64 && at > 1; i++) {
    const stat = readText(`/proc/${at}/stat`);
    const ppid = Number(stat?.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (!(ppid > 0)) break;
    mine.add(ppid);
    at = ppid;
  }
  const found: Leftover[] = [];
  for (const entry of Deno.readDirSync("/proc")) {
    const pid = Number(entry.name);
    if (!Number.isInteger(pid) || mine.has(pid)) continue;
    const command = readText(`/proc/${pid}/cmdline`)?.split("\0").join(" ").trim();
    if (command && PATTERNS.some((p) => p.test(command))) found.push({ pid, command });
  }
  return found;
}

function readText(path: string): string | undefined {
  try {
    return Deno.readTextFileSync(path);
  } catch {
    return undefined;
  }
}

/** Kills every leftover with SIGKILL (they are already past their tests' end). */
export function killLeftovers(found: readonly Leftover[]): void {
  for (const p of found) {
    try {
      Deno.kill(p.pid, "SIGKILL");
    } catch {
      // Gone meanwhile.
    }
  }
}
