/**
 * The `:` palette (overlays/palette.ts, model/palette.ts): every view and the shown view's actions with their
 * keys, filtered as typed, the view named as typed first, ENTER pressing the chosen entry's key.
 *
 * @module
 */
import { assert, assertEquals, assertMatch } from "../../support/assert.ts";
import { ch, key, run, screen, typeText } from "../../support/app.ts";
import { init, VIEWS } from "../../../src/app/mod.ts";
import { helpKey, matchEntries, paletteEntries } from "../../../src/app/model/palette.ts";
import { viewName } from "../../../src/app/core/registry.ts";
import type { Config, State } from "../../../src/app/model/state.ts";
import { buildSnapshot } from "../../../src/stats/snapshot.ts";
import { parseInfo } from "../../../src/stats/info.ts";

const config: Config = { readOnly: false, intervalMs: 1000, color: false, socketName: "/a.sock" };
const started = (): State =>
  run(
    init(config, { columns: 120, rows: 30 }, "status", 0),
    {
      type: "snapshot",
      snapshot: buildSnapshot(parseInfo("Name: HAProxy\nVersion: 2.6.12\n"), []),
      seq: 0,
      now: 0,
    },
  )[0];

Deno.test("palette entries: a help line's first key, one key or a named one; views first, the help last", () => {
  assertEquals(helpKey("s / S"), { name: "char", text: "s" });
  assertEquals(helpKey("F10  Disable"), { name: "f10" });
  assertEquals(helpKey("ENTER"), { name: "enter" });
  assertEquals(helpKey("UP / DOWN"), undefined);
  assertEquals(helpKey("mouse"), undefined);
  const status = VIEWS.find((v) => v.id === "status")!;
  const entries = paletteEntries(VIEWS, status, config, viewName);
  assertEquals(
    entries.filter((e) => e.name).map((e) => e.name),
    VIEWS.filter((v) => v.id !== "help").map(viewName),
  );
  assertMatch(entries.at(-1)!.label, /^help/);
  const readOnly = paletteEntries(VIEWS, status, { ...config, readOnly: true }, viewName);
  assert(!readOnly.some((e) => e.name === "cli"), "not the CLI in read-only mode");
  assertEquals(matchEntries(entries, "errors")[0].name, "errors", "the view named so first, not stat-errors");
  assertEquals(matchEntries(entries, "CERT")[0].name, "certs");
  assertEquals(matchEntries(entries, "show  resolvers").map((e) => e.name), ["resolvers"]);
});

Deno.test("the palette lists views and actions, filters as typed, and ENTER shows the chosen view", () => {
  let [s] = run(started(), ch(":"));
  let lines = screen(s);
  assertMatch(lines[11], /Views and actions/);
  assert(lines.some((l) => /^ {2}9 +view certs: TLS certificates/.test(l)), lines.join("\n"));
  const open = s.overlays.at(-1);
  assert(
    open?.kind === "palette" && open.entries.some((e) => e.keys === "/" && /^filter by proxy/.test(e.label)),
    "the shown view's actions",
  );
  [s] = run(s, ...typeText("rings"));
  lines = screen(s);
  assertMatch(lines[13], /^ {2}V +view rings: HAProxy event rings/);
  assertMatch(lines[28], /^ :rings +1 of \d+/);
  let commands;
  [s, commands] = run(s, key("enter"));
  assertEquals(s.view, "rings");
  assertEquals(s.overlays, []);
  assert(commands.some((c) => c.type === "refresh"), "read at once");
  [s] = run(s, ch(":"), ...typeText("nothing like this"), key("enter"));
  assertEquals(s.view, "rings", "ENTER on no entry closes the palette");
  assertEquals(s.overlays, []);
  [s] = run(s, ch(":"), key("escape"));
  assertEquals([s.view, s.overlays], ["rings", []]);
});

Deno.test("the palette runs an action of the shown view: / opens the filter prompt", () => {
  const [s] = run(started(), ch(":"), ...typeText("filter by"), key("enter"));
  assertEquals(s.overlays.map((o) => o.kind), ["filter"]);
});
