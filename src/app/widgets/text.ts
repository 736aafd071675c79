/**
 * Small text helpers shared by the CLI input and output.
 *
 * @module
 */

/** Removes C0 control characters and DEL, which must never reach the screen as text. */
export function stripControls(text: string): string {
  let out = "";
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 32 && c !== 127) out += ch;
  }
  return out;
}
