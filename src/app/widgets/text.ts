/**
 * Text for the screen: control characters removed, and CLI output wrapped to the screen width. Lines are cut
 * at the width, not at spaces, and every continuation line starts with {@linkcode CONTINUATION}: HAProxy's
 * records (a `show stat` CSV line, a `show sess` entry) are one line each, and one cut at a space
 * (`...,no` / `check,...`) would read as two.
 *
 * @module
 */

/** What starts a continuation line of a wrapped output line. */
export const CONTINUATION = "+ ";

/** Removes C0 control characters and DEL, which must never reach the screen as text. */
export function stripControls(text: string): string {
  let out = "";
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 32 && c !== 127) out += ch;
  }
  return out;
}

/** Wraps one raw line to `width` columns (an empty line stays one empty line). */
export function wrapLine(line: string, width: number): string[] {
  const w = Math.max(1, width);
  const text = stripControls(line.replaceAll("\t", "    "));
  if (text.length <= w) return [text];
  const chars = Array.from(text);
  if (chars.length <= w) return [text];
  const room = Math.max(1, w - CONTINUATION.length);
  const out = [chars.slice(0, w).join("")];
  for (let at = w; at < chars.length; at += room) {
    out.push(CONTINUATION + chars.slice(at, at + room).join(""));
  }
  return out;
}

/** The wrapped lines of `raw`, newest last; only the last `limit` wrapped lines are produced. */
export function wrapTail(raw: readonly string[], width: number, limit: number): string[] {
  const out: string[][] = [];
  let count = 0;
  for (let i = raw.length - 1; i >= 0 && count < limit; i--) {
    const wrapped = wrapLine(raw[i], width);
    out.push(wrapped);
    count += wrapped.length;
  }
  const flat = out.reverse().flat();
  return flat.slice(Math.max(0, flat.length - limit));
}

/** Number of wrapped lines of all of `raw`. */
export function wrappedCount(raw: readonly string[], width: number): number {
  let n = 0;
  for (const line of raw) n += wrapLine(line, width).length;
  return n;
}
