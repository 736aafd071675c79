/**
 * Parsing of the `show info` reply: `Key: value` lines, looked up by key, never by position.
 *
 * Keys are kept exactly as HAProxy prints them, including spaces (`Unstoppable Jobs`, `Build info`) and
 * historical misspellings (`TotalSplicdedBytesOut` in 2.3–2.7).
 *
 * @example
 * ```ts
 * import { infoNumber, parseInfo } from "./info.ts";
 * const info = parseInfo("Name: HAProxy\nPid: 42\n");
 * info.get("Name"); // "HAProxy"
 * infoNumber(info, "Pid"); // 42
 * ```
 *
 * @module
 */
import type { Info } from "./types.ts";

/**
 * Parses `show info` text into a map of `Key: value` pairs.
 *
 * Each line is split at the first `": "` (or, failing that, the first `":"`); keys are kept exactly,
 * values are trimmed. Blank lines are skipped, lines without a colon (such as `Permission denied`) and lines
 * with an empty key are ignored. When a key repeats, the first value wins. Never throws.
 *
 * @param text The raw reply of `show info`.
 * @returns The pairs, in output order.
 */
export function parseInfo(text: string): Info {
  const info = new Map<string, string>();
  for (const raw of String(text ?? "").split("\n")) {
    const line = raw.trim();
    if (line === "") continue;
    let at = line.indexOf(": ");
    if (at < 0) at = line.indexOf(":");
    if (at <= 0) continue;
    const key = line.slice(0, at).trim();
    if (key === "" || info.has(key)) continue;
    info.set(key, line.slice(at + 1).trim());
  }
  return info;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * The numeric value of an info key.
 *
 * @param info Parsed `show info`.
 * @param key The key exactly as printed, e.g. `CurrConns`.
 * @returns The number, or `undefined` when the key is missing or its value is not a plain decimal number
 *   (e.g. `Uptime: 0d 0h00m26s`).
 */
export function infoNumber(info: Info, key: string): number | undefined {
  const value = info.get(key);
  if (value === undefined || !NUMBER.test(value)) return undefined;
  return Number(value);
}
