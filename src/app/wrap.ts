/**
 * Word-wrapping of CLI output to the screen width, breaking words longer than a line.
 *
 * @module
 */
import { stripControls } from "./text.ts";

/** Wraps one raw line to `width` columns (an empty line stays one empty line). */
export function wrapLine(line: string, width: number): string[] {
  const w = Math.max(1, width);
  const text = stripControls(line.replaceAll("\t", "    "));
  if (text.length <= w) return [text];
  const out: string[] = [];
  let rest = text;
  while (rest.length > w) {
    let cut = rest.lastIndexOf(" ", w);
    if (cut <= 0) cut = w;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^ /, "");
  }
  out.push(rest);
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
