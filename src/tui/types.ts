/**
 * Shared vocabulary of the terminal layer: decoded keys and cell styles.
 *
 * @module
 */

/** Names of the keys the decoder produces. Printable text is `char` with `text` set. */
export type KeyName =
  | "char"
  | "ctrl" // Ctrl + letter: `text` is the lower-case letter ("c" for Ctrl-C); Ctrl-H is "backspace", Ctrl-I "tab", Ctrl-M "enter"
  | "enter"
  | "tab"
  | "backtab"
  | "escape"
  | "backspace"
  | "delete"
  | "insert"
  | "up"
  | "down"
  | "left"
  | "right"
  | "home"
  | "end"
  | "pageup"
  | "pagedown"
  | "f1"
  | "f2"
  | "f3"
  | "f4"
  | "f5"
  | "f6"
  | "f7"
  | "f8"
  | "f9"
  | "f10"
  | "f11"
  | "f12"
  | "mouse";

/** One decoded key press. `alt` is true for ESC-prefixed keys (ALT-x arrives as ESC x). */
export interface Key {
  readonly name: KeyName;
  /** The character for `char` (one code point) and the letter for `ctrl`. */
  readonly text?: string;
  readonly alt?: boolean;
  readonly shift?: boolean;
  /** For `mouse`: SGR mouse report. button 0 left, 64 wheel up, 65 wheel down; x/y 0-based cells. */
  readonly mouse?: {
    readonly button: number;
    readonly x: number;
    readonly y: number;
    readonly release: boolean;
  };
}

/** Cell style: attribute bits plus a foreground colour in bits 8-11 (0 = terminal default). */
export type Style = number;
export const BOLD = 1;
export const REVERSE = 2;
export const UNDERLINE = 4;
export const DIM = 8;
export const FG = {
  default: 0,
  red: 1,
  green: 2,
  yellow: 3,
  blue: 4,
  magenta: 5,
  cyan: 6,
  white: 7,
} as const;
/** A style with foreground colour `c` (one of FG) and attribute bits `attrs`. */
export function style(attrs: number, c: number = FG.default): Style {
  return attrs | (c << 8);
}
export function fgOf(s: Style): number {
  return (s >> 8) & 0xf;
}
