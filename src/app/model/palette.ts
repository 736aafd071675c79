/**
 * The `:` command palette's entries: every view the configuration allows (by its key, name and summary) and
 * the actions of the view shown (the single keys its help lists: `/`, `s`, `i`, ENTER, the F-keys...), so
 * that everything the monitor can do is found by typing a part of its name. Choosing an entry presses its
 * key; nothing here sends anything itself.
 *
 * @module
 */
import type { Key, KeyName } from "../../tui/types.ts";
import type { Config, PaletteEntry } from "./state.ts";
import type { HelpSection, ViewDef } from "./view_def.ts";

/** Key names a help line may start with, and the key each is. */
const NAMED: Readonly<Record<string, KeyName>> = { ENTER: "enter", ESC: "escape", TAB: "tab" };

/** The key a help line's keys column starts with (`/`, `s / S` → `s`, `F1   UP` → F1), if one key. */
export function helpKey(keys: string): Key | undefined {
  const first = keys.trim().split(/\s+/)[0] ?? "";
  if (/^F(?:[1-9]|1[0-2])$/.test(first)) return { name: first.toLowerCase() as KeyName };
  if (NAMED[first]) return { name: NAMED[first] };
  if ([...first].length === 1 && first !== " ") return { name: "char", text: first };
  return undefined;
}

function actions(sections: readonly HelpSection[]): PaletteEntry[] {
  const out: PaletteEntry[] = [];
  for (const section of sections) {
    for (const line of section.lines) {
      if (typeof line === "string" || line[0].trim() === "") continue;
      const key = helpKey(line[0]);
      if (key) out.push({ keys: line[0].trim().split(/\s+/)[0], label: line[1], key });
    }
  }
  return out;
}

/**
 * The entries: each allowed view (ALT-key, so it works in the CLI too), with a tab or not, then the shown
 * view's actions; the help (id `help`) last. `name(view)` is a view's name for the operator (`--view NAME`).
 */
export function paletteEntries(
  views: readonly ViewDef[],
  shown: ViewDef,
  config: Config,
  name: (view: ViewDef) => string,
): PaletteEntry[] {
  const allowed = views.filter((v) => v.enabled?.(config) ?? true);
  const help = allowed.find((v) => v.id === "help");
  const viewEntries = allowed.filter((v) => v !== help).map((v): PaletteEntry => ({
    keys: v.keys[0] ?? "",
    label: `view ${name(v)}: ${v.help.summary}`,
    name: name(v),
    ...(v.keys[0] === undefined
      ? { view: v.id }
      : { key: { name: "char", text: v.keys[0], alt: true } as Key }),
  }));
  return [
    ...viewEntries,
    ...(shown.textInput ? [] : actions(shown.help.sections ?? [])),
    ...(help
      ? [{
        keys: help.keys[0],
        label: "help: every key and column",
        key: { name: "char", text: help.keys[0], alt: true } as Key,
      }]
      : []),
  ];
}

/**
 * The entries whose keys or label hold every word of `query` (any case): first the view named so, then the
 * views whose name starts so, then the others, each in the palette's order.
 */
export function matchEntries(entries: readonly PaletteEntry[], query: string): PaletteEntry[] {
  const q = query.trim().toLowerCase();
  const words = q.split(/\s+/).filter((w) => w !== "");
  const rank = (e: PaletteEntry) => (e.name === q ? 0 : q !== "" && e.name?.startsWith(q) ? 1 : 2);
  return entries.filter((e) => {
    const text = `${e.keys} ${e.label}`.toLowerCase();
    return words.every((w) => text.includes(w));
  }).map((e, i) => ({ e, i })).sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i).map(({ e }) => e);
}
