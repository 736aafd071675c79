/**
 * Running the program as a recorder for end-to-end tests (`--batch --count N --record FILE --format json`):
 * its snapshots read line by line as it prints them, so a test can wait for a state to be recorded before the
 * next change, and stop it with a signal; plus the replay commands the tests compare against.
 *
 * @module
 */
import { HTTP_DEFAULTS, type LabContext } from "./lab.ts";
import { poll } from "./poll.ts";
import { type Finished, rowLine, runHatop, spawnHatop } from "./program.ts";
import { ctime } from "../../src/app/widgets/clock.ts";

/** One JSON line of a series: the time of the refresh and the --batch object. */
export interface SeriesLine {
  readonly time: string;
  readonly stats: Record<string, unknown>[];
  readonly info: Record<string, string>;
  readonly [key: string]: unknown;
}

/** A running recorder. */
export interface RunningRecorder extends AsyncDisposable {
  /** The lines printed so far, parsed. */
  readonly lines: SeriesLine[];
  /** Waits until a printed line satisfies `pred` and returns it. */
  waitForLine(what: string, pred: (line: SeriesLine) => boolean, timeoutMs?: number): Promise<SeriesLine>;
  /** Sends `signal` and waits for the end: exit code, everything printed, stderr. */
  stop(signal?: Deno.Signal): Promise<Finished>;
}

/** A row of a JSON line by `pxname/svname`. */
export function rowOf(line: SeriesLine, key: string): Record<string, unknown> | undefined {
  return line.stats.find((r) => `${r.pxname}/${r.svname}` === key);
}

/** Starts `hatop ...args` and reads its JSON lines as they come (args must make it print JSON lines). */
export function startRecorder(args: readonly string[], env?: Record<string, string>): RunningRecorder {
  const child = spawnHatop(args, env);
  const lines: SeriesLine[] = [];
  let text = "";
  let stderr = "";
  const decoder = new TextDecoder();
  const readOut = (async () => {
    for await (const chunk of child.stdout) {
      text += decoder.decode(chunk, { stream: true });
      for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n")) {
        lines.push(JSON.parse(text.slice(0, nl)));
        text = text.slice(nl + 1);
      }
    }
  })();
  const readErr = (async () => {
    for await (const chunk of child.stderr) stderr += decoder.decode(chunk, { stream: true });
  })();
  let finished: Promise<Finished> | undefined;
  const stop = (signal: Deno.Signal = "SIGTERM") => {
    finished ??= (async () => {
      try {
        child.kill(signal);
      } catch {
        // Already exited.
      }
      const { code } = await child.status;
      await Promise.all([readOut, readErr]);
      return { code, stdout: text, stderr };
    })();
    return finished;
  };
  return {
    lines,
    waitForLine: (what, pred, timeoutMs = 15_000) =>
      poll(what, timeoutMs, () => lines.find(pred), { detail: () => `stderr: ${stderr}` }),
    stop,
    async [Symbol.asyncDispose]() {
      await stop("SIGKILL");
    },
  };
}

/** `hatop --replay FILE --batch --format json --at TIME`, parsed (throws with stderr on a non-zero exit). */
export async function replayJson(path: string, at: string): Promise<Record<string, unknown>> {
  const r = await runHatop(["--replay", path, "--batch", "--format", "json", "--at", at]);
  if (r.code !== 0) throw new Error(`--replay --at ${at} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** `hatop --replay FILE --events --format json`: the events, parsed. */
export async function replayEvents(path: string): Promise<Record<string, string>[]> {
  const r = await runHatop(["--replay", path, "--events", "--format", "json"]);
  if (r.code !== 0) throw new Error(`--replay --events exited ${r.code}: ${r.stderr}`);
  return r.stdout.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));
}

/** A series line without its time: what `--batch --format json` prints for that moment. */
export function batchOf(line: SeriesLine): Record<string, unknown> {
  const { time: _, ...rest } = line;
  return rest;
}

/** `-s SOCKET --batch --count N -i 1 --format json [--record FILE]`: a series of JSON lines, recorded. */
export function seriesArgs(socket: string, count: number, file?: string): string[] {
  const args = ["-s", socket, "--batch", "--count", String(count), "-i", "1", "--format", "json"];
  return file === undefined ? args : [...args, "--record", file];
}

/** A temporary directory for recordings, removed at the end of the scope (`await using`). */
export async function recordingDir(): Promise<{ readonly dir: string } & AsyncDisposable> {
  const dir = await Deno.makeTempDir({ prefix: "hatop-rec-" });
  return { dir, [Symbol.asyncDispose]: () => Deno.remove(dir, { recursive: true }) };
}

/** A lab without health checks or traffic: between two reads only clock-driven fields move. */
export async function quietBody({ port }: LabContext): Promise<string> {
  return `${HTTP_DEFAULTS}
frontend fe_quiet
    bind 127.0.0.1:${await port()}
    default_backend be_quiet

backend be_quiet
    server q1 127.0.0.1:${await port()}
    server q2 127.0.0.1:${await port()} weight 7 maxconn 30
    server q3 127.0.0.1:${await port()} backup
    server q4 127.0.0.1:${await port()}
`;
}

/** The servers of {@linkcode quietBody}. */
export const QUIET_SERVERS = ["q1", "q2", "q3", "q4"];

/** In a replay's STATUS view, the rows of quietBody's servers show each one's weight and status as `line` has them. */
export function replayRowsAsRecorded(line: SeriesLine): (screen: string) => boolean {
  return (screen) =>
    QUIET_SERVERS.every((sv) => {
      const row = rowOf(line, `be_quiet/${sv}`)!;
      const shown = rowLine(screen, sv) ?? "";
      return new RegExp(`^${sv}\\s+${row.weight}\\s+${row.status}\\s`).test(shown);
    });
}

/** A replay's title bar at moment `index` (0-based) of `count`, paused at 1x, with that moment's time. */
export function replayTitleAt(line: SeriesLine, index: number, count: number): (screen: string) => boolean {
  return (screen) => {
    const title = screen.split("\n")[0];
    return title.includes(` REPLAY paused 1x ${index + 1}/${count} `) &&
      title.includes(ctime(Date.parse(line.time)));
  };
}
