/**
 * Hotkeys F1-F11 on the selected server: the exact commands they send (HATOP.md §6.4, with F3 fixed to drain
 * every backend's server of that name, and weights taken from `uweight` where HAProxy has it).
 *
 * @module
 */
import type { StatRow } from "../../stats/types.ts";
import { isServerRow, rowKey } from "./body_lines.ts";

/** The largest weight HAProxy takes. */
export const MAX_WEIGHT = 256;

/** The F-keys and their footer labels, long and short (for narrow terminals). */
export const HOTKEYS = [
  {
    key: "f1",
    label: "ENABLE",
    short: "ENA",
    help: "enable the server on every backend that has one of that name",
  },
  {
    key: "f2",
    label: "DISABLE",
    short: "DIS",
    help: "disable the server on every backend that has one of that name",
  },
  {
    key: "f3",
    label: "DRAIN",
    short: "DRN",
    help: "drain the server on every backend that has one of that name",
  },
  { key: "f4", label: "W-RESET", short: "W=", help: "restore the initial weight (set weight px/sv 100%)" },
  { key: "f5", label: "W-10", short: "-10", help: "weight -10 (not below 0)" },
  { key: "f6", label: "W-1", short: "-1", help: "weight -1 (not below 0)" },
  { key: "f7", label: "W+1", short: "+1", help: "weight +1 (not above 256)" },
  { key: "f8", label: "W+10", short: "+10", help: "weight +10 (not above 256)" },
  { key: "f9", label: "ENABLE (HERE)", short: "ENA.", help: "enable the server on this backend only" },
  { key: "f10", label: "DISABLE (HERE)", short: "DIS.", help: "disable the server on this backend only" },
  { key: "f11", label: "DRAIN (HERE)", short: "DRN.", help: "drain the server on this backend only" },
] as const;

/** An F-key of the hotkeys: `f1` to `f11`. */
export type HotkeyName = (typeof HOTKEYS)[number]["key"];

/** Whether a key's name is one of the hotkeys. */
export function isHotkey(name: string): name is HotkeyName {
  return HOTKEYS.some((h) => h.key === name);
}

/** F4-F8: the keys that change a server's weight (F5-F8 relative to the weight shown). */
export function isWeightKey(name: HotkeyName): boolean {
  return name === "f4" || name === "f5" || name === "f6" || name === "f7" || name === "f8";
}

/** What a hotkey does on a row: commands to send and the rows they touch, or why nothing is sent. */
export type HotkeyPlan =
  | { readonly commands: readonly string[]; readonly rowKeys: readonly string[] }
  | { readonly refused: string };

function target(row: StatRow): string {
  return `${row.pxname}/${row.svname}`;
}

/** The weight the operator set (uweight on 2.3+, else the effective weight). */
export function userWeight(row: StatRow): number | undefined {
  for (const field of ["uweight", "weight"]) {
    const text = row.get(field);
    if (text !== undefined && /^\d+$/.test(text)) return Number(text);
  }
  return undefined;
}

function everyBackend(row: StatRow, all: readonly StatRow[], verb: (t: string) => string): HotkeyPlan {
  const rows = all.filter((r) => isServerRow(r) && r.svname === row.svname && r.instance === row.instance);
  const unique = [...new Map(rows.map((r) => [target(r), r])).values()];
  return { commands: unique.map((r) => verb(target(r))), rowKeys: unique.map(rowKey) };
}

/**
 * Plans hotkey `key` on the selected `row`; `all` is every row HAProxy reported (not only those a filter
 * shows), where F1-F3 look for the other backends with a server of that name on the same instance.
 */
export function planHotkey(key: HotkeyName, row: StatRow, all: readonly StatRow[]): HotkeyPlan {
  if (!isServerRow(row)) return { refused: "hotkeys act on server rows only" };
  const t = target(row);
  const one = (command: string): HotkeyPlan => ({ commands: [command], rowKeys: [rowKey(row)] });
  const weight = (delta: number): HotkeyPlan => {
    const w = userWeight(row);
    if (w === undefined) return { refused: `the weight of ${t} is unknown` };
    const next = Math.max(0, Math.min(MAX_WEIGHT, w + delta));
    if (next === w) return { refused: `the weight of ${t} is already ${w}` };
    return one(`set weight ${t} ${next}`);
  };
  switch (key) {
    case "f1":
      return everyBackend(row, all, (x) => `enable server ${x}`);
    case "f2":
      return everyBackend(row, all, (x) => `disable server ${x}`);
    case "f3":
      return everyBackend(row, all, (x) => `set server ${x} state drain`);
    case "f4":
      return one(`set weight ${t} 100%`);
    case "f5":
      return weight(-10);
    case "f6":
      return weight(-1);
    case "f7":
      return weight(1);
    case "f8":
      return weight(10);
    case "f9":
      return one(`enable server ${t}`);
    case "f10":
      return one(`disable server ${t}`);
    case "f11":
      return one(`set server ${t} state drain`);
  }
}
