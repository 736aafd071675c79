/**
 * Every command-line option as data: `--help` and the man page are both generated from this table, so they
 * never disagree.
 *
 * @module
 */

/** A help section, in the order the original hatop printed them (plus two of our own). */
export type OptionGroup = "Mandatory" | "Optional" | "Filters" | "Batch and check" | "Info";

/** One option: commander flags, value name, help text and group. */
export interface OptionSpec {
  /** Commander flags, e.g. "-s, --unix-socket <SOCKET>". */
  readonly flags: string;
  readonly help: string;
  readonly group: OptionGroup;
  /** Repeatable options collect every value. */
  readonly repeatable?: boolean;
}

/** Group headings and their notes, in display order. */
export const GROUPS: readonly { readonly group: OptionGroup; readonly note?: string }[] = [
  {
    group: "Mandatory",
    note: "--unix-socket or --tcp-socket; both may be given several times to watch several HAProxy " +
      "instances (or processes) in one view. Without either, this help is shown.",
  },
  { group: "Optional" },
  { group: "Filters", note: "Note: All filter options may be given multiple times." },
  {
    group: "Batch and check",
    note: "For scripts and CI: print once, or test health, then exit without opening the monitor.",
  },
  { group: "Info" },
];

export const OPTION_TABLE: readonly OptionSpec[] = [
  {
    flags: "-s, --unix-socket <SOCKET>",
    help: "path to the haproxy unix stats socket (or master CLI socket), or " +
      "ssh://[user@]host[:port]/path for one on another host, reached with your ssh client, keys and " +
      "agent (ssh command and options: $HATOP_SSH_COMMAND)",
    group: "Mandatory",
    repeatable: true,
  },
  {
    flags: "-t, --tcp-socket <ADDRESS>",
    help: "address of the haproxy tcp stats socket: host:port, [ipv6]:port, ipv4@host:port, " +
      "ipv6@[addr]:port or unix@/path",
    group: "Mandatory",
    repeatable: true,
  },
  {
    flags: "-i, --update-interval <INTERVAL>",
    help: "update interval in seconds (1-30, default: 3)",
    group: "Optional",
  },
  { flags: "-m, --mode <MODE>", help: "start in specific mode (1-5, default: 1)", group: "Optional" },
  { flags: "-n, --read-only", help: "disable the cli and query for stats only", group: "Optional" },
  {
    flags: "-T, --timeout <SECONDS>",
    help: "socket timeout for each command in seconds (default: 5; raise it for slow or forwarded sockets)",
    group: "Optional",
  },
  {
    flags: "--no-mouse",
    help: "do not take the mouse (clicks select rows and modes, the wheel scrolls; without it the terminal " +
      "selects text as usual)",
    group: "Optional",
  },
  {
    flags: "-f, --filter <FILTER>",
    help: 'stat filter in format "<iid> <type> <sid>"',
    group: "Filters",
    repeatable: true,
  },
  {
    flags: "-p, --proxy <PROXY>",
    help: 'proxy filter in format "<pxname>"',
    group: "Filters",
    repeatable: true,
  },
  {
    flags: "-b, --batch",
    help: "print one snapshot of mode -m 1-4 as plain text (every row, names never cut) and exit 0",
    group: "Batch and check",
  },
  {
    flags: "--format <FORMAT>",
    help: "output of --batch and --check: text (default) or json (show info and every show stat " +
      "field by name)",
    group: "Batch and check",
  },
  {
    flags: "--check",
    help: "exit 0 when every selected server is healthy (UP, no check, or an OPEN frontend), else exit 1 " +
      "listing the others with status and last check; DOWN, MAINT, DRAIN, NOLB and transitional states " +
      'such as "UP 1/3" or "DOWN 1/2" are not healthy',
    group: "Batch and check",
  },
  {
    flags: "-w, --wait <SECONDS>",
    help: "with --check: poll every second until healthy or SECONDS have passed (exit 1 then)",
    group: "Batch and check",
  },
  { flags: "--version", help: "show program's version number and exit", group: "Info" },
  { flags: "-h, --help", help: "show this help message and exit", group: "Info" },
];
