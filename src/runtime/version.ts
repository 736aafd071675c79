/**
 * HAProxy version strings as the runtime API and `haproxy -v` print them ("2.2.9-2+deb11u6", "3.4.7-1",
 * "3.5-dev5"), reduced to numbers so that what a release supports can be decided from its version.
 *
 * @module
 */

/** A release's version as numbers: `major.minor.patch` (patch 0 when absent, e.g. for "3.5-dev5"). */
export interface ReleaseVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/** Reads the leading `major.minor[.patch]` of a version string; undefined when it does not start with one. */
export function parseReleaseVersion(version: string): ReleaseVersion | undefined {
  const m = String(version ?? "").trim().match(/^(\d+)\.(\d+)(?:\.(\d+))?/);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0) };
}

/**
 * Whether `version` is at least `minimum` (both as HAProxy prints them, e.g. `versionAtLeast("2.6.12-1", "2.5")`).
 * An unreadable `version` counts as new enough: HAProxy's own reply then decides, never a guess that hides data.
 */
export function versionAtLeast(version: string, minimum: string): boolean {
  const have = parseReleaseVersion(version);
  const need = parseReleaseVersion(minimum);
  if (!need) throw new Error(`not a version: ${minimum}`);
  if (!have) return true;
  if (have.major !== need.major) return have.major > need.major;
  if (have.minor !== need.minor) return have.minor > need.minor;
  return have.patch >= need.patch;
}

/** The release line of a version, e.g. "2.2" for "2.2.9-2+deb11u6"; the input trimmed when unreadable. */
export function releaseLine(version: string): string {
  const v = parseReleaseVersion(version);
  return v ? `${v.major}.${v.minor}` : String(version ?? "").trim();
}
