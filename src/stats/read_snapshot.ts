/**
 * One refresh over the socket: `show info`, then each `show stat` command, parsed into a snapshot.
 *
 * @module
 */
import { parseInfo } from "./info.ts";
import { parseStatAsync } from "./csv.ts";
import { buildSnapshot } from "./snapshot.ts";
import type { Snapshot } from "./types.ts";

/** Anything that sends one command and returns its output (the client, or a test double). */
export interface Sender {
  send(command: string): Promise<string>;
}

/** Options of {@linkcode fetchSnapshot}. */
export interface FetchOptions {
  /**
   * When given, parsing runs in slices of a few milliseconds with `await pause()` between them (and before
   * grouping), so that a large reply never holds the event loop (and key handling) for long.
   */
  pause?: () => Promise<void>;
}

/** Hands the event loop a turn: resolves on a zero-delay timer, after pending I/O callbacks have run. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Reads and parses one snapshot. */
export async function fetchSnapshot(
  client: Sender,
  statCommands: readonly string[],
  opts: FetchOptions = {},
): Promise<Snapshot> {
  const { pause } = opts;
  const info = parseInfo(await client.send("show info"));
  const tables = [];
  for (const command of statCommands) {
    const text = await client.send(command);
    tables.push(await parseStatAsync(text, pause));
  }
  if (pause) await pause();
  return buildSnapshot(info, tables);
}
