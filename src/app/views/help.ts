/**
 * The online help: the reference for every key, built from the same data the program uses (the views'
 * own help, the hotkeys, the columns), so it cannot drift from what the keys do. Its lines also go into the
 * man page.
 *
 * @module
 */
import type { Key } from "../../tui/types.ts";
import type { ScreenBuffer } from "../../tui/buffer.ts";
import { BOLD, REVERSE } from "../../tui/types.ts";
import { PROGRAM, VERSION } from "../../version.ts";
import { scrollText } from "../widgets/scroll.ts";
import { screenLayout } from "../model/layout.ts";
import type { State } from "../model/state.ts";
import {
  type HelpLine,
  type HelpSection,
  type ViewDef,
  viewState,
  withViewState,
} from "../model/view_def.ts";

/** A key row: the keys in a column of their own, then what they do. */
const row = (keys: string, text: string) => `  ${keys.padEnd(22)} ${text}`;

function lineText(line: HelpLine): string {
  return typeof line === "string" ? line : row(line[0], line[1]);
}

/** What the header shows (the same for every view). */
const HEADER: HelpSection = {
  title: "Header",
  lines: [
    ["Node / uptime", "HAProxy's node name and uptime"],
    ["Threads / Idle", "HAProxy's threads and idle percentage"],
    ["Pipes / Connections", "used and maximum pipes and connections"],
    ["Procs", "processes (always 1 since HAProxy 2.5)"],
    ["Tasks / Queue", "tasks and run queue"],
    ["Proxies / Services", "proxies and rows (frontends, backends, servers) shown"],
    ["several sockets", "Nodes lists every instance (? after one not answering); the figures"],
    ["", "are sums over the instances answering, Idle the lowest (min)"],
  ],
};

/** The keys that work in every view; `tabs` are the views with a tab, `keys` the help's own keys. */
function everywhere(tabs: readonly ViewDef[], keys: readonly string[]): HelpSection {
  const digits = tabs.flatMap((v) => v.keys[0] ?? []).filter((k) => /^\d$/.test(k)).sort();
  const letters = tabs.flatMap((v) => v.keys[0] ?? []).filter((k) => !/^\d$/.test(k));
  const numbers = `${digits[0]}-${digits.at(-1)}`;
  return {
    title: "Keys everywhere",
    lines: [
      [keys.join(" "), "this help (UP/DOWN/PGUP/PGDOWN/HOME/END scroll it)"],
      ["q Q / Ctrl-C", "quit (in the CLI: Ctrl-C or ALT-q)"],
      ["TAB / SHIFT-TAB", "next / previous mode"],
      [`${numbers} / ALT-n / ESC n`, "switch to mode n (in the CLI only ALT-n / ESC n)"],
      ...(letters.length
        ? [[letters.join(" "), "the other views by their letter (as ALT-x in the CLI)"] as const]
        : []),
      [":", "the palette: every view and action by name; type to filter, ENTER runs"],
      ["ESC", "modes 1-4: close what is open (dialog, filter, detail, menu, message),"],
      ["", "then clear the filter; else (and in help, CLI) back to the previous mode"],
      ["ESC ESC", "back to the previous mode at once"],
    ],
  };
}

/** The help's lines for the views with a tab (`tabs`, in order) and the help's own keys. */
export function helpLines(tabs: readonly ViewDef[], keys: readonly string[]): string[] {
  const section = (s: HelpSection) => ["", s.title, "", ...s.lines.map(lineText)];
  // Views that share a section or a reference (the four stat views) share the objects: each is said once.
  const sections = [...new Set(tabs.flatMap((v) => v.help.sections ?? []))];
  const references = [...new Set(tabs.map((v) => v.help.reference).filter((r) => r !== undefined))];
  return [
    `${PROGRAM} ${VERSION}: an interactive monitor and control client for HAProxy's stats socket`,
    "=".repeat(76),
    "",
    "Display modes",
    "",
    ...tabs.map((v) =>
      row(`${v.keys[0] ?? " "}  ${v.tab ?? (v.name ?? v.id).toUpperCase()}`, v.help.summary)
    ),
    ...section(everywhere(tabs, keys)),
    ...sections.flatMap(section),
    ...section(HEADER),
    ...references.flat().map(lineText),
  ];
}

/** The help view over the views with a tab; `lines` are its text. */
export function helpView(tabs: readonly ViewDef[]): ViewDef<number> & { readonly lines: readonly string[] } {
  const keys = ["H", "h", "?"];
  const lines = helpLines(tabs, keys);
  const view: ViewDef<number> & { readonly lines: readonly string[] } = {
    id: "help",
    keys,
    help: { summary: "this help" },
    initial: 0,
    lines,
    onKey(s: State, k: Key) {
      const at = scrollText(k, viewState(s, view), lines.length, screenLayout(s.size).body.height);
      return [at === undefined ? s : withViewState(s, view, at), []];
    },
    draw(buf: ScreenBuffer, s: State) {
      const { header, body } = screenLayout(s.size);
      const top = viewState(s, view);
      buf.line(header.y, ` ${PROGRAM} online help`, REVERSE | BOLD);
      for (let i = 0; i < body.height; i++) {
        const line = lines[top + i];
        if (line === undefined) break;
        buf.put(1, body.y + i, line);
      }
      return undefined;
    },
    hints: () => ({ tail: ["UP/DOWN=SCROLL", "Q=QUIT"], extra: [] }),
  };
  return view;
}
