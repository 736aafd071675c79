/**
 * What the tests of the runtime views share: the monitor started on the 2.6 capture (or another release's
 * `show info` version) at a level, a view's source answered with captured replies, and the screen's rows.
 *
 * @module
 */
import { run, screen } from "../../support/app.ts";
import { fixtureInfoText, fixtureStatText } from "../../support/snapshots.ts";
import { init, VIEWS } from "../../../src/app/mod.ts";
import type { Command, Event, Level, State } from "../../../src/app/model/state.ts";
import { parseInfo } from "../../../src/stats/info.ts";
import { parseStat } from "../../../src/stats/csv.ts";
import { buildSnapshot } from "../../../src/stats/snapshot.ts";

export { reply } from "../../runtime/_fixtures.ts";

/** The one socket's id. */
export const SOCKET = "/a.sock";

/** The monitor on the 2.6 capture (its `Version` replaced by `version`), at `level` (undefined: not known). */
export function started(
  opts: { readOnly?: boolean; level?: Level; version?: string } = { level: "admin" },
): State {
  const info = opts.version
    ? fixtureInfoText.replace(/^Version: .*$/m, `Version: ${opts.version}`)
    : fixtureInfoText;
  const snapshot = buildSnapshot(parseInfo(info), [parseStat(fixtureStatText)]);
  const config = { readOnly: opts.readOnly ?? false, intervalMs: 1000, color: false, socketName: SOCKET };
  const s = init(config, { columns: 100, rows: 30 }, "status", 0);
  const events: Event[] = [{ type: "snapshot", snapshot, seq: 0, now: 1 }];
  if (opts.level) events.push({ type: "level", level: opts.level, now: 1 });
  return run(s, ...events)[0];
}

/** What the shown view asks HAProxy for now. */
export function commandsOf(s: State): readonly string[] {
  return VIEWS.find((v) => v.id === s.view)?.source?.commands(s) ?? [];
}

/** The shown view's source answered: `replies`, one per command the view asks for now. */
export function answered(s: State, ...replies: string[]): [State, Command[]] {
  const commands = commandsOf(s);
  return run(s, { type: "sourceData", view: s.view, instance: SOCKET, commands, replies, now: 2 });
}

/** The screen's lines from the first of the body (the column header) down, trimmed at the end. */
export function body(s: State): string[] {
  return screen(s).slice(11, 28).map((l) => l.trimEnd());
}

/** The message line. */
export function messageLine(s: State): string {
  return screen(s)[28].trim();
}

/** The sends among commands. */
export function sends(commands: readonly Command[]): string[] {
  return commands.flatMap((c) => (c.type === "send" ? c.commands : []));
}
