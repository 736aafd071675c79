/**
 * Decoding raw terminal input bytes into {@linkcode Key} events.
 *
 * The decoder understands the sequences sent by xterm-compatible terminals (including tmux and screen), the
 * vt100 and Linux console variants and rxvt, SGR mouse reports, ALT-prefixed keys and UTF-8 text. It is pure
 * apart from its own buffer of pending bytes, so it can be tested byte by byte.
 *
 * Choices worth knowing:
 * - `ESC ESC` yields one `escape` key with `alt` (hatop's ESC-ESC), unless a sequence follows the second ESC:
 *   `ESC ESC [ A` is `escape` then `up`.
 * - `ESC x` (ALT-x) yields key `x` with `alt: true`; this covers printable text, Enter, Backspace, Tab and
 *   Ctrl-letters.
 * - Unknown or malformed sequences and invalid UTF-8 are dropped silently; no part of an escape sequence is
 *   ever emitted as text.
 *
 * @example
 * ```ts
 * import { KeyDecoder } from "./keys.ts";
 * const decoder = new KeyDecoder();
 * decoder.feed(new TextEncoder().encode("\x1b[21~")); // [{ name: "f10" }]
 * ```
 *
 * @module
 */
import type { Key, KeyName } from "./types.ts";
import { controlKey, KEYPAD_CHARS, LETTER_KEYS, LINUX_F_KEYS, makeKey, TILDE_KEYS } from "./key_tables.ts";

const ESC = 0x1b;
/** Longest escape sequence kept pending; anything longer without a final byte is garbage. */
const MAX_SEQUENCE = 64;

/** Outcome of trying to parse at the start of the buffer. */
type Step =
  | { readonly kind: "key"; readonly length: number; readonly key: Key }
  | { readonly kind: "skip"; readonly length: number }
  | { readonly kind: "overlong"; readonly length: number }
  | { readonly kind: "wait" };

const WAIT: Step = { kind: "wait" };

function key(length: number, k: Key): Step {
  return { kind: "key", length, key: k };
}

function skip(length: number): Step {
  return { kind: "skip", length };
}

/** Drops `length` bytes of a sequence that grew too long, and the rest of it as it arrives. */
function overlong(length: number): Step {
  return { kind: "overlong", length };
}

