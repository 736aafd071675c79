/**
 * Snapshots for unit tests, parsed from the real HAProxy 2.6 captures or from small CSV texts.
 *
 * @module
 */
import { parseInfo } from "../../src/stats/info.ts";
import { parseStat } from "../../src/stats/csv.ts";
import { buildSnapshot } from "../../src/stats/snapshot.ts";
import type { Snapshot } from "../../src/stats/types.ts";

const FIXTURES = new URL("../../../shared/fixtures/haproxy-2.6/", import.meta.url);

export const fixtureInfoText = Deno.readTextFileSync(new URL("show-info.txt", FIXTURES));
export const fixtureStatText = Deno.readTextFileSync(new URL("show-stat.csv", FIXTURES));
export const fixtureUserStatText = Deno.readTextFileSync(new URL("show-stat-level-user.csv", FIXTURES));

/** The real 2.6 capture as a snapshot. */
export function fixtureSnapshot(): Snapshot {
  return buildSnapshot(parseInfo(fixtureInfoText), [parseStat(fixtureStatText)]);
}

const HEADER = "# pxname,svname,qcur,scur,status,weight,uweight,iid,sid,type,check_status,";

/** A snapshot from compact rows `[px, sv, status, weight, iid, sid, type]`, with Pid `pid`. */
export function smallSnapshot(
  rows: readonly (readonly [string, string, string, number | "", number, number, number])[],
  pid = 100,
): Snapshot {
  const csv = [
    HEADER,
    ...rows.map(([px, sv, status, w, iid, sid, type]) =>
      `${px},${sv},0,0,${status},${w},${w},${iid},${sid},${type},,`
    ),
  ].join("\n");
  return buildSnapshot(parseInfo(`Name: HAProxy\nVersion: 2.6.12\nPid: ${pid}\n`), [parseStat(csv + "\n")]);
}
