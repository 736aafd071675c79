/**
 * Named groups of `show stat` fields, shared by the detail view (how they are grouped and shown) and the
 * several-instances merge (which of them are not summed).
 *
 * @module
 */

/** The last health check: result, code, duration, texts and the rise/fall counters. */
export const CHECK_FIELDS = [
  "check_status",
  "check_code",
  "check_duration",
  "check_desc",
  "last_chk",
  "check_rise",
  "check_fall",
  "check_health",
] as const;

/** The last agent check, likewise. */
export const AGENT_FIELDS = [
  "agent_status",
  "agent_code",
  "agent_duration",
  "agent_desc",
  "last_agt",
  "agent_rise",
  "agent_fall",
  "agent_health",
] as const;

/** Average and maximum queue, connect, response and total times (ms). */
export const TIMING_FIELDS = [
  "qtime",
  "ctime",
  "rtime",
  "ttime",
  "qtime_max",
  "ctime_max",
  "rtime_max",
  "ttime_max",
] as const;

/** Byte counters (shown with binary units too). */
export const BYTE_FIELDS = [
  "bin",
  "bout",
  "reqbin",
  "reqbout",
  "resbin",
  "resbout",
  "comp_in",
  "comp_out",
  "comp_byp",
] as const;

/** Ages in seconds (shown with d/h/m/s too). */
export const SECONDS_FIELDS = ["lastchg", "downtime", "lastsess"] as const;