/** Number of bytes of a UTF-8 sequence from its lead byte, 0 if it cannot start one. */
function utf8Length(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Parses one UTF-8 encoded code point at `at`. */
function parseUtf8(buf: Uint8Array, at: number, alt: boolean, prefix: number): Step {
  const lead = buf[at];
  const n = utf8Length(lead);
  if (n === 0) return skip(prefix + 1);
  let cp = lead & (n === 2 ? 0x1f : n === 3 ? 0x0f : 0x07);
  for (let i = 1; i < n; i++) {
    if (at + i >= buf.length) return WAIT;
    const b = buf[at + i];
    if ((b & 0xc0) !== 0x80) return skip(prefix + i); // broken sequence: drop what we have, reparse b
    cp = (cp << 6) | (b & 0x3f);
  }
  const overlong = (n === 3 && cp < 0x800) || (n === 4 && cp < 0x10000);
  if (overlong || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return skip(prefix + n);
  return key(prefix + n, makeKey("char", { text: String.fromCodePoint(cp), alt }));
}

/** Applies an xterm modifier parameter (1 + bits: 1 shift, 2 alt, 4 ctrl) to a key name. */
function modified(name: KeyName, modifier: number | undefined, alt: boolean): Key {
  const bits = modifier !== undefined && modifier > 1 ? modifier - 1 : 0;
  return makeKey(name, { alt: alt || (bits & 2) !== 0, shift: (bits & 1) !== 0 });
}

/** Splits the parameter bytes of a CSI sequence into numbers (missing ones are undefined). */
function params(text: string): (number | undefined)[] {
  if (text === "") return [];
  return text.split(";").map((p) => (/^\d+$/.test(p) ? Number(p) : undefined));
}

/** Parses an SGR mouse report `ESC [ < b ; x ; y M|m` whose body starts at `at` (after `<`). */
function parseSgrMouse(buf: Uint8Array, at: number, prefix: number, alt: boolean): Step {
  let body = "";
  for (let i = at; i < buf.length; i++) {
    const b = buf[i];
    if (b === 0x4d || b === 0x6d) {
      const m = /^(\d+);(\d+);(\d+)$/.exec(body);
      const length = i + 1 - at + prefix;
      if (!m) return skip(length);
      const raw = Number(m[1]);
      const x = Number(m[2]) - 1;
      const y = Number(m[3]) - 1;
      if (x < 0 || y < 0) return skip(length);
      const k: Key = {
        name: "mouse",
        ...((raw & 8) !== 0 || alt ? { alt: true } : {}),
        ...((raw & 4) !== 0 ? { shift: true } : {}),
        mouse: { button: raw & ~(4 | 8 | 16), x, y, release: b === 0x6d },
      };
      return key(length, k);
    }
    if ((b >= 0x30 && b <= 0x39) || b === 0x3b) {
      body += String.fromCharCode(b);
      if (body.length > MAX_SEQUENCE) return overlong(i + 1 - at + prefix);
      continue;
    }
    return skip(i - at + prefix); // invalid byte: drop the report so far, reparse this byte
  }
  return WAIT;
}

/** Parses `ESC [ ...` (CSI) starting at `at` (the `[`); `start` is where the ESC is. */
function parseCsi(buf: Uint8Array, start: number, alt: boolean): Step {
  const at = start + 2; // first byte after "ESC ["
  const prefix = at - start;
  if (at >= buf.length) return WAIT;
  const first = buf[at];
  if (first === 0x5b) { // Linux console: ESC [ [ A..E
    if (at + 1 >= buf.length) return WAIT;
    const name = LINUX_F_KEYS[String.fromCharCode(buf[at + 1])];
    return name ? key(prefix + 2, makeKey(name, { alt })) : skip(prefix + 2);
  }
  if (first === 0x3c) return parseSgrMouse(buf, at + 1, prefix + 1, alt);
  if (first === 0x4d) { // legacy X10 mouse: ESC [ M b x y (raw bytes, offset by 32)
    if (at + 3 >= buf.length) return WAIT;
    const raw = buf[at + 1] - 32;
    const x = buf[at + 2] - 33;
    const y = buf[at + 3] - 33;
    if (raw < 0 || x < 0 || y < 0) return skip(prefix + 4);
    const button = (raw & 3) === 3 ? 0 : raw & ~(4 | 8 | 16);
    return key(prefix + 4, {
      name: "mouse",
      ...(alt || (raw & 8) !== 0 ? { alt: true } : {}),
      mouse: { button, x, y, release: (raw & 3) === 3 && (raw & 64) === 0 },
    });
  }
  let body = "";
  for (let i = at; i < buf.length; i++) {
    const b = buf[i];
    if (b >= 0x20 && b <= 0x3f && b !== 0x24) { // parameter and intermediate bytes
      body += String.fromCharCode(b);
      if (i - start >= MAX_SEQUENCE) return overlong(i + 1 - start);
      continue;
    }
    if (b >= 0x40 && b <= 0x7e || b === 0x24) { // final byte ('$' ends rxvt shifted keys)
      const length = i + 1 - start;
      return csiKey(body, String.fromCharCode(b), alt, length);
    }
    return skip(i - start); // control or non-ASCII byte inside a sequence: drop it so far
  }
  return WAIT;
}

/** Maps a complete CSI sequence to a key (or skips it when unknown). */
function csiKey(body: string, final: string, alt: boolean, length: number): Step {
  if (!/^[\d;]*$/.test(body)) return skip(length); // private / intermediate forms we do not use
  const p = params(body);
  if (final === "Z") return key(length, makeKey("backtab", { alt }));
  if (final === "~" || final === "$" || final === "^" || final === "@") {
    const name = p[0] !== undefined ? TILDE_KEYS[p[0]] : undefined;
    if (!name) return skip(length);
    const k = modified(name, p[1], alt);
    return key(length, final === "$" ? { ...k, shift: true } : k);
  }
  const name = LETTER_KEYS[final];
  if (!name) return skip(length);
  return key(length, modified(name, p[1], alt));
}

/** Parses `ESC O ...` (SS3) starting at `start` (the ESC). */
function parseSs3(buf: Uint8Array, start: number, alt: boolean): Step {
  let body = "";
  for (let i = start + 2; i < buf.length; i++) {
    const b = buf[i];
    if ((b >= 0x30 && b <= 0x39) || b === 0x3b) { // old xterm: ESC O 2 P, ESC O 1 ; 2 P
      body += String.fromCharCode(b);
      if (body.length > 8) return overlong(i + 1 - start);
      continue;
    }
    const length = i + 1 - start;
    const final = String.fromCharCode(b);
    if (final === "M" && body === "") return key(length, makeKey("enter", { alt }));
    const text = KEYPAD_CHARS[final];
    if (text !== undefined && body === "") return key(length, makeKey("char", { text, alt }));
    const name = LETTER_KEYS[final];
    if (!name) return b >= 0x40 && b <= 0x7e ? skip(length) : skip(i - start);
    const p = params(body);
    return key(length, modified(name, p.length > 1 ? p[1] : p[0], alt));
  }
  return WAIT;
}

/** Parses a sequence starting with ESC at `start`. */
function parseEscape(buf: Uint8Array, start: number): Step {
  if (start + 1 >= buf.length) return WAIT;
  const b = buf[start + 1];
  if (b === ESC) {
    // ESC ESC is one key (hatop's "back to the previous mode"), unless a sequence follows the second ESC.
    if (start + 2 >= buf.length) return WAIT;
    const next = buf[start + 2];
    if (next === 0x5b || next === 0x4f) return key(1, makeKey("escape"));
    return key(2, makeKey("escape", { alt: true }));
  }
  if (b === 0x5b) return parseCsi(buf, start, false);
  if (b === 0x4f) return parseSs3(buf, start, false);
  if (b < 0x20 || b === 0x7f) return key(2, controlKey(b, true));
  if (b < 0x7f) return key(2, makeKey("char", { text: String.fromCharCode(b), alt: true }));
  return parseUtf8(buf, start + 1, true, 1);
}

/** Parses the next key at the start of `buf`. */
function parseOne(buf: Uint8Array): Step {
  const b = buf[0];
  if (b === ESC) return parseEscape(buf, 0);
  if (b < 0x20 || b === 0x7f) return key(1, controlKey(b, false));
  if (b < 0x7f) return key(1, makeKey("char", { text: String.fromCharCode(b) }));
  return parseUtf8(buf, 0, false, 0);
}

/**
 * Stateful decoder from raw stdin bytes to {@linkcode Key} events.
 *
 * Handles printable UTF-8 text (multi-byte, split across feeds), Enter (CR, LF), Tab, Backspace (127 and
 * Ctrl-H), Ctrl-letters (`{name: "ctrl", text: "c"}`), cursor and editing keys and F1-F12 in their xterm,
 * vt100, Linux console and rxvt forms, modifier forms (`ESC [ 1 ; 5 A` is `up`; shift and alt are reported
 * in the key), Shift-Tab (`backtab`), ALT-x as `ESC x` and SGR mouse reports. Sequences may be split across
 * feeds at any byte. Garbage is ignored; the decoder never throws.
 *
 * A lone ESC cannot be told from the start of a sequence: {@linkcode KeyDecoder.feed} keeps it pending and
 * the caller calls {@linkcode KeyDecoder.flush} after a short timeout to get `{name: "escape"}`.
 */
export class KeyDecoder {
  #buf: Uint8Array = new Uint8Array(0);
  /** True while dropping the tail of an over-long sequence (until its final byte). */
  #discarding = false;

  /** True when bytes are held back waiting for more (e.g. a lone ESC or half a UTF-8 character). */
  get pending(): boolean {
    return this.#buf.length > 0;
  }

  /** Adds bytes and returns every key they complete. Incomplete trailing bytes stay pending. */
  feed(bytes: Uint8Array): Key[] {
    if (bytes.length === 0) return [];
    const joined = new Uint8Array(this.#buf.length + bytes.length);
    joined.set(this.#buf, 0);
    joined.set(bytes, this.#buf.length);
    let buf = joined;
    const keys: Key[] = [];
    while (buf.length > 0) {
      if (this.#discarding) {
        const b = buf[0];
        if (b >= 0x20 && b <= 0x3f) {
          buf = buf.subarray(1);
          continue;
        }
        this.#discarding = false;
        if (b >= 0x40 && b <= 0x7e) {
          buf = buf.subarray(1);
          continue;
        }
      }
      const step = parseOne(buf);
      if (step.kind === "wait") break;
      if (step.kind === "key") keys.push(step.key);
      if (step.kind === "overlong") this.#discarding = true;
      buf = buf.subarray(Math.max(1, step.length));
    }
    this.#buf = buf.slice();
    return keys;
  }

  /**
   * The input went quiet: emits what is pending. A lone ESC becomes `escape`, `ESC x` becomes ALT-x
   * (`ESC [` and `ESC O` are ALT-[ and ALT-O); incomplete sequences and half UTF-8 characters are dropped.
   */
  flush(): Key[] {
    const buf = this.#buf;
    this.#buf = new Uint8Array(0);
    this.#discarding = false;
    if (buf.length === 0) return [];
    if (buf[0] !== ESC) return []; // half a UTF-8 character
    if (buf.length === 1) return [makeKey("escape")];
    if (buf.length === 2 && buf[1] === ESC) return [makeKey("escape", { alt: true })];
    if (buf.length === 2 && buf[1] < 0x7f) {
      return [makeKey("char", { text: String.fromCharCode(buf[1]), alt: true })];
    }
    return [];
  }
}
