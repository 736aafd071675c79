/**
 * What each runtime command needs: the first release that has it and the socket level it requires, per
 * release. Every fact here was tried on the real releases of the test matrix (2.2, 2.6, 3.0, 3.2, 3.4) with
 * scripts/lab/capture_levels.ts, whose results are tests/fixtures/runtime/<line>/levels.txt; a test keeps
 * this table equal to them. Between two tested releases the older fact is assumed; HAProxy's own reply
 * ("Permission denied", "Unknown command") always has the last word (see reply.ts).
 *
 * @module
 */
import { versionAtLeast } from "./version.ts";

/** A socket's privilege level, lowest first in {@linkcode LEVEL_ORDER}. */
export type Level = "user" | "operator" | "admin";

/** The levels from lowest to highest. */
export const LEVEL_ORDER: readonly Level[] = ["user", "operator", "admin"];

/** Where a command's required level changed: from release `since` on, it needs `level`. */
export interface LevelStep {
  readonly since: string;
  readonly level: Level;
}

/** What is known of one command. */
export interface CommandFacts {
  /** The command as documented, placeholders in `<>`. */
  readonly syntax: string;
  /** The first release of the test matrix that has it ("2.2" when all have it). */
  readonly since: string;
  /** The required level, oldest first. */
  readonly levels: readonly LevelStep[];
  /** What is odd about its reply, for the reader of the facts (shown nowhere). */
  readonly note?: string;
}

const always = (level: Level): LevelStep[] => [{ since: "2.2", level }];
/** Maps and ACLs: any level up to 3.2, admin on 3.4 (3.3 was not tried). */
const patterns: LevelStep[] = [{ since: "2.2", level: "user" }, { since: "3.4", level: "admin" }];

/** Every command hatop reads or writes on the runtime API, by syntax. */
export const COMMANDS: readonly CommandFacts[] = [
  { syntax: "show sess", since: "2.2", levels: always("operator") },
  { syntax: "show sess <id>", since: "2.2", levels: always("operator") },
  { syntax: "shutdown session <id>", since: "2.2", levels: always("admin") },
  { syntax: "show table", since: "2.2", levels: always("user") },
  {
    syntax: "show table <name>",
    since: "2.2",
    levels: always("operator"),
    note: "at level user: the header, then `# contents not dumped due to insufficient privileges`",
  },
  { syntax: "show table <name> data.<type> <op> <value>", since: "2.2", levels: always("operator") },
  {
    syntax: "show table <name> key <key>",
    since: "2.2",
    levels: always("operator"),
    note: "a key the table does not hold gives an empty reply, without the table's header",
  },
  {
    syntax: "clear table <name> key <key>",
    since: "2.2",
    levels: always("operator"),
    note: '3.0 may answer "Entry currently in use, cannot remove" for a moment after the entry was used',
  },
  { syntax: "show map", since: "2.2", levels: patterns },
  { syntax: "show map <file>", since: "2.2", levels: patterns },
  { syntax: "add map <file> <key> <value>", since: "2.2", levels: patterns },
  { syntax: "set map <file> <key> <value>", since: "2.2", levels: patterns },
  { syntax: "del map <file> <key>", since: "2.2", levels: patterns },
  { syntax: "show acl", since: "2.2", levels: patterns },
  { syntax: "show acl <file>", since: "2.2", levels: patterns },
  { syntax: "add acl <file> <pattern>", since: "2.2", levels: patterns },
  { syntax: "del acl <file> <pattern>", since: "2.2", levels: patterns },
  {
    syntax: "show ssl cert",
    since: "2.2",
    levels: always("operator"),
    note: 'at level user HAProxy answers "Can\'t allocate memory!" instead of "Permission denied"',
  },
  { syntax: "show ssl cert <file>", since: "2.2", levels: always("operator") },
  { syntax: "show errors", since: "2.2", levels: always("operator") },
  { syntax: "show info", since: "2.2", levels: always("user") },
  {
    syntax: "show activity",
    since: "2.2",
    levels: [{ since: "2.2", level: "user" }, { since: "3.0", level: "operator" }],
  },
  { syntax: "show threads", since: "2.2", levels: always("user") },
  { syntax: "show pools", since: "2.2", levels: always("user") },
  { syntax: "show resolvers", since: "2.2", levels: always("user") },
  { syntax: "show peers", since: "2.2", levels: always("user") },
  { syntax: "show events", since: "2.2", levels: always("user") },
  { syntax: "show events <sink>", since: "2.2", levels: always("operator") },
  { syntax: "show version", since: "2.6", levels: always("user") },
  { syntax: "show cli level", since: "2.2", levels: always("user") },
  {
    syntax: "help",
    since: "2.2",
    levels: always("user"),
    note: '2.2 prints its list under "Unknown command. Please enter one of the following commands only :"',
  },
];

/** The facts of a command by its syntax, or undefined. */
export function commandFacts(syntax: string): CommandFacts | undefined {
  return COMMANDS.find((c) => c.syntax === syntax);
}

/** Whether the release of `version` has the command (unknown commands and unreadable versions: true). */
export function commandSupported(syntax: string, version: string): boolean {
  const facts = commandFacts(syntax);
  return facts === undefined || versionAtLeast(version, facts.since);
}

/** The level the command needs on the release of `version`; undefined for a command not in the table. */
export function requiredLevel(syntax: string, version: string): Level | undefined {
  const facts = commandFacts(syntax);
  if (!facts) return undefined;
  let level = facts.levels[0].level;
  for (const step of facts.levels) if (versionAtLeast(version, step.since)) level = step.level;
  return level;
}

/** Whether a socket at `have` may run a command that needs `need`. */
export function levelAllows(have: Level, need: Level): boolean {
  return LEVEL_ORDER.indexOf(have) >= LEVEL_ORDER.indexOf(need);
}

/**
 * The syntax of {@linkcode COMMANDS} a command line is an instance of, e.g. "show sess 0x55d9" →
 * "show sess <id>", "show table fe data.gpc0 gt 0" → "show table <name> data.<type> <op> <value>";
 * undefined when none fits.
 */
export function syntaxOf(commandLine: string): string | undefined {
  const words = commandLine.trim().split(/\s+/);
  let best: { syntax: string; fixed: number } | undefined;
  for (const { syntax } of COMMANDS) {
    const parts = syntax.split(" ");
    if (parts.length !== words.length) continue;
    let fixed = 0;
    const fits = parts.every((p, i) => {
      if (p.startsWith("<") || p.startsWith("data.<")) {
        return !p.startsWith("data.") || words[i].startsWith("data.");
      }
      fixed++;
      return p === words[i];
    });
    if (fits && (!best || fixed > best.fixed)) best = { syntax, fixed };
  }
  return best?.syntax;
}
