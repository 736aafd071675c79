/**
 * Opens the terminal and runs the interactive monitor; the terminal is restored on every way out.
 *
 * @module
 */
import type { Options } from "./options.ts";
import type { Connected } from "./connect.ts";
import { describeAddress } from "../haproxy/address.ts";
import { Terminal } from "../tui/terminal.ts";
import { colorEnabled } from "../tui/color.ts";
import { fileHistoryStore, historyPath, runMonitor, viewOfKey } from "../app/mod.ts";
import { Recorder, RecordOpenError, resolveMoment } from "../record/mod.ts";
import { openReplay } from "./replay_batch.ts";
import type { ReplaySource } from "./record_options.ts";
import { PROGRAM, VERSION } from "../version.ts";
import { EXIT, type Io } from "./connect.ts";

/** `--record FILE`: the recorder, the message of why it cannot open (exit 1), or undefined without one. */
async function openRecorder(options: Options, addresses: readonly string[]) {
  if (!options.record) return undefined;
  try {
    return await Recorder.open({
      path: options.record.path,
      instances: addresses.map((address) => ({ name: address, address })),
      interval: options.interval,
      fullEverySeconds: options.record.fullEverySeconds,
      maxBytes: options.record.maxBytes,
      hatop: VERSION,
    });
  } catch (e) {
    if (e instanceof RecordOpenError) return e.message;
    throw e;
  }
}

/** The monitor's settings from the options (`socketName`: what the header says it reads). */
function monitorConfig(options: Options, socketName: string, replay?: string) {
  return {
    readOnly: options.readOnly || replay !== undefined,
    intervalMs: options.interval * 1000,
    color: colorEnabled(Deno.env, Deno.stdout.isTerminal()),
    socketName,
    mouse: options.mouse,
    ...(replay !== undefined ? { replay } : {}),
  };
}

/**
 * `--replay FILE` in the monitor: the recording played instead of a socket, from `--at` (paused) or from its
 * start; a file that cannot be replayed exits 1 before the terminal is taken. Returns the exit code.
 */
export async function startReplay(options: Options, source: ReplaySource, io: Io): Promise<number> {
  const recording = await openReplay(source.path, io);
  if (typeof recording === "number") return recording;
  const at = source.at && resolveMoment(source.at, recording.start, recording.end);
  const terminal = Terminal.open({ mouse: options.mouse });
  try {
    return await runMonitor({
      instances: [],
      terminal,
      view: options.view ?? viewOfKey(String(options.mode)) ?? "status",
      config: monitorConfig(options, `recording ${source.path}`, source.path),
      replay: { recording, ...(at !== undefined ? { at } : {}) },
    });
  } finally {
    terminal.restore();
  }
}

/** Runs the monitor on the connected instances; returns the exit code. */
export async function startMonitor(
  options: Options,
  connected: readonly Connected[],
  io: Io,
): Promise<number> {
  const path = historyPath(Deno.env);
  const store = path ? fileHistoryStore(path) : undefined;
  let error: string | undefined;
  const lines = store ? await store.load().catch((e: Error) => (error = e.message, [])) : [];
  const recorder = await openRecorder(options, connected.map((c) => describeAddress(c.address)));
  if (typeof recorder === "string") {
    io.err(`${PROGRAM}: ${recorder}\n`);
    await Promise.all(connected.map((c) => c.client.close()));
    return EXIT.failure;
  }
  let lost = false;
  const sink = recorder && {
    path: recorder.path,
    record: async (...args: Parameters<Recorder["record"]>) => {
      const result = await recorder.record(...args);
      lost ||= !result.ok;
      return result;
    },
  };
  const terminal = Terminal.open({ mouse: options.mouse });
  let code: number = EXIT.failure;
  try {
    code = await runMonitor({
      instances: connected.map((c) => ({
        id: describeAddress(c.address),
        ...(c.label ? { label: c.label } : {}),
        client: c.client,
        statCommands: c.commands,
      })),
      terminal,
      view: options.view ?? viewOfKey(String(options.mode)) ?? "status",
      ...(options.found ? { message: options.found } : {}),
      history: store ? { store, lines, error } : undefined,
      config: monitorConfig(options, options.sockets.map(describeAddress).join(", ")),
      recorder: sink,
    });
  } finally {
    terminal.restore();
    await Promise.all(connected.map((c) => c.client.close()));
  }
  // The end record goes after every write the monitor queued; a recording that lost records exits 1.
  const closed = await recorder?.close();
  if (closed && !closed.ok) io.err(`${PROGRAM}: ${closed.message}\n`);
  if (lost && code === EXIT.ok) io.err(`${PROGRAM}: the recording ${recorder!.path} lost records\n`);
  return lost || (closed && !closed.ok) ? EXIT.failure : code;
}
