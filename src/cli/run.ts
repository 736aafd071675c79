/**
 * The program from argv to exit code: options, first connections, then batch, check or the monitor.
 *
 * @module
 */
import { type Options, parseOptions } from "./options.ts";
import { batchJson, batchText, type NamedSnapshot } from "./batch.ts";
import { checkJson, checkSnapshots, checkText } from "./check.ts";
import { HaproxyClient } from "../haproxy/client.ts";
import { describeAddress, type SocketAddress } from "../haproxy/address.ts";
import { parseStat } from "../stats/csv.ts";
import { resolveProxies, statCommands, statTakesNames } from "../stats/filters.ts";
import { parseInfo } from "../stats/info.ts";
import { fetchSnapshot } from "../app/fetch.ts";
import { route } from "../haproxy/master.ts";
import { PROGRAM } from "../version.ts";

/** Where the program writes; injectable for tests. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const EXIT = { ok: 0, failure: 1, socket: 2 } as const;

/** One connected instance and the `show stat` commands of its refresh. */
export interface Connected {
  readonly address: SocketAddress;
  readonly client: HaproxyClient;
  readonly commands: readonly string[];
}

/** Resolves -p names to iids and returns the stat commands of a refresh, or an error message. */
async function commandsFor(client: HaproxyClient, options: Options): Promise<string[] | string> {
  if (options.proxies.length === 0) return statCommands(options.filters, []);
  const { sender } = await route(client);
  const table = parseStat(await sender.send("show stat"));
  const { iids, missing } = resolveProxies(options.proxies, table.rows);
  if (missing.length > 0) return `proxy not found: ${missing.join(", ")}`;
  // By name where HAProxy allows it, so that a reload renumbering the proxies keeps the same selection.
  const byName = statTakesNames(parseInfo(await sender.send("show info")).get("Version"));
  return statCommands(options.filters, byName ? [...iids.keys()] : [...iids.values()]);
}

/** Connects to one socket, retrying every second until `deadline` (epoch ms; 0 = one attempt). */
async function connect(address: SocketAddress, options: Options, deadline: number): Promise<HaproxyClient> {
  const client = new HaproxyClient(address, { timeoutMs: options.timeoutMs });
  for (;;) {
    try {
      await client.connect();
      return client;
    } catch (e) {
      if (Date.now() + 1000 >= deadline) {
        await client.close(); // an ssh:// address's tunnel stops with it
        throw e;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/**
 * Connects to every socket and resolves the filters. On failure every client is closed and the exit code
 * returned (2 for a socket, 1 for a proxy not found), after one line per problem on stderr.
 */
export async function connectAll(options: Options, io: Io, deadline = 0): Promise<Connected[] | number> {
  const results = await Promise.allSettled(options.sockets.map(async (address) => {
    const client = await connect(address, options, deadline);
    try {
      return { address, client, commands: await commandsFor(client, options) };
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

async function snapshots(instances: readonly Connected[]): Promise<NamedSnapshot[]> {
  return await Promise.all(instances.map(async (i) => {
    const snapshot = await fetchSnapshot((await route(i.client)).sender, i.commands);
    const node = snapshot.info.get("node");
    return {
      name: instances.length > 1 && node ? node : describeAddress(i.address),
      address: describeAddress(i.address),
      snapshot,
    };
  }));
}

/** Batch and check: the non-interactive outputs. Returns the exit code. */
export async function runOnce(options: Options, io: Io): Promise<number> {
  const deadline = options.check && options.wait > 0 ? Date.now() + options.wait * 1000 : 0;
  const instances = await connectAll(options, io, deadline);
  if (typeof instances === "number") return instances;
  try {
    if (options.batch) {
      const all = await snapshots(instances);
      io.out(options.format === "json" ? batchJson(all) : batchText(all, options.mode as 1 | 2 | 3 | 4));
      return EXIT.ok;
    }
    for (;;) {
      let result;
      try {
        result = checkSnapshots(await snapshots(instances));
      } catch (e) {
        if (Date.now() + 1000 >= deadline) throw e;
      }
      if (result && (result.healthy || Date.now() + 1000 >= deadline)) {
        io.out(options.format === "json" ? checkJson(result) : checkText(result));
        return result.healthy ? EXIT.ok : EXIT.failure;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  } catch (e) {
    io.err(`${PROGRAM}: ${(e as Error).message}\n`);
    return EXIT.socket;
  } finally {
    await Promise.all(instances.map((i) => i.client.close()));
  }
}

/** Parses argv and runs; the monitor is loaded only when needed. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const parsed = parseOptions(argv);
  if (parsed.kind === "exit") {
    if (parsed.stdout) io.out(parsed.stdout);
    if (parsed.stderr) io.err(parsed.stderr);
    return parsed.code;
  }
  const options = parsed.options;
  if (options.batch || options.check) return await runOnce(options, io);
  if (!Deno.stdin.isTerminal() || !Deno.stdout.isTerminal()) {
    io.err(`${PROGRAM}: the monitor needs a terminal; for scripts use --batch or --check\n`);
    return EXIT.failure;
  }
  const instances = await connectAll(options, io);
  if (typeof instances === "number") return instances;
  const { startMonitor } = await import("./monitor.ts");
  return await startMonitor(options, instances);
}
