/**
 * Questions end-to-end tests ask a lab's HAProxy directly (to check what the program did through the socket).
 *
 * @module
 */
import { assert } from "./assert.ts";
import type { Lab } from "./lab.ts";
import { poll } from "./poll.ts";

/** First start of the program compiles it; later starts are fast. */
export const START_MS = 60_000;

/** `[#iid/#sid]` of `px/sv` as the footer shows it, read from HAProxy's own `show stat`. */
export async function idsOf(lab: Lab, px: string, sv: string): Promise<string> {
  const csv = await lab.command("show stat");
  const header = csv.split("\n")[0].replace(/^# /, "").split(",");
  const row = csv.split("\n").find((l) => l.startsWith(`${px},${sv},`));
  assert(row, `no row ${px}/${sv} in show stat`);
  const cells = row.split(",");
  return `[#${cells[header.indexOf("iid")]}/#${cells[header.indexOf("sid")]}]`;
}

/** Polls a runtime-API command until its output satisfies `pred`; throws with the last output. */
export async function waitForCommand(
  lab: Lab,
  command: string,
  pred: (out: string) => boolean,
): Promise<string> {
  let last = "";
  return await poll(`"${command}" to satisfy the condition`, 10_000, async () => {
    last = await lab.command(command);
    return pred(last) ? last : undefined;
  }, { detail: () => `last: ${last}` });
}
