import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { ch, key, run, screen, snap } from "../support/app.ts";
import { init } from "../../src/app/mod.ts";
import type { Config } from "../../src/app/model/state.ts";
import { fixtureSnapshot } from "../support/snapshots.ts";

const config: Config = { readOnly: false, intervalMs: 1000, color: false, socketName: "/a.sock" };

Deno.test("filter prompt: emptied with Ctrl-U it says every row is shown, not '0 matching'", () => {
  let [s] = run(init(config, { columns: 100, rows: 30 }, "status", 0), snap(fixtureSnapshot()));
  const all = s.lines.length;
  [s] = run(s, ch("/"));
  assertMatch(screen(s)[28], /^ Filter: +no filter: every row shown/);
  [s] = run(s, ch("w"), ch("e"), ch("b"));
  assertMatch(screen(s)[28], /^ Filter: web +\d+ matching/);
  [s] = run(s, key("ctrl", "u"));
  const line = screen(s)[28];
  assert(!line.includes("0 matching"), line);
  assertMatch(line, /^ Filter: +no filter: every row shown/);
  assertEquals(s.lines.length, all, "every row is shown");
});
