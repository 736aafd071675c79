import assert, { deepEqual, equal } from "node:assert/strict";
import { KeyDecoder } from "../../src/tui/keys.ts";
import type { Key } from "../../src/tui/types.ts";

const enc = new TextEncoder();

function bytesOf(input: string | number[]): Uint8Array {
  return typeof input === "string" ? enc.encode(input) : Uint8Array.from(input);
}

/** Feeds the pieces, then flushes (as the terminal does after its timeout) and returns every key. */
function decodePieces(pieces: Uint8Array[]): Key[] {
  const d = new KeyDecoder();
  const keys: Key[] = [];
  for (const p of pieces) keys.push(...d.feed(p));
  keys.push(...d.flush());
  equal(d.pending, false);
  return keys;
}

/** Asserts `input` decodes to `expected` whole, split at every byte boundary, and fed byte by byte. */
function assertDecodes(input: string | number[], expected: Key[]): void {
  const bytes = bytesOf(input);
  const label = JSON.stringify(input);
  deepEqual(decodePieces([bytes]), expected, `${label} whole`);
  for (let i = 1; i < bytes.length; i++) {
    deepEqual(decodePieces([bytes.subarray(0, i), bytes.subarray(i)]), expected, `${label} split at ${i}`);
  }
  const single = Array.from(bytes, (b) => Uint8Array.of(b));
  deepEqual(decodePieces(single), expected, `${label} byte by byte`);
}

const ch = (text: string, alt = false): Key => (alt ? { name: "char", text, alt } : { name: "char", text });

Deno.test("keys: printable ASCII and multi-byte UTF-8 text, split anywhere", () => {
  assertDecodes("a", [ch("a")]);
  assertDecodes("q1 ?", [ch("q"), ch("1"), ch(" "), ch("?")]);
  assertDecodes("é", [ch("é")]);
  assertDecodes("中", [ch("中")]);
  assertDecodes("😀", [ch("😀")]);
  assertDecodes("aé中😀z", [ch("a"), ch("é"), ch("中"), ch("😀"), ch("z")]);
});

Deno.test("keys: Enter, Tab, Backspace and Ctrl-letters", () => {
  assertDecodes("\r", [{ name: "enter" }]);
  assertDecodes("\n", [{ name: "enter" }]);
  assertDecodes("\t", [{ name: "tab" }]);
  assertDecodes([127], [{ name: "backspace" }]);
  assertDecodes([8], [{ name: "backspace" }]);
  assertDecodes([3], [{ name: "ctrl", text: "c" }]);
  assertDecodes([1], [{ name: "ctrl", text: "a" }]);
  assertDecodes([5], [{ name: "ctrl", text: "e" }]);
  assertDecodes([23], [{ name: "ctrl", text: "w" }]);
  assertDecodes([21], [{ name: "ctrl", text: "u" }]);
  assertDecodes([26], [{ name: "ctrl", text: "z" }]);
});

Deno.test("keys: xterm CSI cursor keys, editing keys and F1-F12", () => {
  assertDecodes("\x1b[A\x1b[B\x1b[C\x1b[D", [{ name: "up" }, { name: "down" }, { name: "right" }, {
    name: "left",
  }]);
  assertDecodes("\x1b[H\x1b[F", [{ name: "home" }, { name: "end" }]);
  assertDecodes("\x1b[2~\x1b[3~\x1b[5~\x1b[6~", [
    { name: "insert" },
    { name: "delete" },
    { name: "pageup" },
    { name: "pagedown" },
  ]);
  const fkeys: [string, Key["name"]][] = [
    ["11", "f1"],
    ["12", "f2"],
    ["13", "f3"],
    ["14", "f4"],
    ["15", "f5"],
    ["17", "f6"],
    ["18", "f7"],
    ["19", "f8"],
    ["20", "f9"],
    ["21", "f10"],
    ["23", "f11"],
    ["24", "f12"],
  ];
  for (const [code, name] of fkeys) assertDecodes(`\x1b[${code}~`, [{ name }]);
});

