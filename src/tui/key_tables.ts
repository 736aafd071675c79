/**
 * What the bytes of a key mean, as tables: the names of the keys of `ESC [ <n> ~` and of a final letter
 * (`ESC [ A`, `ESC O P`), the Linux console's function keys, the keypad in application mode, and the
 * control bytes. keys.ts reads the sequences; this module says which key each is.
 *
 * @module
 */
import type { Key, KeyName } from "./types.ts";

/** Builds a key with only the fields that are set (so results compare cleanly with deepEqual). */
export function makeKey(
  name: KeyName,
  extra: { text?: string; alt?: boolean; shift?: boolean } = {},
): Key {
  const k: { -readonly [P in keyof Key]: Key[P] } = { name };
  if (extra.text !== undefined) k.text = extra.text;
  if (extra.alt) k.alt = true;
  if (extra.shift) k.shift = true;
  return k;
}

/** Keys from `ESC [ <n> ~` (xterm, vt220, Linux console, rxvt). */
export const TILDE_KEYS: Readonly<Record<number, KeyName>> = {
  1: "home",
  2: "insert",
  3: "delete",
  4: "end",
  5: "pageup",
  6: "pagedown",
  7: "home",
  8: "end",
  11: "f1",
  12: "f2",
  13: "f3",
  14: "f4",
  15: "f5",
  17: "f6",
  18: "f7",
  19: "f8",
  20: "f9",
  21: "f10",
  23: "f11",
  24: "f12",
};

/** Keys from a final letter: `ESC [ A`, `ESC O A`, `ESC [ 1 ; 5 A`, `ESC O P`, `ESC [ 1 ; 2 P`. */
export const LETTER_KEYS: Readonly<Record<string, KeyName>> = {
  A: "up",
  B: "down",
  C: "right",
  D: "left",
  H: "home",
  F: "end",
  P: "f1",
  Q: "f2",
  R: "f3",
  S: "f4",
};

/** Linux console function keys: `ESC [ [ A` .. `ESC [ [ E`. */
export const LINUX_F_KEYS: Readonly<Record<string, KeyName>> = {
  A: "f1",
  B: "f2",
  C: "f3",
  D: "f4",
  E: "f5",
};

/** Keypad keys in application mode (`ESC O p` is 0 ...), reported as the characters they show. */
export const KEYPAD_CHARS: Readonly<Record<string, string>> = {
  j: "*",
  k: "+",
  l: ",",
  m: "-",
  n: ".",
  o: "/",
  p: "0",
  q: "1",
  r: "2",
  s: "3",
  t: "4",
  u: "5",
  v: "6",
  w: "7",
  x: "8",
  y: "9",
  X: "=",
};

/** Decodes one control byte (< 0x20 or 0x7f, not ESC). */
export function controlKey(b: number, alt: boolean): Key {
  switch (b) {
    case 8:
    case 0x7f:
      return makeKey("backspace", { alt });
    case 9:
      return makeKey("tab", { alt });
    case 10:
    case 13:
      return makeKey("enter", { alt });
    case 0:
      return makeKey("ctrl", { text: " ", alt });
    default:
      if (b >= 1 && b <= 26) return makeKey("ctrl", { text: String.fromCharCode(b + 0x60), alt });
      // 28..31: Ctrl-\ Ctrl-] Ctrl-^ Ctrl-_
      return makeKey("ctrl", { text: String.fromCharCode(b + 0x40), alt });
  }
}
