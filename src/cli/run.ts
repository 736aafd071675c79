/**
 * The program from argv to exit code: options, first connections, then batch, check or the monitor.
 *
 * @module
 */
import { type Options, parseOptions } from "./options.ts";
import { batchJson, batchText, type NamedSnapshot } from "./batch.ts";
import { checkJson, type CheckResult, checkSnapshots, checkText, pollEverySecond } from "./check.ts";
import { HaproxyClient } from "../haproxy/client.ts";
import { describeAddress, type SocketAddress } from "../haproxy/address.ts";
import { parseStatAsync } from "../stats/csv.ts";
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

/** One poll of `--check`: every instance judged, or why not (the lines for stderr and the exit code). */
type CheckPoll =
  | { readonly result: CheckResult }
  | { readonly code: number; readonly errors: readonly string[] };

/** Connects to every socket, judges every instance, and closes the connections again. */
async function checkOnce(options: Options): Promise<CheckPoll> {
  const errors: string[] = [];
  const instances = await connectAll(options, { out: () => {}, err: (text) => errors.push(text) });
  if (typeof instances === "number") return { code: instances, errors };
  try {
    return { result: checkSnapshots(await snapshots(instances)) };
  } catch (e) {
    return { code: EXIT.socket, errors: [`${PROGRAM}: ${(e as Error).message}\n`] };
  } finally {
    await Promise.all(instances.map((i) => i.client.close()));
  }
}

/**
 * `--check [--wait N]`: with --wait, polls every second (a fresh connection each time, so a socket that
 * appears, or an HAProxy that restarts, is found) until healthy or N seconds have passed (see
 * {@linkcode pollEverySecond}). The last poll decides: 0 healthy, 1 not healthy (or a proxy not found, which
 * ends the wait at once), 2 a socket that still does not answer; only the last poll's errors are printed.
 */
async function runCheck(options: Options, io: Io): Promise<number> {
  const last = await pollEverySecond(
    options.wait,
    () => checkOnce(options),
    (p) => ("result" in p ? p.result.healthy : p.code === EXIT.failure),
  );
  if ("errors" in last) {
    for (const line of last.errors) io.err(line);
    return last.code;
  }
  io.out(options.format === "json" ? checkJson(last.result) : checkText(last.result));
  return last.result.healthy ? EXIT.ok : EXIT.failure;
}

/** Batch and check: the non-interactive outputs. Returns the exit code. */
export async function runOnce(options: Options, io: Io): Promise<number> {
  if (options.check) return await runCheck(options, io);
  const instances = await connectAll(options, io);
  if (typeof instances === "number") return instances;
  try {
    const all = await snapshots(instances);
    io.out(options.format === "json" ? batchJson(all) : batchText(all, options.mode as 1 | 2 | 3 | 4));
    return EXIT.ok;
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
  if (options.bulk) return await (await import("./bulk.ts")).runBulk(options, io);
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