Deno.test("keys: SS3 forms (xterm F1-F4, vt100 arrows, home/end, keypad)", () => {
  assertDecodes("\x1bOP\x1bOQ\x1bOR\x1bOS", [{ name: "f1" }, { name: "f2" }, { name: "f3" }, { name: "f4" }]);
  assertDecodes("\x1bOA\x1bOB\x1bOC\x1bOD", [{ name: "up" }, { name: "down" }, { name: "right" }, {
    name: "left",
  }]);
  assertDecodes("\x1bOH\x1bOF", [{ name: "home" }, { name: "end" }]);
  assertDecodes("\x1bOM", [{ name: "enter" }]);
  assertDecodes("\x1bOq", [ch("1")]);
  assertDecodes("\x1bO2P", [{ name: "f1", shift: true }]);
});

Deno.test("keys: Linux console and rxvt variants", () => {
  assertDecodes("\x1b[[A\x1b[[B\x1b[[C\x1b[[D\x1b[[E", [
    { name: "f1" },
    { name: "f2" },
    { name: "f3" },
    { name: "f4" },
    { name: "f5" },
  ]);
  assertDecodes("\x1b[1~\x1b[4~", [{ name: "home" }, { name: "end" }]);
  assertDecodes("\x1b[7~\x1b[8~", [{ name: "home" }, { name: "end" }]);
  assertDecodes("\x1b[2$", [{ name: "insert", shift: true }]);
  assertDecodes("\x1b[5^", [{ name: "pageup" }]);
});

Deno.test("keys: Shift-Tab and modifier forms keep the key name", () => {
  assertDecodes("\x1b[Z", [{ name: "backtab" }]);
  assertDecodes("\x1b[1;5A", [{ name: "up" }]);
  assertDecodes("\x1b[1;2C", [{ name: "right", shift: true }]);
  assertDecodes("\x1b[1;3B", [{ name: "down", alt: true }]);
  assertDecodes("\x1b[1;2P", [{ name: "f1", shift: true }]);
  assertDecodes("\x1b[21;5~", [{ name: "f10" }]);
  assertDecodes("\x1b[3;2~", [{ name: "delete", shift: true }]);
});

Deno.test("keys: ALT-x arrives as ESC x", () => {
  assertDecodes("\x1bx", [ch("x", true)]);
  assertDecodes("\x1bq", [ch("q", true)]);
  assertDecodes("\x1b5", [ch("5", true)]);
  assertDecodes("\x1b?", [ch("?", true)]);
  assertDecodes("\x1b\r", [{ name: "enter", alt: true }]);
  assertDecodes([27, 127], [{ name: "backspace", alt: true }]);
  assertDecodes([27, 3], [{ name: "ctrl", text: "c", alt: true }]);
  assertDecodes("\x1bé", [ch("é", true)]);
  assertDecodes("\x1b\x1b[A", [{ name: "escape" }, { name: "up" }]);
});

Deno.test("keys: a lone ESC is pending until flush; ESC ESC is one escape with alt", () => {
  const d = new KeyDecoder();
  deepEqual(d.feed(bytesOf("\x1b")), []);
  equal(d.pending, true);
  deepEqual(d.flush(), [{ name: "escape" }]);
  equal(d.pending, false);
  deepEqual(d.flush(), []);
  assertDecodes("\x1b", [{ name: "escape" }]);
  assertDecodes("\x1b\x1b", [{ name: "escape", alt: true }]);
  assertDecodes("\x1b\x1bx", [{ name: "escape", alt: true }, ch("x")]);
  // After ESC, flush turns a lone "[" or "O" into ALT-[ / ALT-O.
  assertDecodes("\x1b[", [ch("[", true)]);
  assertDecodes("\x1bO", [ch("O", true)]);
  // Escape followed later by a normal key.
  deepEqual(decodePieces([bytesOf("\x1b"), new Uint8Array(0)]), [{ name: "escape" }]);
});

