/**
 * The man page (hatop.1), generated from the same option table as `--help` and the same key reference as the
 * online help, so the three never disagree. `deno task man` writes it.
 *
 * @module
 */
import { BULK_EXIT_TEXT, OPTION_TABLE } from "./option_table.ts";
import { GROUPS } from "./option_groups.ts";
import { displayFlags } from "./help.ts";
import { HELP_LINES } from "../app/mod.ts";
import { PROGRAM, VERSION } from "../version.ts";

/** Escapes text for roff: backslashes, leading dots and quotes, hyphens in options. */
function roff(text: string): string {
  return text.replaceAll("\\", "\\e").replaceAll("-", "\\-").replace(/^([.'])/, "\\&$1");
}

/** The whole man page in roff. */
export function manPage(): string {
  const out = [
    `.TH ${PROGRAM.toUpperCase()} 1 "" "${PROGRAM} ${VERSION}" "User Commands"`,
    ".SH NAME",
    `${PROGRAM} \\- interactive monitor and control client for the HAProxy stats socket`,
    ".SH SYNOPSIS",
    `.B ${PROGRAM}`,
    "(\\fB\\-s\\fR \\fISOCKET\\fR | \\fB\\-t\\fR \\fIHOST:PORT\\fR) [\\fIOPTIONS\\fR]...",
    ".SH DESCRIPTION",
    `${PROGRAM} shows every frontend, backend and server of an HAProxy in near real time, in five modes`,
    "(STATUS, TRAFFIC, HTTP, ERRORS and an embedded HAProxy command line), and acts on servers (enable,",
    "disable, drain, weight) through the same socket. It works with HAProxy 1.4 to 3.x over a unix or TCP",
    "stats socket. Actions need a socket with \\fBlevel admin\\fR.",
    ".PP",
    "With \\fB\\-\\-batch\\fR or \\fB\\-\\-check\\fR it prints once and exits, for scripts and CI; with a",
    "bulk action (\\fB\\-\\-drain\\fR \\fIPATTERN\\fR and others) it changes every server a pattern matches,",
    "printing the plan and each server's result, and can wait until they have no sessions left.",
    ".SH OPTIONS",
  ];
  for (const { group, note } of GROUPS) {
    out.push(`.SS ${group}`);
    if (note) out.push(roff(note));
    for (const spec of OPTION_TABLE.filter((s) => s.group === group)) {
      out.push(".TP", `.B ${roff(displayFlags(spec))}`, roff(spec.help));
    }
  }
  out.push(
    ".SH EXIT STATUS",
    ".TP",
    ".B 0",
    "quit, help, version; with \\-\\-check: every selected server is healthy",
    ".TP",
    ".B 1",
    "invalid option values, proxy not found, no terminal for the monitor; with \\-\\-check: not healthy",
    ".TP",
    ".B 2",
    "usage errors (unknown option, missing value) and socket errors (with \\-\\-check \\-\\-wait: a socket " +
      "that still does not answer at the last poll)",
    ".PP",
    "With a bulk action (\\-\\-ready, \\-\\-drain, \\-\\-maint, \\-\\-weight, \\-\\-health, \\-\\-agent):",
    ...BULK_EXIT_TEXT.flatMap(([code, text]) => [".TP", `.B ${code}`, roff(text)]),
    ".SH KEYS",
    ".nf",
    ...HELP_LINES.map(roff),
    ".fi",
    ".SH ENVIRONMENT",
    ".TP",
    ".B NO_COLOR",
    "when set (non-empty), no colours are used; states are shown in bold instead",
    ".TP",
    ".B HATOP_SSH_COMMAND",
    roff(
      "the ssh command and extra options for ssh:// sockets (default: ssh), split into words like a shell " +
        'would, without expansions, e.g. "ssh -F /etc/hatop/ssh_config"',
    ),
    ".SH SEE ALSO",
    ".BR haproxy (1)",
  );
  return out.join("\n") + "\n";
}
