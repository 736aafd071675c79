import { assertEquals } from "../support/assert.ts";
import { ch, cursorOn, key, opened, run, snap } from "../support/app.ts";
import { init } from "../../src/app/mod.ts";
import type { Config } from "../../src/app/model/state.ts";
import { HOTKEYS } from "../../src/app/domain/hotkeys.ts";
import { fixtureSnapshot } from "../support/snapshots.ts";

const config: Config = { readOnly: true, intervalMs: 1000, color: false, socketName: "/a.sock" };

Deno.test("-n: F-keys, ENTER and SPACE on a server row send nothing and say read-only", () => {
  const [s0] = run(init(config, { columns: 100, rows: 30 }, "status", 0), snap(fixtureSnapshot()));
  const s = cursorOn(s0, "web", "web1");
  for (const k of [...HOTKEYS.map((h) => key(h.key)), key("enter"), ch(" ")]) {
    const [after, c] = run(s, k);
    assertEquals(c, [], JSON.stringify(k));
    assertEquals(after.message?.text, "read-only mode: no actions, no CLI (-n)", JSON.stringify(k));
    assertEquals([after.view, opened(after).menu, opened(after).dialog], ["status", false, undefined]);
  }
});
