/**
 * The CLI's own commands: `show version`, `show cli level` and `help`.
 *
 * `show version` prints the bare version (2.6 and later; 2.2 answers "Unknown command"). `show cli level`
 * prints `user`, `operator` or `admin`. `help` prints `The following commands are valid at this level:`
 * (2.2: `Unknown command. Please enter one of the following commands only :`) and one `  <syntax> :
 * <description>` line per command, a long description continued on lines indented further; the list is the
 * same at every level (2.2–3.4), so it does not tell what a level may run.
 *
 * @module
 */
import type { Level } from "./commands.ts";
import { replyLines } from "./text.ts";

/** The version `show version` printed, or undefined when the reply is not one (e.g. "Unknown command"). */
export function parseShowVersion(text: string): string | undefined {
  const line = replyLines(text)[0]?.trim() ?? "";
  return /^\d+\.\d+(?:[.-]\S*)?$/.test(line) ? line : undefined;
}

/** The level `show cli level` printed, or undefined. */
export function parseCliLevel(text: string): Level | undefined {
  const line = replyLines(text)[0]?.trim();
  return line === "user" || line === "operator" || line === "admin" ? line : undefined;
}

/** One command of `help`. */
export interface HelpEntry {
  /** The syntax as printed, e.g. `show table [<table> [<filter>]]`. */
  readonly syntax: string;
  readonly description: string;
}

const HEADERS = [
  /^The following commands are valid at this level:/,
  /^Unknown command\. Please enter one of the following commands only/,
];

/**
 * Parses `help` (and, on 2.2, the same list under its "Unknown command" header). An "Unknown command, but
 * maybe…" reply (2.4 and later, for a mistyped command) is not a help list: empty.
 */
export function parseHelp(text: string): HelpEntry[] {
  const lines = replyLines(text);
  if (!HEADERS.some((h) => h.test(lines[0] ?? ""))) return [];
  const out: { syntax: string; description: string }[] = [];
  for (const line of lines.slice(1)) {
    if (/^ {2}\S/.test(line)) {
      const at = line.indexOf(": ");
      const [syntax, description] = at < 0 ? [line, ""] : [line.slice(0, at), line.slice(at + 2)];
      out.push({ syntax: syntax.trim(), description: description.trim() });
    } else if (line.trim() !== "" && out.length > 0) {
      const last = out[out.length - 1];
      last.description = `${last.description} ${line.trim()}`.trim();
    }
  }
  return out;
}
