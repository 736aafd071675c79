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

/** Runs the monitor on the connected instances; returns the exit code. */
export async function startMonitor(options: Options, connected: readonly Connected[]): Promise<number> {
  const path = historyPath(Deno.env);
  const store = path ? fileHistoryStore(path) : undefined;
  let error: string | undefined;
  const lines = store ? await store.load().catch((e: Error) => (error = e.message, [])) : [];
  const terminal = Terminal.open({ mouse: options.mouse });
  try {
    return await runMonitor({
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
      config: {
        readOnly: options.readOnly,
        intervalMs: options.interval * 1000,
        color: colorEnabled(Deno.env, Deno.stdout.isTerminal()),
        socketName: options.sockets.map(describeAddress).join(", "),
        mouse: options.mouse,
      },
    });
  } finally {
    terminal.restore();
    await Promise.all(connected.map((c) => c.client.close()));
  }
}
