/** The series blocks of --count and the events table of --events, as printed. */
import { assertEquals } from "../support/assert.ts";
import { seriesBlock } from "../../src/cli/record_batch.ts";
import { eventsJson, eventsText } from "../../src/cli/replay_batch.ts";
import { smallSnapshot } from "../support/snapshots.ts";
import type { StateEvent } from "../../src/record/mod.ts";

const T = Date.UTC(2026, 11, 3, 6, 40, 0);
const one = [{ name: "/s", address: "/s", snapshot: smallSnapshot([["web", "w1", "UP", 1, 3, 1, 2]]) }];

Deno.test("--count text: a time line per snapshot, an empty line between them, as top -b", () => {
  const first = seriesBlock(T, one, { format: "text", mode: 1, header: true }, true);
  const second = seriesBlock(T + 1000, one, { format: "text", mode: 1, header: true }, false);
  assertEquals(first.split("\n")[0], "hatop - 2026-12-03T06:40:00.000Z");
  assertEquals(second.split("\n").slice(0, 2), ["", "hatop - 2026-12-03T06:40:01.000Z"]);
  assertEquals(first.split("\n").slice(1).join("\n"), second.split("\n").slice(2).join("\n"));
  assertEquals(first.split("\n")[1].trim().split(":")[0], "HAProxy Version", "each block has the header");
  const bare = seriesBlock(T, one, { format: "text", mode: 1, header: false }, true);
  assertEquals(bare.split("\n")[1].split(/ +/)[0], "NAME", "--no-header: the table at once");
});

Deno.test("--count json: one object per line, its time first", () => {
  const line = seriesBlock(T, one, { format: "json", mode: 1, header: true }, true);
  assertEquals(line.indexOf("\n"), line.length - 1);
  const parsed = JSON.parse(line);
  assertEquals(Object.keys(parsed), ["time", "info", "stats", "warnings"]);
  assertEquals([parsed.time, parsed.stats[0].svname], ["2026-12-03T06:40:00.000Z", "w1"]);
});

Deno.test("--events: a table with aligned columns, or one JSON object per line", () => {
  const events: StateEvent[] = [
    {
      time: T,
      instance: "lb1",
      proxy: "web",
      service: "w1",
      kind: "admin",
      field: "status",
      before: "UP",
      after: "MAINT",
    },
    {
      time: T + 1000,
      instance: "lb1",
      proxy: "",
      service: "",
      kind: "unreachable",
      field: "connection",
      before: "",
      after: "refused",
    },
  ];
  assertEquals(eventsText(events).split("\n"), [
    "TIME                      INSTANCE  SERVICE  KIND         FIELD       CHANGE",
    "2026-12-03T06:40:00.000Z  lb1       web/w1   admin        status      UP -> MAINT",
    "2026-12-03T06:40:01.000Z  lb1       -        unreachable  connection  - -> refused",
    "",
  ]);
  assertEquals(eventsJson(events).split("\n").filter((l) => l).map((l) => JSON.parse(l).time), [
    "2026-12-03T06:40:00.000Z",
    "2026-12-03T06:40:01.000Z",
  ]);
  assertEquals(eventsText([]), "TIME  INSTANCE  SERVICE  KIND  FIELD  CHANGE\n");
});
