/**
 * Every command-line option as data: `--help` and the man page are both generated from this table, so they
 * never disagree.
 *
 * @module
 */

/** A help section, in the order the original hatop printed them (plus two of our own). */
export type OptionGroup =
  | "Mandatory"
  | "Optional"
  | "Filters"
  | "Batch and check"
  | "Record and replay"
  | "Bulk actions"
  | "Info";

/** One option: flags, value name, help text and group. */
export interface OptionSpec {
  /** Flags and value name, e.g. "-s, --unix-socket <SOCKET>" (read by src/cli/argv.ts, shown in errors). */
  readonly flags: string;
  readonly help: string;
  readonly group: OptionGroup;
  /** Repeatable options collect every value. */
  readonly repeatable?: boolean;
  /**
   * What a shell completes as the option's value (`hatop completions`): file names, or these values with
   * what each means; absent: nothing (a value to type).
   */
  readonly complete?: "file" | readonly (readonly [string, string])[];
}

/** The modes of -m, by number: what `hatop completions` offers. */
export const MODE_NAMES: readonly (readonly [string, string])[] = [
  ["1", "STATUS"],
  ["2", "TRAFFIC"],
  ["3", "HTTP"],
  ["4", "ERRORS"],
  ["5", "CLI"],
];

/** The shells `hatop completions SHELL` writes a script for. */
/** The names `--view` takes, for its help and completions (tests/cli/completions.test.ts: every view's). */
export const VIEW_NAMES: readonly (readonly [string, string])[] = [
  ["status", "STATUS mode"],
  ["traffic", "TRAFFIC mode"],
  ["http", "HTTP mode"],
  ["stat-errors", "ERRORS mode"],
  ["cli", "embedded CLI"],
  ["events", "the events timeline"],
  ["certs", "TLS certificates"],
  ["errors", "show errors captures"],
  ["process", "info, activity, threads, pools"],
  ["resolvers", "DNS resolvers"],
  ["peers", "peers sections"],
  ["rings", "HAProxy event rings"],
  ["sessions", "show sess"],
  ["tables", "stick tables"],
  ["maps", "maps"],
  ["acls", "ACLs"],
];

export const COMPLETION_SHELLS = ["bash", "zsh", "fish"] as const;

/** Exit codes of a run with a bulk action. */
export const BULK_EXIT = { ok: 0, refused: 1, usage: 2, timedOut: 3, notAllowed: 4, socket: 5 } as const;

/** What each of {@linkcode BULK_EXIT} means, in code order (shown by --help, README and the man page). */
export const BULK_EXIT_TEXT: readonly (readonly [number, string])[] = [
  [BULK_EXIT.ok, "all done (and drained)"],
  [BULK_EXIT.refused, "HAProxy refused some servers, the others were done"],
  [BULK_EXIT.usage, "usage error, or a pattern that matches no server"],
  [BULK_EXIT.timedOut, "--wait-drained timed out"],
  [BULK_EXIT.notAllowed, "refused before sending anything (-n, or a socket level below admin)"],
  [BULK_EXIT.socket, "socket error (see each server's result)"],
];

