/**
 * Read-only mode (-n) and actions that cannot be sent: the title bar says READ-ONLY in every view for the
 * whole session; keys that would send something send nothing and say why; the hotkey menu and the actions
 * menu grey what cannot act now and say why (read-only, the socket's level, a weight at its bound) before
 * the operator tries it.
 *
 * @module
 */
import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { ch, cursorOn, key, opened, run, screen, snap, typeText } from "../support/app.ts";
import { init, view } from "../../src/app/mod.ts";
import type { Config, Event, State } from "../../src/app/model/state.ts";
import { HOTKEYS } from "../../src/app/domain/hotkeys.ts";
import { enabledViews, VIEWS } from "../../src/app/core/registry.ts";
import { DIM } from "../../src/tui/types.ts";
import { screenLayout } from "../../src/app/model/layout.ts";
import { fixtureSnapshot } from "../support/snapshots.ts";
import { fixtureWith, messageLine } from "./_stat_views.ts";

const config: Config = { readOnly: true, intervalMs: 1000, color: false, socketName: "/a.sock" };
const level = (l: "user" | "operator" | "admin"): Event => ({ type: "level", level: l, now: 1 });

function started(cfg: Partial<Config> = {}, snapshot = fixtureSnapshot()): State {
  return run(init({ ...config, ...cfg }, { columns: 100, rows: 30 }, "status", 0), snap(snapshot))[0];
}

/** The hotkey menu's entries in the footer, each with whether it is drawn greyed. */
function menuEntries(s: State): Map<string, boolean> {
  const { buffer } = view(s);
  const y = screenLayout(s.size).footer.y;
  const text = buffer.text(y);
  const out = new Map<string, boolean>();
  for (const h of HOTKEYS) {
    const x = text.indexOf(` ${h.key.toUpperCase()}=`) + 1;
    assert(x > 0, `${h.key} in ${text}`);
    out.set(h.key, (buffer.styleAt(x, y) & DIM) !== 0);
  }
  return out;
}

Deno.test("-n: READ-ONLY in the title bar of every view; not without -n", () => {
  let s = started();
  const shown = enabledViews(VIEWS, s.config);
  assert(!shown.some((v) => v.id === "cli"), "no CLI in -n");
  // Each view by its key; a view without one (the ACLs: `t` in the maps view) by the palette.
  for (const v of shown) {
    [s] = v.keys[0] ? run(s, ch(v.keys[0])) : run(s, ch(":"), ...typeText(v.name ?? v.id), key("enter"));
    assertEquals(s.view, v.id);
    assertMatch(screen(s)[0], /^ hatop version \S+ +READ-ONLY /, v.id);
  }
  assert(!screen(started({ readOnly: false }))[0].includes("READ-ONLY"));
  const [down] = run(s, { type: "refreshFailed", error: "connection refused", now: 1 });
  assertMatch(screen(down)[0], /READ-ONLY .*DISCONNECTED/, "both marks fit");
});

Deno.test("-n: F-keys and SPACE on a server row send nothing and say read-only", () => {
  const s = cursorOn(started(), "web", "web1");
  for (const k of [...HOTKEYS.map((h) => key(h.key)), ch(" ")]) {
    const [after, c] = run(s, k);
    assertEquals(c, [], JSON.stringify(k));
    assertEquals(after.message?.text, "read-only mode: no actions, no CLI (-n)", JSON.stringify(k));
    assertEquals([after.view, opened(after).menu, opened(after).dialog], ["status", false, undefined]);
  }
});

Deno.test("-n: ENTER opens the hotkey menu with every F-key greyed and the reason; F1 there sends nothing", () => {
  let [s, c] = run(cursorOn(started(), "web", "web1"), key("enter"));
  assertEquals(c, []);
  assert(opened(s).menu);
  assert([...menuEntries(s).values()].every((grey) => grey), "every entry greyed");
  assertEquals(messageLine(s).trim(), "F1-F11 unavailable: read-only mode (-n)");
  [s, c] = run(s, key("f1"));
  assertEquals(c, []);
  assertMatch(messageLine(s), /read-only mode: no actions/);
});

Deno.test("level user: the hotkey menu greys every F-key and names the level; admin: none; disconnected: all", () => {
  let s = cursorOn(run(started({ readOnly: false }), level("user"))[0], "web", "web1");
  [s] = run(s, key("enter"));
  assert([...menuEntries(s).values()].every((grey) => grey));
  assertEquals(
    messageLine(s).trim(),
    "F1-F11 unavailable: this socket's level is user; server actions need level admin",
  );
  const [, c] = run(s, key("f10"));
  assertEquals(c, [], "nothing sent");
  let admin = cursorOn(run(started({ readOnly: false }), level("admin"))[0], "web", "web1");
  [admin] = run(admin, key("enter"));
  assert([...menuEntries(admin).values()].every((grey) => !grey), "nothing greyed at level admin");
  assertMatch(messageLine(admin), /web\/web1/, "the line names the selected row as before");
  let down = cursorOn(started({ readOnly: false }), "web", "web1");
  [down] = run(down, key("enter"), { type: "refreshFailed", error: "connection refused", now: 1 });
  assert(opened(down).menu);
  assert([...menuEntries(down).values()].every((grey) => grey), "disconnected: every entry greyed");
  const [, sent] = run(down, key("f10"));
  assertEquals(sent, [], "nothing sent while disconnected");
});

Deno.test("the hotkey menu greys the weight keys a weight at its bound refuses, and says why", () => {
  const zero = fixtureWith("web", "web1", "uweight", "0");
  let s = cursorOn(started({ readOnly: false }, zero), "web", "web1");
  [s] = run(s, key("enter"));
  const grey = [...menuEntries(s)].filter(([, g]) => g).map(([k]) => k);
  assertEquals(grey, ["f5", "f6"]);
  assertEquals(messageLine(s).trim(), "unavailable: F5 F6 (the weight of web/web1 is already 0)");
});

Deno.test("the actions menu greys its entries in -n and at level user, says why, and sends nothing", () => {
  const cases: [State, string][] = [
    [started(), "read-only mode (-n)"],
    [run(started({ readOnly: false }), level("user"))[0], "this socket's level is user"],
  ];
  for (const [base, why] of cases) {
    const [s] = run(cursorOn(base, "web", "web2"), ch("a"));
    assertEquals(opened(s).dialog?.kind, "actions", why);
    const lines = screen(s);
    const y = lines.findIndex((l) => l.includes(`! ${why}`));
    assert(y > 0, lines.join("\n"));
    const entry = lines.findIndex((l) => l.includes("m  maint: out of service"));
    const x = lines[entry].indexOf("m  maint");
    assert((view(s).buffer.styleAt(x, entry) & DIM) !== 0, "entries greyed");
    const [after, c] = run(s, ch("m"));
    assertEquals(c, [], why);
    assertEquals(opened(after).dialog, undefined);
  }
});
