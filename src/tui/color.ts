/**
 * Deciding whether the terminal output may use colour.
 *
 * Follows the NO_COLOR convention (https://no-color.org): any non-empty `NO_COLOR` turns colour off.
 * Attributes such as bold and reverse are not colour and stay on regardless.
 *
 * @example
 * ```ts
 * import { colorEnabled } from "./color.ts";
 * colorEnabled(Deno.env, Deno.stdout.isTerminal());
 * ```
 *
 * @module
 */

/** False under NO_COLOR (any non-empty value), TERM=dumb, or when stdout is not a terminal; true otherwise. */
export function colorEnabled(env: { get(k: string): string | undefined }, isTerminal: boolean): boolean {
  if (!isTerminal) return false;
  const noColor = read(env, "NO_COLOR");
  if (noColor !== undefined && noColor !== "") return false;
  if (read(env, "TERM") === "dumb") return false;
  return true;
}

/** Reads a variable; a denied permission reads as unset. */
function read(env: { get(k: string): string | undefined }, key: string): string | undefined {
  try {
    return env.get(key);
  } catch {
    return undefined;
  }
}