export const OPTION_TABLE: readonly OptionSpec[] = [
  {
    flags: "-s, --unix-socket <SOCKET>",
    help: "path to the haproxy unix stats socket (or master CLI socket), or " +
      "ssh://[user@]host[:port]/path for one on another host, reached with your ssh client, keys and " +
      "agent (ssh command and options: $HATOP_SSH_COMMAND); ssh://host without a path finds the socket " +
      "in that host's HAProxy configuration",
    group: "Mandatory",
    complete: "file",
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
    flags: "--config <FILE>",
    help: "read named instances and groups from FILE (default: $XDG_CONFIG_HOME/hatop/config.toml, else " +
      "~/.config/hatop/config.toml); hatop @NAME opens the instance or group NAME, mixable with -s and -t",
    group: "Optional",
  },
  {
    flags: "-i, --update-interval <INTERVAL>",
    help: "update interval in seconds (1-30, default: 3)",
    group: "Optional",
  },
  {
    flags: "-m, --mode <MODE>",
    help: "start in specific mode (1-5, default: 1)",
    group: "Optional",
    complete: MODE_NAMES,
  },
  {
    flags: "--view <NAME>",
    help: "start on the view NAME instead of a mode: a view's name as the help screen and the : palette " +
      `list them (${VIEW_NAMES.map(([name]) => name).join(", ")}) or its key; with --batch, print that ` +
      "view's rows once",
    group: "Optional",
    complete: VIEW_NAMES,
  },
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
    help: "print one snapshot of mode -m 1-4 as plain text (the header block, then every row, names never " +
      "cut) and exit 0; with --view, that view's rows (exit 1 when the release or the socket's level cannot " +
      "show it, saying why)",
    group: "Batch and check",
  },
  {
    flags: "--no-header",
    help: "with --batch: omit the header block (version, pid, node, uptime, threads, idle, pipes, " +
      "connections, tasks, queue, proxies, services) that the text starts with, as the monitor's header",
    group: "Batch and check",
  },
  {
    flags: "--format <FORMAT>",
    help: "output of --batch, --check and the bulk actions: text (default) or json (show info and every " +
      "show stat field by name; the check result; the plan and results)",
    group: "Batch and check",
    complete: [["text", "plain text"], ["json", "JSON"]],
  },
  {
    flags: "--check",
    help: "exit 0 when every selected server is healthy (UP, no check, or an OPEN frontend), else exit 1 " +
      "listing the others with status and last check; DOWN, MAINT, DRAIN, NOLB and transitional states " +
      'such as "UP 1/3" or "DOWN 1/2" are not healthy',
    group: "Batch and check",
  },
  {
    flags: "--cert-days <N>",
    help: "with --check: also fail (exit 1) when a TLS certificate HAProxy loaded expires within N days " +
      "(0-3650), naming each with its days left (show ssl cert; needs level operator)",
    group: "Batch and check",
  },
  {
    flags: "--count <N>",
    help: "with --batch: print N snapshots -i seconds apart (0: until interrupted), each under a line " +
      "with its time and separated by an empty line, as top -b -n does; with --format json one object " +
      "per line, with its time",
    group: "Batch and check",
  },
  {
    flags: "-w, --wait <SECONDS>",
    help: "with --check: poll every second until healthy, the last poll once SECONDS have passed (then " +
      "exit 1 when servers are still not healthy, 2 when a socket still does not answer)",
    group: "Batch and check",
  },
  {
    flags: "--record <FILE>",
    help: "while monitoring, or with --batch: append every snapshot to FILE (created with mode 0600): a " +
      "delta against the previous one per refresh, a full snapshot every few minutes; an existing " +
      "recording is appended to, any other file is refused. A write error is reported (the monitor says it " +
      "on its message line and marks REC FAILING in the title bar) and recording goes on at the next refresh",
    group: "Record and replay",
    complete: "file",
  },
  {
    flags: "--record-max <SIZE>",
    help: "rotate the recording by size so that it takes about SIZE at most (K, M, G: powers of 1024; at " +
      "least 1M): FILE is renamed FILE.1 (FILE.1 to FILE.2 ...) when it reaches SIZE/10, and FILE.9 is " +
      "removed; the newest parts are kept",
    group: "Record and replay",
  },
  {
    flags: "--record-full <MINUTES>",
    help: "minutes between two full snapshots in the recording (1-1440, default: 5); any moment is read " +
      "back from the full snapshot before it",
    group: "Record and replay",
  },
  {
    flags: "--replay <FILE>",
    help: "read the recording FILE (and its rotated parts FILE.1 ...) instead of a socket: the monitor " +
      "plays it (SPACE pause/resume, LEFT/RIGHT one refresh back/forward, J jump to a time, +/- speed " +
      "1x-100x; the title bar shows REPLAY and the recording's time; nothing can be sent); with --batch, " +
      "print a moment as the live --batch printed it then; with --events, list what changed",
    group: "Record and replay",
    complete: "file",
  },
  {
    flags: "--at <TIME>",
    help:
      "with --replay: the moment to show (paused) or print, the latest refresh at or before TIME: an ISO 8601 " +
      "time such as 2026-12-03T06:40:00Z (without a zone: local time), or an offset from the start such as " +
      "+90s, +5m, +1h30m, or from the end such as -5m (default: --batch the last moment, with --count the first; the monitor plays from the start)",
    group: "Record and replay",
  },
  {
    flags: "--events",
    help: "with --replay: list every state transition of the recording, oldest first: status, admin state " +
      "(MAINT, DRAIN), check status and code, weight, a backend losing its last server, a reload, a " +
      "restart, counters reset, services added or removed, an instance unreachable or back; --format json " +
      "gives one object per line",
    group: "Record and replay",
  },
  {
    flags: "--ready <PATTERN>",
    help: "set the servers to state ready: back in load balancing",
    group: "Bulk actions",
    repeatable: true,
  },
  {
    flags: "--drain <PATTERN>",
    help: "set the servers to state drain: no new sessions, current ones go on, checks go on",
    group: "Bulk actions",
    repeatable: true,
  },
  {
    flags: "--maint <PATTERN>",
    help: "set the servers to state maint: out of service, checks stop",
    group: "Bulk actions",
    repeatable: true,
  },
  {
    flags: "--weight <PATTERN=N>",
    help: "set the weight of the servers: N (0-256) or N% of their initial weight",
    group: "Bulk actions",
    repeatable: true,
  },
  {
    flags: "--health <PATTERN=on|off>",
    help: "enable or disable the servers' health checks",
    group: "Bulk actions",
    repeatable: true,
  },
  {
    flags: "--agent <PATTERN=on|off>",
    help: "enable or disable the servers' agent checks",
    group: "Bulk actions",
    repeatable: true,
  },
  {
    flags: "--dry-run",
    help: "print the plan only and send nothing (allowed with -n)",
    group: "Bulk actions",
  },
  {
    flags: "--wait-drained <SECONDS>",
    help: "with --drain or --maint: poll every second, printing which servers still have sessions " +
      "(scur), until none has or SECONDS have passed (exit 3 then)",
    group: "Bulk actions",
  },
  { flags: "--version", help: "show program's version number and exit", group: "Info" },
  { flags: "-h, --help", help: "show this help message and exit", group: "Info" },
];