Deno.test("keys: SGR mouse reports, 0-based coordinates", () => {
  assertDecodes("\x1b[<0;10;5M", [{ name: "mouse", mouse: { button: 0, x: 9, y: 4, release: false } }]);
  assertDecodes("\x1b[<0;10;5m", [{ name: "mouse", mouse: { button: 0, x: 9, y: 4, release: true } }]);
  assertDecodes("\x1b[<64;1;1M", [{ name: "mouse", mouse: { button: 64, x: 0, y: 0, release: false } }]);
  assertDecodes("\x1b[<65;200;100M", [{
    name: "mouse",
    mouse: { button: 65, x: 199, y: 99, release: false },
  }]);
  assertDecodes("\x1b[<4;3;3M", [{
    name: "mouse",
    shift: true,
    mouse: { button: 0, x: 2, y: 2, release: false },
  }]);
  assertDecodes("\x1b[<0;0;5M", []);
});

Deno.test("keys: unknown and malformed sequences are ignored, never emitted as text", () => {
  assertDecodes("\x1b[999~", []);
  assertDecodes("\x1b[?1;2c", []); // a device attributes reply
  assertDecodes("\x1b[1;2;3;4;5;6X", []);
  assertDecodes("\x1b[99zq", [ch("q")]);
  assertDecodes("\x1b[[Zx", [ch("x")]);
  assertDecodes("\x1bOzx", [ch("x")]);
  assertDecodes("\x1b[<1;2M", []);
  assertDecodes("\x1b[<1;2x", [ch("x")]); // broken report: the report is dropped, x is a key
  assertDecodes(`\x1b[${"1".repeat(200)}~a`, [ch("a")]);
  // A control byte inside a sequence ends it; the control byte itself is a key.
  assertDecodes("\x1b[1\r", [{ name: "enter" }]);
  // Incomplete sequences at flush time are dropped.
  deepEqual(decodePieces([bytesOf("\x1b[1;")]), []);
  deepEqual(decodePieces([bytesOf("\x1b[<0;1")]), []);
});

Deno.test("keys: invalid UTF-8 is dropped without losing the following keys", () => {
  assertDecodes([0xff, 0x61], [ch("a")]);
  assertDecodes([0x80, 0x61], [ch("a")]);
  assertDecodes([0xc3, 0x28], [ch("(")]); // lead byte without continuation
  assertDecodes([0xe0, 0x80, 0x80, 0x62], [ch("b")]); // overlong
  assertDecodes([0xed, 0xa0, 0x80, 0x62], [ch("b")]); // surrogate
  assertDecodes([0xc3, 0x1b, 0x5b, 0x41], [{ name: "up" }]);
  // Half a character at flush time is dropped.
  deepEqual(decodePieces([Uint8Array.of(0xe4, 0xb8)]), []);
});

Deno.test("keys: random bytes in random chunks never throw and only yield well-formed keys", () => {
  let seed = 12345;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  const names = new Set([
    "char",
    "ctrl",
    "enter",
    "tab",
    "backtab",
    "escape",
    "backspace",
    "delete",
    "insert",
    "up",
    "down",
    "left",
    "right",
    "home",
    "end",
    "pageup",
    "pagedown",
    "mouse",
    ...Array.from({ length: 12 }, (_, i) => `f${i + 1}`),
  ]);
  const alphabet = [
    0x1b,
    0x5b,
    0x4f,
    0x3b,
    0x3c,
    0x7e,
    0x31,
    0x32,
    0x41,
    0x4d,
    0xc3,
    0xa9,
    0xe4,
    0x80,
    0xff,
    0,
  ];
  for (let round = 0; round < 300; round++) {
    const d = new KeyDecoder();
    const keys: Key[] = [];
    for (let chunk = 0; chunk < 8; chunk++) {
      const bytes = Uint8Array.from(
        { length: rand() % 12 },
        () => (rand() % 3 === 0 ? rand() % 256 : alphabet[rand() % alphabet.length]),
      );
      keys.push(...d.feed(bytes));
    }
    keys.push(...d.flush());
    for (const k of keys) {
      assert(names.has(k.name), `unexpected key ${JSON.stringify(k)}`);
      if (k.name === "char") {
        assert([...k.text!].length === 1, `char must be one code point: ${JSON.stringify(k)}`);
        // deno-lint-ignore no-control-regex -- matching terminal escapes is the point
        assert(!/[\x00-\x1f\x7f-\x9f]/.test(k.text!), `control character as text: ${JSON.stringify(k)}`);
      }
    }
  }
});
