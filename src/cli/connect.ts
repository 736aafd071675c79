/**
 * The first connections: every socket given is connected and its `-p`/`-f` selection resolved into the
 * `show stat` commands of a refresh, or the run ends with one line per problem and the exit code. Batch,
 * check and the monitor all start from here.
 *
 * @module
 */
import type { Options } from "./options.ts";
import { HaproxyClient } from "../haproxy/client.ts";
import { describeAddress, type SocketAddress } from "../haproxy/address.ts";
import { route } from "../haproxy/master.ts";
import { parseStatAsync } from "../stats/csv.ts";
import { resolveProxies, statCommands, statTakesNames } from "../stats/filters.ts";
import { parseInfo } from "../stats/info.ts";
import { PROGRAM } from "../version.ts";

/** Where the program writes; injectable for tests. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** The exit codes: done, a failure (unhealthy, a proxy not found), a socket that does not answer. */
export const EXIT = { ok: 0, failure: 1, socket: 2 } as const;

/** One connected instance and the `show stat` commands of its refresh. */
export interface Connected {
  readonly address: SocketAddress;
  readonly client: HaproxyClient;
  readonly commands: readonly string[];
  /** The config file's label for this socket, if any. */
  readonly label?: string;
}

/** Resolves -p names to iids and returns the stat commands of a refresh, or an error message. */
async function commandsFor(client: HaproxyClient, options: Options): Promise<string[] | string> {
  if (options.proxies.length === 0) return statCommands(options.filters, []);
  const { sender } = await route(client);
  const table = await parseStatAsync(await sender.send("show stat"));
  const { iids, missing } = resolveProxies(options.proxies, table.rows);
  if (missing.length > 0) return `proxy not found: ${missing.join(", ")}`;
  // By name where HAProxy allows it, so that a reload renumbering the proxies keeps the same selection.
  const byName = statTakesNames(parseInfo(await sender.send("show info")).get("Version"));
  return statCommands(options.filters, byName ? [...iids.keys()] : [...iids.values()]);
}

/**
 * Connects to every socket and resolves the filters. On failure every client is closed and the exit code
 * returned (2 for a socket, 1 for a proxy not found), after one line per problem on stderr.
 */
export async function connectAll(options: Options, io: Io): Promise<Connected[] | number> {
  const results = await Promise.allSettled(options.sockets.map(async (address) => {
    const client = new HaproxyClient(address, { timeoutMs: options.timeoutMs });
    await client.connect();
    try {
      const label = options.labels?.get(describeAddress(address));
      return { address, client, commands: await commandsFor(client, options), ...(label ? { label } : {}) };
    } catch (e) {
      await client.close();
      throw new Error(`${describeAddress(address)}: ${(e as Error).message}`);
    }
  }));
  const ok = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const failed = results.flatMap((r) => (r.status === "rejected" ? [(r.reason as Error).message] : []));
  const missing = ok.filter((c): c is typeof c & { commands: string } => typeof c.commands === "string");
  if (failed.length === 0 && missing.length === 0) return ok as Connected[];
  for (const message of failed) io.err(`${PROGRAM}: ${message}\n`);
  const where = (a: SocketAddress) => (options.sockets.length > 1 ? `${describeAddress(a)}: ` : "");
  for (const c of missing) io.err(`${PROGRAM}: ${where(c.address)}${c.commands}\n`);
  await Promise.all(ok.map((c) => c.client.close()));
  return failed.length > 0 ? EXIT.socket : EXIT.failure;
}
