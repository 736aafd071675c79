/**
 * The online help (mode 0): the reference for every key, built from the same data the program uses (modes,
 * hotkeys), so it cannot drift from what the keys do.
 *
 * @module
 */
import { STAT_MODES } from "../stats/columns.ts";
import { HOTKEYS } from "./hotkeys.ts";
import { PROGRAM, VERSION } from "../version.ts";

const row = (key: string, text: string) => `  ${key.padEnd(22)} ${text}`;

function build(): string[] {
  const out: string[] = [
    `${PROGRAM} ${VERSION}: an interactive monitor and control client for HAProxy's stats socket`,
    "=".repeat(76),
    "",
    "Display modes",
    "",
    row("1  STATUS", "health, session and queue statistics (default)"),
    row("2  TRAFFIC", "connection and request rates, traffic"),
    row("3  HTTP", "HTTP request rates and response codes"),
    row("4  ERRORS", "health, error counters and downtimes"),
    row("5  CLI", "embedded HAProxy command line (not with --read-only)"),
    "",
    "Keys everywhere",
    "",
    row("H h ?", "this help (UP/DOWN/PGUP/PGDOWN/HOME/END scroll it)"),
    row("q Q / Ctrl-C", "quit (in the CLI: Ctrl-C or ALT-q)"),
    row("TAB / SHIFT-TAB", "next / previous mode"),
    row("1-5 / ALT-n / ESC n", "switch to mode n (in the CLI only ALT-n / ESC n)"),
    row("ESC", "modes 1-4: close what is open (dialog, filter, detail, menu, message),"),
    row("", "then clear the filter; else (and in help, CLI) back to the previous mode"),
    row("ESC ESC", "back to the previous mode at once"),
    "",
    "Keys in the stat modes (1-4)",
    "",
    row("UP / DOWN", "move the cursor one line"),
    row("PGUP / PGDOWN", "move the cursor ten lines"),
    row("HOME / END, Ctrl-A/E", "first / last line"),
    row("ENTER", "on a server row: show the hotkey menu"),
    row("SPACE", "on a server row: paste <proxy>/<server> into the CLI and open it"),
    row("/", "filter by proxy or server name as you type (~ starts a regular expression)"),
    row("s / S", "sort servers within their proxy by the next column / reverse the order"),
    row("i", "every field of the selected service, grouped, live (i or ESC closes)"),
    row("a", "actions on the selected server: state, weight, maxconn, checks, sessions"),
    row("mouse", "click a row or a mode tab; the wheel scrolls (not with --no-mouse)"),
    "",
    "Several sockets and master CLI sockets",
    "",
    row("g", "several sockets: group by proxy (aggregate rows) or by instance"),
    row("w", "master CLI socket: show the next worker (old ones still draining), or follow the current"),
    "  Aggregate rows sum sessions, rates, bytes and errors; STATUS counts healthy instances (UP 3/4,",
    "  or no check 2/2 when no instance checks the server).",
    "  An instance that stops answering keeps its last rows, marked ?UP, ?DOWN..., and is retried.",
    "  An action on an aggregate row goes to every instance, after a confirmation.",
    "",
    "Hotkeys (server rows; not with --read-only; the socket needs level admin)",
    "",
    ...HOTKEYS.map((h) => row(`${h.key.toUpperCase().padEnd(3)}  ${h.label}`, h.help)),
    "",
    "  Every hotkey command and HAProxy's reply is logged in the CLI (mode 5); the row",
    "  shows 'updating' until a refresh shows the new state. Weight keys pressed meanwhile are",
    "  queued and sent in order, each on the weight HAProxy confirmed. A hotkey that cannot be sent",
    "  (DISCONNECTED, level too low) says so and is logged too.",
    "",
    "Keys in the CLI (mode 5)",
    "",
    row("ENTER", "run the line (commands split on ';' run one by one); empty: a marker"),
    row("LEFT / RIGHT", "move in the line"),
    row("HOME / END, Ctrl-A/E", "start / end of the line"),
    row("BACKSPACE / DEL", "delete before / under the cursor (Ctrl-H is BACKSPACE)"),
    row("Ctrl-U / Ctrl-K", "delete to the start / to the end of the line"),
    row("Ctrl-W", "delete the word before the cursor"),
    row("UP / DOWN", "older / newer history entry (100 kept; the unsent line comes back)"),
    row("PGUP / PGDOWN", "scroll the output a page"),
    "  Output lines longer than the screen wrap at its width; each continuation starts with '+ '.",
    "  The CLI shares the monitor's connection, so these are refused (the reason is shown):",
    "  prompt, quit, set timeout cli (the monitor owns them); user, operator (they would lower the",
    "  connection's level, and every action would be refused); set severity-output (it changes every",
    "  reply); show events -w (it never ends); payload commands (<<). A refused line leaves the input",
    "  line; UP brings it back. expert-mode, experimental-mode and mcli-debug-mode are sent.",
    "",
    "Header",
    "",
    row("Node / uptime", "HAProxy's node name and uptime"),
    row("Threads / Idle", "HAProxy's threads and idle percentage"),
    row("Pipes / Connections", "used and maximum pipes and connections"),
    row("Procs", "processes (always 1 since HAProxy 2.5)"),
    row("Tasks / Queue", "tasks and run queue"),
    row("Proxies / Services", "proxies and rows (frontends, backends, servers) shown"),
    row("several sockets", "Nodes lists every instance (? after one not answering); the figures"),
    row("", "are sums over the instances answering, Idle the lowest (min)"),
    "",
    "Columns",
  ];
  for (const mode of STAT_MODES) {
    out.push("", `  ${mode.id}-${mode.name}`);
    for (const c of mode.columns) out.push(row(`  ${c.header}`, c.help));
  }
  out.push(
    "",
    "Status colours: UP green, DOWN red, MAINT magenta, DRAIN and NOLB yellow, transitional (UP 1/3) cyan.",
    "Under NO_COLOR or a terminal without colours, DOWN and transitional states are bold.",
    "",
    "Health check codes (CHECK column)",
    "",
    row("UNK / INI", "unknown / initialising"),
    row("SOCKERR", "socket error"),
    row("L4OK / L4TOUT / L4CON", "layer 4 (TCP) passed / timed out / connection problem"),
    row("L6OK / L6TOUT / L6RSP", "layer 6 (SSL) passed / timed out / invalid response"),
    row("L7OK / L7OKC", "layer 7 (HTTP/SMTP) passed / conditionally passed"),
    row("L7TOUT / L7RSP / L7STS", "layer 7 timed out / invalid response / bad status"),
    row("PROCOK/PROCERR/PROCTOUT", "external check passed / failed / timed out"),
    row("* <code>", "a check is running; the code is the last result"),
  );
  return out;
}

/** The help screen's lines. */
export const HELP_LINES: readonly string[] = build();
