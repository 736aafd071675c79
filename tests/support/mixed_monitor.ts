/**
 * Driving the real monitor in tmux on the mixed lab (scripts/lab/configs.ts): open it, move onto a row.
 *
 * @module
 */
import { assert } from "./assert.ts";
import type { Lab } from "./lab.ts";
import { idsOf, START_MS } from "./lab_queries.ts";
import { footer, rowMatches, startHatop } from "./program.ts";
import type { TmuxSession } from "./tmux.ts";

/** Starts the monitor on `socket` (refresh every second) and waits for the mixed lab's be_app table. */
export async function openMonitor(
  socket: string,
  extra: string[] = [],
  env?: Record<string, string>,
): Promise<TmuxSession> {
  const tmux = await startHatop(["-s", socket, "-i", "1", ...extra], undefined, { env });
  try {
    await tmux.waitFor(rowMatches("s6", /DRAIN/), START_MS);
    return tmux;
  } catch (e) {
    await tmux.kill();
    throw e;
  }
}

/**
 * Moves the cursor from the top (HOME: the first row) onto the visible row `name`, one DOWN per row between
 * (the cursor passes over `>>>` headings and blank lines), and waits for the footer to show its ids.
 */
export async function moveTo(tmux: TmuxSession, lab: Lab, px: string, name: string): Promise<string> {
  await tmux.send("Home");
  const lines = await tmux.lines();
  const top = lines.findIndex((l) => l.startsWith(">>> "));
  const target = lines.findIndex((l) => l.split(/\s+/)[0] === name);
  assert(top >= 0 && target > top, `row ${name} not on screen`);
  const ids = await idsOf(lab, px, name);
  const rows = lines.slice(top, target + 1).filter((l) => l.trim() !== "" && !l.startsWith(">>> "));
  await tmux.send(...Array.from({ length: rows.length - 1 }, () => "Down"));
  await tmux.waitFor((screen) => footer(screen).includes(ids));
  return ids;
}
