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

/** Runs the monitor on a connected client; returns the exit code. */
export async function startMonitor(
  options: Options,
  client: HaproxyClient,
  statCommands: readonly string[],
): Promise<number> {
  const terminal = Terminal.open();
  try {
    return await runMonitor({
      client,
      terminal,
      mode: options.mode,
      statCommands,
      config: {
        readOnly: options.readOnly,
        intervalMs: options.interval * 1000,
        color: colorEnabled(Deno.env, Deno.stdout.isTerminal()),
        socketName: describeAddress(options.socket),
      },
    });
  } finally {
    terminal.restore();
    await client.close();
  }
}
