/**
 * `--help` text, generated from the option table (the man page uses the same table).
 *
 * @module
 */
import { OPTION_TABLE, type OptionSpec } from "./option_table.ts";
import { GROUPS } from "./option_groups.ts";
import { PROGRAM } from "../version.ts";

export const USAGE = `Usage: ${PROGRAM} (-s SOCKET | -t HOST:PORT) [OPTIONS]...`;

/** The flags as shown in help: "-s SOCKET, --unix-socket=SOCKET" in the original's optparse style. */
export function displayFlags(spec: OptionSpec): string {
  const value = spec.flags.match(/<([^<>\s]+)>/)?.[1];
  return spec.flags.replace(/ <[^<>\s]+>/, "").split(", ").map((flag) =>
    value === undefined ? flag : flag.startsWith("--") ? `${flag}=${value}` : `${flag} ${value}`
  ).join(", ");
}

/** Word-wraps `text` to `width` columns. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/)) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines;
}

/** The whole help text, grouped like the original (Mandatory, Optional, Filters) plus our own groups. */
export function helpText(): string {
  const out = [USAGE, ""];
  const indent = 28;
  for (const { group, note } of GROUPS) {
    out.push(`  ${group}:`);
    if (note) { for (const line of wrap(note, 72)) out.push(`    ${line}`); }
    if (note) out.push("");
    for (const spec of OPTION_TABLE.filter((s) => s.group === group)) {
      const flags = `    ${displayFlags(spec)}`;
      const help = wrap(spec.help, 78 - indent);
      if (flags.length >= indent) {
        out.push(flags);
        for (const line of help) out.push(" ".repeat(indent) + line);
      } else {
        out.push(flags.padEnd(indent) + help[0]);
        for (const line of help.slice(1)) out.push(" ".repeat(indent) + line);
      }
    }
    out.push("");
  }
  return out.join("\n");
}
