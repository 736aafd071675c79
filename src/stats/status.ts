/**
 * Classification of HAProxy's open-ended `status` strings (servers, backends, frontends, listeners).
 *
 * @example
 * ```ts
 * import { classifyStatus, isHealthy } from "./status.ts";
 * classifyStatus("MAINT (via web/web1)"); // "maint"
 * classifyStatus("UP 1/3"); // "transitional"
 * isHealthy("no check"); // true
 * ```
 *
 * @module
 */

/** What a status string means, coarsely. */
export type StatusClass =
  | "up"
  | "down"
  | "maint"
  | "drain"
  | "nolb"
  | "transitional"
  | "nocheck"
  | "open"
  | "stopped"
  | "unknown";

const TRANSITIONAL = /^(?:UP|DOWN|NOLB|DRAIN) \d+\/\d+$/;
/** A status word, optionally followed by a parenthesised detail: `MAINT (via be/sv)`, `MAINT(via)`, `UP (UNPUB)`. */
const WORD = /^([A-Z]+)\s*(?:\(.*\))?$/;

const WORDS: Readonly<Record<string, StatusClass>> = {
  UP: "up",
  DOWN: "down",
  NOLB: "nolb",
  DRAIN: "drain",
  MAINT: "maint",
  OPEN: "open",
  WAITING: "open",
  FULL: "open",
  STOP: "stopped",
  PAUSED: "stopped",
};

/**
 * Classifies a `status` value.
 *
 * `UP`, `DOWN`, `NOLB`, `DRAIN`, `MAINT` map to their class, also with a parenthesised detail
 * (`MAINT (via b/s)`, `MAINT(via)` of 1.4, `MAINT (resolution)`, `DOWN (agent)`, `DRAIN (agent)`, a
 * backend's `UP (UNPUB)` or ` (n/m)` suffix). `UP 1/3` (going down), `DOWN 1/2` (going up), `NOLB 1/2` and
 * `DRAIN 1/2` are transitional; `no check` is nocheck; `OPEN`/`WAITING`/`FULL` are open; `STOP`/`PAUSED`
 * are stopped; anything else (including empty) is unknown.
 *
 * @param status The `status` field as printed.
 * @returns The class.
 */
export function classifyStatus(status: string): StatusClass {
  const s = String(status ?? "").trim();
  if (s === "no check") return "nocheck";
  if (TRANSITIONAL.test(s)) return "transitional";
  const word = WORD.exec(s)?.[1];
  return (word !== undefined && Object.hasOwn(WORDS, word)) ? WORDS[word] : "unknown";
}

/**
 * Whether a status counts as healthy for `--check`: settled `up`, `nocheck` (up without checks) and
 * `open` (frontends, listeners). Transitional, drain, nolb, maint, down, stopped and unknown are not.
 *
 * @param status The `status` field as printed.
 */
export function isHealthy(status: string): boolean {
  const c = classifyStatus(status);
  return c === "up" || c === "nocheck" || c === "open";
}
