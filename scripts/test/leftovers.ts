/**
 * Processes a test run left behind. The runner gives each `deno test` it starts a unique `HATOP_TEST_RUN`
 * variable; every process the tests start (HAProxy labs, tmux servers, ssh) inherits it, so after the run
 * any process still carrying it was left running by a test. Runs of other checkouts at the same time carry
 * another value and are never touched. A test that fails or times out must still stop what it started: the
 * runner lists and kills what is left, and counts it as a failure.
 *
 * @module
 */

/** The variable that marks a run's processes. */
export const RUN_VARIABLE = "HATOP_TEST_RUN";

/** One process left running: its pid and command line. */
export interface Leftover {
  readonly pid: number;
  readonly command: string;
}

/** A fresh value for {@linkcode RUN_VARIABLE}. */
export function newRunId(): string {
  return `${Deno.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
}

function readText(path: string): string | undefined {
  try {
    return Deno.readTextFileSync(path);
  } catch {
    return undefined;
  }
}

/** Processes other than this one whose environment carries `RUN_VARIABLE=runId`. */
export function findLeftovers(runId: string): Leftover[] {
  const mark = `${RUN_VARIABLE}=${runId}`;
  const found: Leftover[] = [];
  for (const entry of Deno.readDirSync("/proc")) {
    const pid = Number(entry.name);
    if (!Number.isInteger(pid) || pid === Deno.pid) continue;
    const environ = readText(`/proc/${pid}/environ`);
    if (!environ?.split("\0").includes(mark)) continue;
    const command = readText(`/proc/${pid}/cmdline`)?.split("\0").join(" ").trim() ?? "";
    // Zombies (already exited, not yet reaped) have an empty command line and hold nothing.
    if (command !== "") found.push({ pid, command });
  }
  return found;
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
