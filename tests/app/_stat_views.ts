/**
 * What the tests of the stat views share: a configuration, a state showing a view, and readers of what the
 * screen and the state show (the message line, the body's rows, the lines as names).
 *
 * @module
 */
import { run, screen, snap } from "../support/app.ts";
import { init } from "../../src/app/mod.ts";
import { selectedLine } from "../../src/app/model/stat_table.ts";
import { screenLayout } from "../../src/app/model/layout.ts";
import type { Command, Config, State, ViewId } from "../../src/app/model/state.ts";
import { parseInfo } from "../../src/stats/info.ts";
import { parseStat } from "../../src/stats/csv.ts";
import { buildSnapshot } from "../../src/stats/snapshot.ts";
import type { Snapshot } from "../../src/stats/types.ts";
import { fixtureInfoText, fixtureSnapshot, fixtureStatText } from "../support/snapshots.ts";

export const config: Config = {
  readOnly: false,
  intervalMs: 3000,
  color: false,
  socketName: "/tmp/admin.sock",
};
export const SIZE = { columns: 80, rows: 25 };
/** The rows of the column header and of the body's first line (the same at every size). */
export const { header: { y: HEADER }, body: { y: BODY } } = screenLayout(SIZE);

/** A state showing `view`. */
export function start(view: ViewId = "status", cfg: Partial<Config> = {}, size = SIZE): State {
  return init({ ...config, ...cfg }, size, view, 0);
}

/** The line above the footer (messages, the filter prompt). */
export const messageLine = (s: State): string => screen(s)[screenLayout(s.size).message.y];
/** The visible body rows of the table (below the header, above the message line), trimmed. */
export const bodyRows = (s: State): string[] => {
  const { body } = screenLayout(s.size);
  return screen(s).slice(body.y, body.y + body.height).map((l) => l.trimEnd());
};

/** Every line of the stat body as `proxy`, `px/sv` or `` (blank). */
export function layout(s: State): string[] {
  return s.lines.map((l) =>
    l.kind === "proxy" ? `>>> ${l.name}` : l.kind === "row" ? `${l.row.pxname}/${l.row.svname}` : ""
  );
}
/** The selected row as `px/sv`, else the selected line's kind. */
export function selected(s: State): string | undefined {
  const line = selectedLine(s);
  return line?.kind === "row" ? `${line.row.pxname}/${line.row.svname}` : line?.kind;
}
/** The commands of each `send`. */
export function sent(c: Command[]): readonly string[][] {
  return c.flatMap((x) => (x.type === "send" ? [[...x.commands]] : []));
}
/** The fixture with one field of one row replaced. */
export function fixtureWith(px: string, sv: string, field: string, value: string): Snapshot {
  const lines = fixtureStatText.split("\n");
  const header = lines[0].replace(/^# /, "").split(",");
  const i = header.indexOf(field);
  const text = lines.map((l) => {
    if (!l.startsWith(`${px},${sv},`)) return l;
    const cells = l.split(",");
    cells[i] = value;
    return cells.join(",");
  }).join("\n");
  return buildSnapshot(parseInfo(fixtureInfoText), [parseStat(text)]);
}
/** A snapshot of servers with rates: rows `[px, sv, type, sid, rate, req_rate]` (iid 2 for all). */
export function rateSnapshot(
  rows: readonly (readonly [string, string, number, number, number, number])[],
): Snapshot {
  const csv = [
    "# pxname,svname,status,weight,iid,sid,type,rate,req_rate,",
    ...rows.map(([px, sv, t, sid, rate, req]) => `${px},${sv},UP,1,2,${sid},${t},${rate},${req},`),
  ].join("\n");
  return buildSnapshot(parseInfo("Name: HAProxy\nVersion: 2.6.12\nPid: 1\n"), [parseStat(csv + "\n")]);
}

/** STATUS on the 2.6 capture. */
export const fixture = (): State => run(start(), snap(fixtureSnapshot()))[0];
