/**
 * HAProxy release numbers, as `show info` (`Version: 3.2.26-1`) or `haproxy -v` print them, and the one
 * question asked of them: is this release at least a given line? Features of the runtime API are decided from
 * the version where HAProxy's replies cannot tell.
 *
 * @module
 */

/** A parsed release number; `patch` is 0 for a development version such as "3.3-dev5". */
export interface Release {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/** Parses the leading `major.minor[.patch]` of a version text; undefined when there is none. */
export function parseRelease(version: string | undefined): Release | undefined {
  const m = version?.trim().match(/^(\d+)\.(\d+)(?:\.(\d+))?/);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0) };
}

/**
 * True when `version` is release `line` ("2.6", "1.7.3") or later; false when the version cannot be read.
 *
 * @example
 * ```ts
 * import { atLeast } from "./version.ts";
 * atLeast("2.2.9-2+deb11u6", "2.6"); // false
 * atLeast("3.0.11-1", "2.6"); // true
 * ```
 */
export function atLeast(version: string | undefined, line: string): boolean {
  const v = parseRelease(version);
  const l = parseRelease(line);
  if (!v || !l) return false;
  if (v.major !== l.major) return v.major > l.major;
  if (v.minor !== l.minor) return v.minor > l.minor;
  return v.patch >= l.patch;
}
