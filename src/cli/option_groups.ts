/**
 * The sections of `--help` and the man page, in order, each with the note printed under its title.
 *
 * @module
 */
import { BULK_EXIT_TEXT, COMPLETION_SHELLS, type OptionGroup } from "./option_table.ts";

/** Group headings and their notes, in display order. */
export const GROUPS: readonly { readonly group: OptionGroup; readonly note?: string }[] = [
  {
    group: "Mandatory",
    note: "--unix-socket, --tcp-socket, or @NAME (an instance or a group of the config file, see " +
      "--config); all may be given several times, and mixed, to watch several HAProxy instances (or " +
      "processes) in one view. Without any, the config file's default is opened, else the stats socket " +
      "with the highest level found in the HAProxy configuration (the -f files of a running haproxy, else " +
      "/etc/haproxy/haproxy.cfg; $HATOP_HAPROXY_CONFIG names others), saying which file and line; when " +
      "none is found, this help is shown with what was looked at (exit 0).",
  },
  { group: "Optional" },
  { group: "Filters", note: "Note: All filter options may be given multiple times." },
  {
    group: "Batch and check",
    note: "For scripts and CI: print once, or test health, then exit without opening the monitor.",
  },
  {
    group: "Record and replay",
    note: "A recording is gzip-compressed JSON lines (zcat FILE | jq), described in docs/record-format.md. " +
      "It is written by the monitor and by --batch (--record), and read by the monitor, --batch and --events " +
      "(--replay).",
  },
  {
    group: "Bulk actions",
    note: "For scripts: one action per run on every server a PATTERN matches. PATTERN is proxy/server " +
      "with the globs * ? [...] ('be_app/web*', '*/web1'); repeat the option for more patterns; a pattern " +
      "that matches no server is an error. The plan (each server with its [#iid/#sid] and the exact " +
      "command, which names it by id) is printed, then one result per server with HAProxy's own refusal. " +
      "Needs level admin. Exit codes: " + BULK_EXIT_TEXT.map(([code, text]) => `${code} ${text}`).join("; ") +
      ".",
  },
  {
    group: "Info",
    note: `hatop completions ${COMPLETION_SHELLS.join("|")} prints a completion script for that shell ` +
      "(options, modes, socket and file names; README says how to install it).",
  },
];
