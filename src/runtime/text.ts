/**
 * Small readers shared by the runtime-API parsers: reply lines, `key=value` tokens, numbers and HAProxy's
 * human durations ("4m59s"). All total: odd input gives `undefined` or an empty result, never an exception.
 *
 * @module
 */

/** The lines of a reply, without the empty line(s) that end every runtime-API reply. */
export function replyLines(text: string): string[] {
  const lines = String(text ?? "").split("\n");
  while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  return lines;
}

/**
 * Splits lines into blocks, each starting at a line matching `head`; lines before the first head are dropped.
 * Each block is the head's match and the lines after it.
 */
export function blocksBy(
  lines: readonly string[],
  head: RegExp,
): { head: RegExpMatchArray; body: string[] }[] {
  const blocks: { head: RegExpMatchArray; body: string[] }[] = [];
  for (const line of lines) {
    const m = line.match(head);
    if (m) blocks.push({ head: m, body: [] });
    else blocks.at(-1)?.body.push(line);
  }
  return blocks;
}

const DECIMAL = /^[+-]?\d+(?:\.\d+)?$/;

/** The number a plain decimal string stands for, else undefined ("0x1f", "", "4m" are not numbers here). */
export function toNumber(value: string | undefined): number | undefined {
  if (value === undefined || !DECIMAL.test(value)) return undefined;
  return Number(value);
}

/** The value as a number when it is a plain decimal, else the string unchanged. */
export function numberOrText(value: string): string | number {
  return toNumber(value) ?? value;
}

/**
 * `key=value` tokens of a line (separated by spaces) into a record; a token `name[inner]` becomes
 * `name: "inner"` (as in `rq[f=808000h,i=0]`), tokens without `=` are skipped, the first of a repeated key wins.
 */
export function keyValues(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const token of line.trim().split(/\s+/)) {
    const bracket = token.match(/^([A-Za-z_][\w.]*)\[(.*)\]$/);
    const eq = token.indexOf("=");
    const [key, value] = bracket
      ? [bracket[1], bracket[2]]
      : eq > 0
      ? [token.slice(0, eq), token.slice(eq + 1)]
      : [];
    if (key !== undefined && !(key in out)) out[key] = value!;
  }
  return out;
}

const UNIT_SECONDS: Record<string, number> = { d: 86400, h: 3600, m: 60, s: 1, ms: 0.001, us: 0.000001 };

/**
 * Seconds in one of HAProxy's human durations: "4m59s", "2m", "1d3h", "0s", "250ms". Undefined for "", "?"
 * and `<NEVER>` (no deadline), and for anything else that is not a duration.
 */
export function parseDuration(text: string | undefined): number | undefined {
  const t = (text ?? "").trim();
  if (!/^(?:\d+(?:d|h|ms|us|m|s))+$/.test(t)) return undefined;
  let seconds = 0;
  for (const [, n, unit] of t.matchAll(/(\d+)(d|h|ms|us|m|s)/g)) seconds += Number(n) * UNIT_SECONDS[unit];
  return Math.round(seconds * 1e6) / 1e6;
}

/** `undefined` for HAProxy's "no such object" markers (`<NONE>`, `<none>`, `-`, ""), else the text. */
export function named(value: string | undefined): string | undefined {
  return value === undefined || value === "" || value === "-" || /^<none>$/i.test(value) ? undefined : value;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The month number (0-11) of an English three-letter month, or -1. */
export function monthIndex(name: string): number {
  return MONTHS.indexOf(name);
}

/**
 * HAProxy's log-style date `03/Dec/2026:08:04:38.195434` (fraction optional) as a Date, read as UTC (HAProxy
 * prints local time; the lab and most servers run in UTC), or undefined.
 */
export function parseLogDate(text: string): Date | undefined {
  const m = text.match(/^(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?$/);
  if (!m || monthIndex(m[2]) < 0) return undefined;
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  return new Date(
    Date.UTC(Number(m[3]), monthIndex(m[2]), Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]), ms),
  );
}
