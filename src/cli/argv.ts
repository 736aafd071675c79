/**
 * The command line read into raw option values, driven by the option table.
 *
 * `node:util`'s `parseArgs` splits the arguments (`-s X`, `-sX`, bundled `-nb`, `--opt value`, `--opt=value`,
 * `--`); it is a Node built-in, so reading options costs no npm machinery at start. This module gives its
 * tokens the meaning and the messages hatop has always had (those of commander, used before): an option
 * that takes a value takes the next argument whatever it looks like; the first unknown argument is reported
 * whole (`--batch=1`, or the rest of a bundle from the unknown letter on: `-nzs` gives `-zs`), with a
 * "Did you mean" for a near long option; a negative number is an operand, not an option; a missing value is
 * reported before an unknown option, an unknown option before a stray operand.
 *
 * @module
 */
import { parseArgs } from "node:util";
import type { OptionSpec } from "./option_table.ts";

/** Raw values by option key (camelCase long name; `--no-mouse` sets `mouse` to false). */
export type RawValues = Record<string, string | string[] | boolean | undefined>;

/** A usage error (unknown option, missing value, stray operand); the message has no prefix. */
export class UsageError extends Error {}

/** An option of the table, as the scan needs it. */
interface Flag {
  readonly spec: OptionSpec;
  readonly short?: string;
  readonly long: string;
  readonly takesValue: boolean;
  /** Where the value goes in {@linkcode RawValues}. */
  readonly key: string;
  /** `--no-x`: sets `x` to false, which is true by default. */
  readonly negated: boolean;
}

const FLAGS = /^(?:-(\w), )?--([\w-]+)( <[^<>\s]+>)?$/;
const NEGATIVE_NUMBER = /^-(\d+|\d*\.\d+)([eE][+-]?\d+)?$/;

function flagOf(spec: OptionSpec): Flag {
  const match = FLAGS.exec(spec.flags);
  if (!match) throw new Error(`option table: cannot read flags "${spec.flags}"`);
  const [, short, long, value] = match;
  const negated = long.startsWith("no-") && value === undefined;
  const name = negated ? long.slice(3) : long;
  const key = name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
  return { spec, short, long, takesValue: value !== undefined, key, negated };
}

/**
 * Reads `argv` (without the program name) against `table`.
 *
 * @param operand Which operands are taken (hatop's `@name`s), collected in `values.operands`; any other is an error.
 * @returns Every option's value: repeatable ones as arrays (empty when absent), negated ones true unless given.
 * @throws {UsageError} for an unknown option, a missing value or an operand not taken.
 */
export function readArgv(
  argv: readonly string[],
  table: readonly OptionSpec[],
  operand: (text: string) => boolean = () => false,
): RawValues {
  const flags = table.map(flagOf);
  const byLong = new Map(flags.map((flag) => [flag.long, flag]));
  const options = Object.fromEntries(flags.map((flag) => [
    flag.long,
    {
      type: flag.takesValue ? "string" as const : "boolean" as const,
      ...(flag.short ? { short: flag.short } : {}),
    },
  ]));
  const values: RawValues = {};
  for (const flag of flags) {
    if (flag.spec.repeatable) values[flag.key] = [];
    else if (flag.negated) values[flag.key] = true;
  }
  const operands: string[] = [];
  const taken: string[] = [];
  let unknown: string | undefined;
  // parseArgs reads a bundle to its end, taking a `-` in it for `--`. Here, as before, an unknown letter makes
  // the rest of the bundle one unknown argument, and a `-` after a known letter makes the rest a new argument
  // (`-n-mode` is `-n --mode`). Where parseArgs read on differently, the scan starts again from there.
  let args = [...argv];
  scan: while (args.length > 0) {
    const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
    let index = -1;
    let letter = 0;
    let swallowed = -1;
    for (const token of tokens) {
      letter = token.index === index ? letter + 1 : 1;
      index = token.index;
      const arg = args[index];
      if (token.kind === "option-terminator" && arg !== "--") {
        args = index === swallowed
          ? args.slice(index + 1)
          : [`-${arg.slice(letter)}`, ...args.slice(index + 1)];
        continue scan;
      }
      if (index === swallowed) {
        if (token.kind === "option" && token.value !== undefined && !token.inlineValue) {
          args = args.slice(index + 1);
          continue scan;
        }
        continue;
      }
      if (token.kind === "option-terminator") continue;
      if (token.kind === "positional") {
        (operand(token.value) ? taken : operands).push(token.value);
        continue;
      }
      const flag = byLong.get(token.name);
      if (flag && (flag.takesValue || token.value === undefined)) {
        if (token.value === undefined && flag.takesValue) {
          throw new UsageError(`option '${flag.spec.flags}' argument missing`);
        }
        const previous = values[flag.key];
        if (Array.isArray(previous)) previous.push(token.value!);
        else values[flag.key] = token.value ?? !flag.negated;
        continue;
      }
      const rest = arg.startsWith("--") ? arg : `-${arg.slice(letter)}`;
      swallowed = index;
      if (NEGATIVE_NUMBER.test(rest)) operands.push(rest);
      else unknown ??= rest;
    }
    break;
  }
  if (unknown !== undefined) {
    throw new UsageError(`unknown option '${unknown}'${suggestion(unknown, flags.map((f) => f.long))}`);
  }
  if (operands.length > 0) {
    const count = `${operands.length}: ${operands.join(", ")}`;
    throw new UsageError(`too many arguments. Expected 0 arguments but got ${count}.`);
  }
  if (taken.length > 0) values.operands = taken;
  return values;
}

/** At most this many edits apart for a "Did you mean". */
const MAX_DISTANCE = 3;

/** Optimal string alignment distance (Damerau–Levenshtein without editing a substring twice). */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > MAX_DISTANCE) return Math.max(a.length, b.length);
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let j = 1; j <= b.length; j++) {
    for (let i = 1; i <= a.length; i++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/** "\n(Did you mean --mode?)" for an unknown long option near known ones (the closest, all ties), or "". */
function suggestion(unknown: string, longs: readonly string[]): string {
  if (!unknown.startsWith("--")) return "";
  const word = unknown.slice(2);
  let best = MAX_DISTANCE;
  let similar: string[] = [];
  for (const long of new Set(longs)) {
    if (long.length <= 1) continue;
    const distance = editDistance(word, long);
    const length = Math.max(word.length, long.length);
    if ((length - distance) / length <= 0.4) continue;
    if (distance < best) {
      best = distance;
      similar = [long];
    } else if (distance === best) similar.push(long);
  }
  similar.sort((a, b) => a.localeCompare(b));
  const named = similar.map((long) => `--${long}`);
  if (named.length > 1) return `\n(Did you mean one of ${named.join(", ")}?)`;
  return named.length === 1 ? `\n(Did you mean ${named[0]}?)` : "";
}
