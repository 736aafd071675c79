/**
 * The one list of views (core/registry.ts) and what follows from it. Each view added gets these checks
 * without a line of test of its own.
 *
 * @module
 */
import { assert, assertEquals } from "../../support/assert.ts";
import { key, run } from "../../support/app.ts";
import { HELP_LINES, init, VIEWS } from "../../../src/app/mod.ts";
import { enabledViews, nextView, viewName, viewNamed } from "../../../src/app/core/registry.ts";
import { footerTabs } from "../../../src/app/chrome/footer.ts";
import { MIN_COLUMNS } from "../../../src/app/model/layout.ts";
import type { Config } from "../../../src/app/model/state.ts";

const configs: Config[] = [false, true].map((readOnly) => ({
  readOnly,
  intervalMs: 1000,
  color: false,
  socketName: "/a.sock",
}));

Deno.test("registry: every view has its own id and keys", () => {
  const ids = VIEWS.map((v) => v.id);
  assertEquals(new Set(ids).size, ids.length, ids.join(" "));
  const keys = VIEWS.flatMap((v) => v.keys);
  assertEquals(new Set(keys).size, keys.length, keys.join(" "));
  assert(!keys.some((k) => ["q", "Q"].includes(k)), "q quits everywhere");
  assert(VIEWS.every((v) => v.keys.every((k) => [...k].length === 1)), "one character each");
  assert(VIEWS.every((v) => v.tab === undefined || v.keys.length > 0), "a view with a tab has a key");
});

Deno.test("registry: the tabs fit the narrowest screen whichever view is shown, read-only or not, beside a hint", () => {
  for (const config of configs) {
    for (const shown of enabledViews(VIEWS, config)) {
      const tabs = footerTabs(enabledViews(VIEWS, config), shown.id);
      const width = tabs.reduce((w, t) => w + t.text.length, 0);
      assert(
        width + 1 + "Q=QUIT".length + 1 <= MIN_COLUMNS,
        `${width} columns of tabs showing ${shown.id} (read-only: ${config.readOnly})`,
      );
      assertEquals(
        tabs.map((t) => t.text.trim()),
        enabledViews(VIEWS, config).filter((v) => v.tab && (v.permanentTab || v.id === shown.id))
          .map((v) => `${v.keys[0]}-${v.tab}`),
      );
      if (shown.tab) assert(tabs.some((t) => t.view === shown.id), `the tab of ${shown.id} is shown with it`);
    }
  }
});

Deno.test("registry: the help lists every view with a tab and its keys; the help's own keys too", () => {
  for (const view of VIEWS.filter((v) => v.tab)) {
    const line = `  ${`${view.keys[0]}  ${view.tab}`.padEnd(22)} ${view.help.summary}`;
    assert(HELP_LINES.includes(line), `no help line "${line}"`);
  }
  const help = VIEWS.find((v) => !v.tab)!;
  assert(HELP_LINES.some((l) => l.startsWith(`  ${help.keys.join(" ")} `)), help.keys.join(" "));
});

Deno.test("registry: TAB goes through every permanent tab the configuration allows, in tab order, round", () => {
  for (const config of configs) {
    const tabs = enabledViews(VIEWS, config).filter((v) => v.tab && v.permanentTab).map((v) => v.id);
    let s = init(config, { columns: 100, rows: 30 }, "help", 0);
    const seen: string[] = [];
    for (let i = 0; i <= tabs.length; i++) {
      [s] = run(s, key("tab"));
      seen.push(s.view);
    }
    assertEquals(seen, [...tabs, tabs[0]], `read-only: ${config.readOnly}`);
    assertEquals(nextView(VIEWS, s, -1).id, tabs.at(-1), "SHIFT-TAB from the first: the last");
    assert(config.readOnly === !tabs.includes("cli"), "the CLI only when not read-only");
  }
});

Deno.test("registry: every view has its own name (--view NAME, the palette), and a key to show it", () => {
  const names = VIEWS.map((v) => viewName(v));
  assertEquals(new Set(names).size, names.length, names.join(" "));
  for (const v of VIEWS) assertEquals(viewNamed(VIEWS, viewName(v))?.id, v.id);
  assertEquals(viewNamed(VIEWS, "errors")?.id, "captures", "errors: what HAProxy captured (show errors)");
  assertEquals(viewNamed(VIEWS, "4")?.id, "errors", "the stat mode ERRORS by its key");
});
