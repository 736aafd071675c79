/**
 * Small pure helpers of the benchmark: medians, number formatting, and reading a process's CPU time and
 * resident memory from `/proc`.
 *
 * @module
 */

/** The median of the values (the mean of the two middle ones for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The largest value; NaN when empty. */
export function max(values: readonly number[]): number {
  return values.length === 0 ? NaN : Math.max(...values);
}

/** A duration in milliseconds, with precision that suits its size ("0.42 ms", "12.3 ms", "1840 ms"). */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  if (value < 1) return `${value.toFixed(2)} ms`;
  if (value < 100) return `${value.toFixed(1)} ms`;
  return `${Math.round(value)} ms`;
}

/** A byte count ("812 B", "14.2 kB", "11.7 MB", decimal units). */
export function bytes(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  if (value < 1000) return `${Math.round(value)} B`;
  if (value < 1e6) return `${(value / 1e3).toFixed(1)} kB`;
  return `${(value / 1e6).toFixed(1)} MB`;
}

/** Parses `/proc/<pid>/stat` text: user + system CPU time in clock ticks (fields 14 and 15). */
export function cpuTicksOf(statText: string): number {
  // The command name (field 2) is in parentheses and may hold spaces: split after the last ")".
  const rest = statText.slice(statText.lastIndexOf(")") + 2).split(" ");
  // rest[0] is field 3 (state), so field n is rest[n - 3].
  return Number(rest[11]) + Number(rest[12]);
}

/** Resident memory split as `/proc/<pid>/status` gives it, bytes (NaN for a field that is absent). */
export interface Resident {
  /** VmRSS: all of it. */
  total: number;
  /** RssAnon: the heaps (V8's, malloc's) and stacks, the process's own. */
  anon: number;
  /** RssFile: pages of mapped files, mostly the deno (or python) binary's code and data touched so far. */
  file: number;
}

/** Parses `/proc/<pid>/status` text into {@linkcode Resident}. */
export function residentOf(statusText: string): Resident {
  const kB = (name: string) => {
    const m = new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, "m").exec(statusText);
    return m ? Number(m[1]) * 1024 : NaN;
  };
  return { total: kB("VmRSS"), anon: kB("RssAnon"), file: kB("RssFile") };
}

/** CPU ticks (user + system) of a running process and its threads. */
export function cpuTicks(pid: number): number {
  return cpuTicksOf(Deno.readTextFileSync(`/proc/${pid}/stat`));
}

/** Resident memory of a running process, in bytes, and its split. */
export function resident(pid: number): Resident {
  return residentOf(Deno.readTextFileSync(`/proc/${pid}/status`));
}

/** Clock ticks per second (`getconf CLK_TCK`), 100 when getconf is unavailable. */
export async function clockTicksPerSecond(): Promise<number> {
  try {
    const out = await new Deno.Command("getconf", { args: ["CLK_TCK"], stdout: "piped" }).output();
    const n = Number(new TextDecoder().decode(out.stdout).trim());
    return n > 0 ? n : 100;
  } catch {
    return 100;
  }
}
