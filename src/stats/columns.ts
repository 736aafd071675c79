/**
 * The columns of the four stat modes, as data: header, CSV field, minimum and maximum width, alignment,
 * formatter and a one-line help text.
 *
 * The tables are those of the original (minima sum to exactly 78 characters with one space between columns)
 * with the maxima actually applied; STATUS may grow to 22 so that `MAINT (via be/sv)` can show.
 *
 * @module
 */

/**
 * How a cell value is formatted. `metric` is applied only when the number does not fit the cell; `trend`
 * cells are drawn by the monitor from the values of recent refreshes (a sparkline of `field`).
 */
export type CellFormat = "text" | "status" | "metric" | "binary" | "seconds" | "trend";

/** One table column. */
export interface Column {
  /** Header text. */
  header: string;
  /** `show stat` field name the value comes from. */
  field: string;
  /** Minimum width in characters. */
  min: number;
  /** Maximum width; no limit when absent. */
  max?: number;
  /** Alignment of cells and header within the column. */
  align: "left" | "right";
  /** How the value is formatted. */
  format: CellFormat;
  /** What the column shows, for the help screen. */
  help: string;
  /** Shown only when the screen is wide enough for every column's minimum (never in batch output). */
  optional?: boolean;
}

/** One stat display mode. */
export interface StatMode {
  /** Mode key (1-4). */
  id: 1 | 2 | 3 | 4;
  /** Name shown in the footer. */
  name: "STATUS" | "TRAFFIC" | "HTTP" | "ERRORS";
  /** What the mode shows, for the help screen. */
  summary: string;
  /** The columns, left to right. */
  columns: readonly Column[];
}

function left(
  header: string,
  field: string,
  min: number,
  max: number,
  format: CellFormat,
  help: string,
): Column {
  return { header, field, min, max, align: "left", format, help };
}
function right(header: string, field: string, min: number, format: CellFormat, help: string): Column {
  return { header, field, min, align: "right", format, help };
}

function trend(field: string, help: string): Column {
  return { header: "TREND", field, min: 10, max: 30, align: "left", format: "trend", help, optional: true };
}

const NAME = left("NAME", "svname", 10, 50, "text", "Name of the proxy and its services");
const W: Column = {
  header: "W",
  field: "weight",
  min: 4,
  max: 6,
  align: "right",
  format: "text",
  help: "Configured weight of the service",
};
const STATUS = left(
  "STATUS",
  "status",
  6,
  22,
  "status",
  "Service status (UP/DOWN/NOLB/DRAIN/MAINT/MAINT (via)...)",
);
const CHECK = left(
  "CHECK",
  "check_status",
  7,
  20,
  "text",
  "Status of the last health check (* = in progress)",
);

/** The four stat modes, in mode-key order (1 STATUS, 2 TRAFFIC, 3 HTTP, 4 ERRORS). */
export const STAT_MODES: readonly StatMode[] = [
  {
    id: 1,
    name: "STATUS",
    summary: "health, session and queue statistics (default)",
    columns: [
      NAME,
      W,
      STATUS,
      CHECK,
      right("ACT", "act", 3, "metric", "Server is active (server), number of active servers (backend)"),
      right("BCK", "bck", 3, "metric", "Server is backup (server), number of backup servers (backend)"),
      right("QCUR", "qcur", 5, "metric", "Current queued requests"),
      right("QMAX", "qmax", 5, "metric", "Max queued requests"),
      right("SCUR", "scur", 6, "metric", "Current sessions"),
      right("SMAX", "smax", 6, "metric", "Max sessions"),
      right("SLIM", "slim", 6, "metric", "Sessions limit"),
      right("STOT", "stot", 6, "metric", "Total sessions"),
    ],
  },
  {
    id: 2,
    name: "TRAFFIC",
    summary: "connection and request rates, traffic",
    columns: [
      NAME,
      W,
      STATUS,
      right("LBTOT", "lbtot", 8, "metric", "Total number of times a server was selected"),
      right("RATE", "rate", 6, "metric", "Number of sessions per second over last elapsed second"),
      right("RLIM", "rate_lim", 6, "metric", "Limit on new sessions per second"),
      right("RMAX", "rate_max", 6, "metric", "Max number of new sessions per second"),
      right("BIN", "bin", 12, "binary", "Bytes in (IEEE 1541-2002)"),
      right("BOUT", "bout", 12, "binary", "Bytes out (IEEE 1541-2002)"),
      trend("rate", "Session rate over the last refreshes (wide terminals)"),
    ],
  },
  {
    id: 3,
    name: "HTTP",
    summary: "HTTP request rates and response codes",
    columns: [
      NAME,
      W,
      STATUS,
      right("RATE", "req_rate", 5, "metric", "HTTP requests per second"),
      right("RMAX", "req_rate_max", 5, "metric", "Max number of HTTP requests per second"),
      right("RTOT", "req_tot", 7, "metric", "Total number of HTTP requests received"),
      right("1xx", "hrsp_1xx", 5, "metric", "Number of HTTP responses with 1xx code"),
      right("2xx", "hrsp_2xx", 5, "metric", "Number of HTTP responses with 2xx code"),
      right("3xx", "hrsp_3xx", 5, "metric", "Number of HTTP responses with 3xx code"),
      right("4xx", "hrsp_4xx", 5, "metric", "Number of HTTP responses with 4xx code"),
      right("5xx", "hrsp_5xx", 5, "metric", "Number of HTTP responses with 5xx code"),
      right("?xx", "hrsp_other", 5, "metric", "Number of HTTP responses with other code"),
      trend("req_rate", "HTTP request rate over the last refreshes (wide terminals)"),
    ],
  },
  {
    id: 4,
    name: "ERRORS",
    summary: "health, error counters and downtimes",
    columns: [
      NAME,
      W,
      STATUS,
      CHECK,
      right("CF", "chkfail", 3, "metric", "Number of failed checks"),
      right("CD", "chkdown", 3, "metric", "Number of UP->DOWN transitions"),
      right("CL", "lastchg", 3, "seconds", "Last status change"),
      right("ECONN", "econ", 5, "metric", "Connection errors"),
      right("EREQ", "ereq", 5, "metric", "Request errors"),
      right("ERSP", "eresp", 5, "metric", "Response errors"),
      right("DREQ", "dreq", 5, "metric", "Denied requests"),
      right("DRSP", "dresp", 5, "metric", "Denied responses"),
      right("DOWN", "downtime", 5, "seconds", "Total downtime"),
    ],
  },
];
