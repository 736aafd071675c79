/**
 * `--batch --count N` and `--batch --record FILE`: N snapshots `-i` seconds apart, printed like `top -b -n N`
 * (or one JSON object per line), each refresh of each instance appended to the recording. An instance that
 * does not answer is reported and recorded as such, and the others go on; a recording write error is
 * reported once (and its recovery), and printing goes on.
 *
 * @module
 */
import { describeAddress } from "../haproxy/address.ts";
import { route } from "../haproxy/master.ts";
import { fetchSnapshot } from "../stats/read_snapshot.ts";
import { type Observation, Recorder, RecordOpenError } from "../record/mod.ts";
import { PROGRAM, VERSION } from "../version.ts";
import { batchObject, batchText, instanceName, type NamedSnapshot } from "./batch.ts";
import type { Options } from "./options.ts";
import { type Connected, EXIT, type Io } from "./connect.ts";

/**
 * One block of a series: `hatop - TIME` and the `--batch` text (its header block too, unless --no-header),
 * an empty line before all but the first; or
 * with JSON, one line `{"time": …, …the --batch object}`.
 */
export function seriesBlock(
  time: number,
  instances: readonly NamedSnapshot[],
  options: Pick<Options, "format" | "mode" | "header">,
  first: boolean,
): string {
  const iso = new Date(time).toISOString();
  if (options.format === "json") return JSON.stringify({ time: iso, ...batchObject(instances) }) + "\n";
  return `${first ? "" : "\n"}${PROGRAM} - ${iso}\n${
    batchText(instances, options.mode as 1 | 2 | 3 | 4, options.header)
  }`;
}

/**
 * Prints a block; false when nobody reads any more (`hatop --batch --count 0 | head`): the series then ends
 * quietly, as top does.
 */
export function printed(io: Io, text: string): boolean {
  try {
    io.out(text);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.BrokenPipe) return false;
    throw e;
  }
}

/** One refresh of one instance: its snapshot (with the master's processes) or why it failed. */
async function observe(instance: Connected): Promise<Observation> {
  try {
    const { sender, workers, worker } = await route(instance.client);
    const snapshot = await fetchSnapshot(sender, instance.commands);
    return { snapshot, ...(workers ? { workers, worker } : {}) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Resolves after `ms`, or at once when `stop` is signalled. */
function sleep(ms: number, stop: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, Math.max(0, ms));
    stop.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      stop.removeEventListener("abort", done);
      resolve();
    }
  });
}

/** SIGINT and SIGTERM end the series after the refresh under way (the recording is closed cleanly). */
function stopOnSignals(stop: AbortController): () => void {
  const signals: Deno.Signal[] = ["SIGINT", "SIGTERM"];
  const handler = () => stop.abort();
  for (const s of signals) Deno.addSignalListener(s, handler);
  return () => signals.forEach((s) => Deno.removeSignalListener(s, handler));
}

/** Runs the series; returns the exit code (2 when a refresh failed, 1 when the recording lost records). */
export async function runSeries(options: Options, io: Io, instances: readonly Connected[]): Promise<number> {
  const count = options.count ?? 1;
  const addresses = instances.map((i) => describeAddress(i.address));
  const stop = new AbortController();
  const unlisten = stopOnSignals(stop);
  let recorder: Recorder | undefined;
  let socketFailed = false;
  let recordFailed = false;
  const lastError = new Map<number, string>();
  let lastRecordError: string | undefined;
  const started = Date.now();
  try {
    for (let k = 0; count === 0 || k < count; k++) {
      if (k > 0) await sleep(started + k * options.interval * 1000 - Date.now(), stop.signal);
      if (stop.signal.aborted) break;
      const time = Date.now();
      const seen = await Promise.all(instances.map(observe));
      const named: NamedSnapshot[] = [];
      seen.forEach((o, i) => {
        if (o.error !== undefined) {
          socketFailed = true;
          if (lastError.get(i) !== o.error) io.err(`${PROGRAM}: ${addresses[i]}: ${o.error}\n`);
          lastError.set(i, o.error);
          return;
        }
        lastError.delete(i);
        const name = instanceName(addresses[i], o.snapshot, instances.length);
        named.push({ name, address: addresses[i], snapshot: o.snapshot });
      });
      if (options.record && !recorder) {
        try {
          recorder = await Recorder.open({
            path: options.record.path,
            instances: addresses.map((address) => ({
              name: named.find((n) => n.address === address)?.name ?? address,
              address,
            })),
            interval: options.interval,
            fullEverySeconds: options.record.fullEverySeconds,
            maxBytes: options.record.maxBytes,
            hatop: VERSION,
          });
        } catch (e) {
          if (!(e instanceof RecordOpenError)) throw e;
          io.err(`${PROGRAM}: ${e.message}\n`);
          return EXIT.failure;
        }
      }
      if (named.length > 0 && !printed(io, seriesBlock(time, named, options, k === 0))) stop.abort();
      if (!recorder) continue;
      for (let i = 0; i < seen.length; i++) {
        const result = await recorder.record(time, i, seen[i]);
        if (!result.ok) {
          recordFailed = true;
          if (result.message !== lastRecordError) io.err(`${PROGRAM}: ${result.message}\n`);
          lastRecordError = result.message;
        } else if (lastRecordError !== undefined) {
          io.err(`${PROGRAM}: recording to ${options.record!.path} goes on\n`);
          lastRecordError = undefined;
        }
      }
    }
  } finally {
    unlisten();
    const closed = await recorder?.close();
    if (closed && !closed.ok) recordFailed = true;
    if (closed && !closed.ok && closed.message !== lastRecordError) {
      io.err(`${PROGRAM}: ${closed.message}\n`);
    }
  }
  return socketFailed ? EXIT.socket : recordFailed ? EXIT.failure : EXIT.ok;
}
