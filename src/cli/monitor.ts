/**
 * Opens the terminal and runs the interactive monitor; the terminal is restored on every way out.
 *
 * @module
 */
import type { Options } from "./options.ts";
import type { HaproxyClient } from "../haproxy/client.ts";
import { describeAddress } from "../haproxy/address.ts";
import { Terminal } from "../tui/terminal.ts";
import { colorEnabled } from "../tui/color.ts";
import { runMonitor } from "../app/runtime.ts";
import { fileHistoryStore, historyPath } from "../app/history_store.ts";

/** Runs the monitor on a connected client; returns the exit code. */
export async function startMonitor(
  options: Options,
  client: HaproxyClient,
  statCommands: readonly string[],
): Promise<number> {
  const path = historyPath(Deno.env);
  const store = path ? fileHistoryStore(path) : undefined;
  const lines = store ? await store.load().catch(() => []) : [];
  const terminal = Terminal.open({ mouse: options.mouse });
  try {
    return await runMonitor({
      client,
      terminal,
      mode: options.mode,
      statCommands,
      history: store ? { store, lines } : undefined,
      config: {
        readOnly: options.readOnly,
        intervalMs: options.interval * 1000,
        color: colorEnabled(Deno.env, Deno.stdout.isTerminal()),
        socketName: describeAddress(options.socket),
        mouse: options.mouse,
      },
    });
  } finally {
    terminal.restore();
    await client.close();
  }
}
