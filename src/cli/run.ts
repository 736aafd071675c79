/**
 * The program from argv to exit code: options, first connection, then batch, check or the monitor.
 *
 * @module
 */
import { type Options, parseOptions } from "./options.ts";
import { batchJson, batchText } from "./batch.ts";
import { checkJson, checkSnapshot, checkText } from "./check.ts";
import { HaproxyClient } from "../haproxy/client.ts";
import { describeAddress } from "../haproxy/address.ts";
import { parseStat } from "../stats/csv.ts";
import { resolveProxies, statCommands } from "../stats/filters.ts";
import { fetchSnapshot } from "../app/fetch.ts";
import { PROGRAM } from "../version.ts";

/** Where the program writes; injectable for tests. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const EXIT = { ok: 0, failure: 1, socket: 2 } as const;

/** Resolves -p names to iids and returns the stat commands of a refresh. */
async function commandsFor(client: HaproxyClient, options: Options, io: Io): Promise<string[] | number> {
  if (options.proxies.length === 0) return statCommands(options.filters, []);
  const table = parseStat(await client.send("show stat"));
  const { iids, missing } = resolveProxies(options.proxies, table.rows);
  if (missing.length > 0) {
    io.err(`${PROGRAM}: proxy not found: ${missing.join(", ")}\n`);
    return EXIT.failure;
  }
  return statCommands(options.filters, [...iids.values()]);
}

async function connect(options: Options, io: Io, deadline = 0): Promise<HaproxyClient | number> {
  const client = new HaproxyClient(options.socket, { timeoutMs: options.timeoutMs });
  for (;;) {
    try {
      await client.connect();
      return client;
    } catch (e) {
      if (Date.now() + 1000 < deadline) {
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      io.err(`${PROGRAM}: ${(e as Error).message}\n`);
      return EXIT.socket;
    }
  }
}

/** Batch and check: the non-interactive outputs. Returns the exit code. */
export async function runOnce(options: Options, io: Io): Promise<number> {
  const deadline = options.check && options.wait > 0 ? Date.now() + options.wait * 1000 : 0;
  const client = await connect(options, io, deadline);
  if (typeof client === "number") return client;
  try {
    const commands = await commandsFor(client, options, io);
    if (typeof commands === "number") return commands;
    if (options.batch) {
      const snapshot = await fetchSnapshot(client, commands);
      io.out(
        options.format === "json" ? batchJson(snapshot) : batchText(snapshot, options.mode as 1 | 2 | 3 | 4),
      );
      return EXIT.ok;
    }
    for (;;) {
      let result;
      try {
        result = checkSnapshot(await fetchSnapshot(client, commands));
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
    io.err(`${PROGRAM}: ${describeAddress(options.socket)}: ${(e as Error).message}\n`);
    return EXIT.socket;
  } finally {
    await client.close();
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
  const client = await connect(options, io);
  if (typeof client === "number") return client;
  const commands = await commandsFor(client, options, io).catch((e: Error) => {
    io.err(`${PROGRAM}: ${describeAddress(options.socket)}: ${e.message}\n`);
    return EXIT.socket;
  });
  if (typeof commands === "number") {
    await client.close();
    return commands;
  }
  const { startMonitor } = await import("./monitor.ts");
  return await startMonitor(options, client, commands);
}
