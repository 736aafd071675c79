/**
 * The texts a user gives about recordings: a moment (`--at`: an ISO 8601 time, or an offset from the start
 * or the end) and a size (`--record-max`). Pure; the messages name what is wrong.
 *
 * @module
 */

/** A moment in a recording, before the recording is known. */
export type MomentSpec =
  | { readonly kind: "time"; readonly ms: number }
  | { readonly kind: "fromStart"; readonly ms: number }
  | { readonly kind: "fromEnd"; readonly ms: number };

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const OFFSET = /^([+-])(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s?)?$/i;

/** What `--at` takes, for messages. */
export const AT_FORMS =
  "an ISO 8601 time such as 2026-12-03T06:40:00Z, or an offset from the start such as " +
  "+90s, +5m or +1h30m (from the end: -5m)";

/**
 * Reads a moment: `2026-12-03T06:40:00Z` (also with a fraction, a `+01:00` offset, or none: local time),
 * `+90s` / `+90` / `+1h30m` from the start, `-5m` from the end.
 *
 * @returns The moment, or a message saying what is wrong.
 */
export function parseMoment(text: string): MomentSpec | string {
  const t = text.trim();
  const iso = ISO.exec(t);
  if (iso) {
    const [, y, mo, d, h, mi, s = "0", frac = "0", zone] = iso;
    const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
      return `invalid time: '${text}' (${AT_FORMS})`;
    }
    const ms = Math.round(Number(`0.${frac}`) * 1000);
    if (!zone) {
      return { kind: "time", ms: new Date(year, month - 1, day, hour, minute, second, ms).getTime() };
    }
    const [, sign = "+", zh = "0", zm = "0"] = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone) ?? [];
    const shift = (sign === "-" ? -1 : 1) * (Number(zh) * 60 + Number(zm)) * 60_000;
    return { kind: "time", ms: Date.UTC(year, month - 1, day, hour, minute, second, ms) - shift };
  }
  const offset = OFFSET.exec(t);
  if (offset && (offset[2] ?? offset[3] ?? offset[4]) !== undefined) {
    const [, sign, h = "0", m = "0", s = "0"] = offset;
    const ms = Math.round(((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000);
    return { kind: sign === "+" ? "fromStart" : "fromEnd", ms };
  }
  return `invalid time: '${text}' (${AT_FORMS})`;
}

/** The epoch ms of a moment in a recording that runs from `start` to `end`. */
export function resolveMoment(spec: MomentSpec, start: number, end: number): number {
  if (spec.kind === "time") return spec.ms;
  return spec.kind === "fromStart" ? start + spec.ms : end - spec.ms;
}

const SIZE = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b)?$/i;
const UNITS: Readonly<Record<string, number>> = { "": 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

/**
 * Reads a size: bytes, or with K, M, G, T (powers of 1024; `100M`, `1.5G`, `512KiB`).
 *
 * @returns The number of bytes, or a message.
 */
export function parseSize(text: string): number | string {
  const m = SIZE.exec(text.trim());
  if (!m) return `invalid size: '${text}' (bytes, or a number with K, M, G or T such as 100M)`;
  return Math.round(Number(m[1]) * UNITS[m[2].toLowerCase()]);
}
