/**
 * One refresh over the socket: `show info`, then each `show stat` command, parsed into a snapshot.
 *
 * @module
 */
import { parseInfo } from "../stats/info.ts";
import { parseStat } from "../stats/csv.ts";
import { buildSnapshot } from "../stats/snapshot.ts";
import type { Snapshot } from "../stats/types.ts";

/** Anything that sends one command and returns its output (the client, or a test double). */
export interface Sender {
  send(command: string): Promise<string>;
}

/** Reads and parses one snapshot. */
export async function fetchSnapshot(client: Sender, statCommands: readonly string[]): Promise<Snapshot> {
  const info = parseInfo(await client.send("show info"));
  const tables = [];
  for (const command of statCommands) tables.push(parseStat(await client.send(command)));
  return buildSnapshot(info, tables);
}
