/**
 * The CLI input line: editing keys and input history, as pure functions.
 *
 * @module
 */
import type { Key } from "../../tui/types.ts";
import { stripControls } from "./text.ts";

/** Longest input line accepted (HAProxy reads up to its buffer size; this is far below). */
export const INPUT_LIMIT = 4096;
/** History entries kept. */
export const HISTORY_LIMIT = 100;

/** Text and cursor position (0..text.length, in code units of BMP text; astral characters count as 2). */
export interface LineEditor {
  readonly text: string;
  readonly cursor: number;
}

/** An empty input line. */
export const EMPTY_LINE: LineEditor = { text: "", cursor: 0 };

/** Inserts text at the cursor (respecting the input limit). */
export function insertText(ed: LineEditor, text: string): LineEditor {
  const clean = stripControls(text);
  if (!clean || ed.text.length + clean.length > INPUT_LIMIT) return ed;
  return {
    text: ed.text.slice(0, ed.cursor) + clean + ed.text.slice(ed.cursor),
    cursor: ed.cursor + clean.length,
  };
}

function wordStart(text: string, from: number): number {
  let i = from;
  while (i > 0 && text[i - 1] === " ") i--;
  while (i > 0 && text[i - 1] !== " ") i--;
  return i;
}

/** Applies an editing key; returns undefined when the key is not an editing key. */
export function editLine(ed: LineEditor, key: Key): LineEditor | undefined {
  const { text, cursor } = ed;
  if (key.name === "char" && !key.alt && key.text) return insertText(ed, key.text);
  switch (key.name) {
    case "left":
      return { text, cursor: Math.max(0, cursor - 1) };
    case "right":
      return { text, cursor: Math.min(text.length, cursor + 1) };
    case "home":
      return { text, cursor: 0 };
    case "end":
      return { text, cursor: text.length };
    case "backspace":
      if (cursor === 0) return ed;
      return { text: text.slice(0, cursor - 1) + text.slice(cursor), cursor: cursor - 1 };
    case "delete":
      return { text: text.slice(0, cursor) + text.slice(cursor + 1), cursor };
    case "ctrl":
      switch (key.text) {
        case "a":
          return { text, cursor: 0 };
        case "e":
          return { text, cursor: text.length };
        case "u":
          return { text: text.slice(cursor), cursor: 0 };
        case "k":
          return { text: text.slice(0, cursor), cursor };
        case "w": {
          const start = wordStart(text, cursor);
          return { text: text.slice(0, start) + text.slice(cursor), cursor: start };
        }
        case "d":
          return { text: text.slice(0, cursor) + text.slice(cursor + 1), cursor };
      }
  }
  return undefined;
}

/** Input history: oldest first; `index` is set while browsing; `draft` keeps the unsent line. */
export interface History {
  readonly entries: readonly string[];
  readonly index?: number;
  readonly draft: string;
}

/** No history yet. */
export const EMPTY_HISTORY: History = { entries: [], draft: "" };

/** Records an executed line (no consecutive duplicates), ends browsing. */
export function remember(h: History, line: string): History {
  const entries = h.entries.at(-1) === line ? h.entries : [...h.entries, line].slice(-HISTORY_LIMIT);
  return { entries, draft: "" };
}

/** UP: an older entry. The first UP keeps the current text as the draft. Not cyclic. */
export function historyBack(h: History, current: string): { history: History; text: string } | undefined {
  if (h.entries.length === 0) return undefined;
  if (h.index === undefined) {
    const index = h.entries.length - 1;
    return { history: { ...h, index, draft: current }, text: h.entries[index] };
  }
  if (h.index === 0) return undefined;
  const index = h.index - 1;
  return { history: { ...h, index }, text: h.entries[index] };
}

/** DOWN: a newer entry, then back to the draft. */
export function historyForward(h: History): { history: History; text: string } | undefined {
  if (h.index === undefined) return undefined;
  if (h.index < h.entries.length - 1) {
    const index = h.index + 1;
    return { history: { ...h, index }, text: h.entries[index] };
  }
  return { history: { entries: h.entries, draft: "" }, text: h.draft };
}
