/**
 * Telling a refusal or an error from data, for every runtime command: HAProxy answers a command the release
 * lacks with "Unknown command…" (three spellings across releases), one the socket's level may not run with
 * "Permission denied" (or, for `show ssl cert` at level user, "Can't allocate memory!"), and a bad argument
 * with a one-line message. The reply's first line tells, with one exception: `show table <name>` at level
 * user prints the table's header, then `# contents not dumped due to insufficient privileges`. No refusal or
 * error is longer than a line, and data never starts with one of these texts.
 *
 * @module
 */
import {
  commandFacts,
  commandSupported,
  type Level,
  levelAllows,
  requiredLevel,
  syntaxOf,
} from "./commands.ts";
import { releaseLine } from "./version.ts";

/** The first line of a reply, trimmed ("" for an empty reply). */
export function firstLine(reply: string): string {
  return String(reply ?? "").split("\n")[0].trim();
}

/** `show table <name>` at too low a level: the header, then this line instead of the entries. */
const CONTENTS_REFUSED = /^# contents not dumped due to insufficient privileges/m;

/**
 * Whether HAProxy refused for a too low level: the first line is "Permission denied" (master CLI: "…!"), or
 * a table dump says its contents were not dumped.
 */
export function isPermissionDenied(reply: string): boolean {
  return /^Permission denied!?$/.test(firstLine(reply)) || CONTENTS_REFUSED.test(String(reply ?? ""));
}

/** Whether the first line is one of HAProxy's "Unknown command" texts (≤2.3, 2.4–2.6, 2.7+ spellings). */
export function isUnknownCommand(reply: string): boolean {
  return /^Unknown command\b/.test(firstLine(reply));
}

/** `show ssl cert` refuses level user with this text (2.2–3.4), not with "Permission denied". */
const SSL_CERT_DENIED = "Can't allocate memory!";

function denialOf(syntax: string | undefined, reply: string): boolean {
  if (isPermissionDenied(reply)) return true;
  return (syntax === "show ssl cert" || syntax === "show ssl cert <file>") &&
    firstLine(reply) === SSL_CERT_DENIED;
}

/**
 * Why the connected HAProxy did not run `commandLine`, read from its `reply`: "needs level operator" when it
 * refused the level, "needs HAProxy ≥ 2.6" when the release lacks the command; undefined when the reply is
 * the command's data (or an error about its arguments, see {@linkcode replyError}). `version` is the
 * release's version (`show info`), `level` the socket's level when known (`show cli level`).
 *
 * @example
 * ```ts
 * import { unsupportedReason } from "./reply.ts";
 * unsupportedReason("show sess", "Permission denied\n\n", "3.2.26-1", "user"); // "needs level operator (this socket is at level user)"
 * unsupportedReason("show version", "Unknown command. Please enter…\n", "2.2.9"); // "needs HAProxy ≥ 2.6 (this is 2.2)"
 * ```
 */
export function unsupportedReason(
  commandLine: string,
  reply: string,
  version: string,
  level?: Level,
): string | undefined {
  const syntax = syntaxOf(commandLine);
  if (denialOf(syntax, reply)) {
    const need = syntax ? requiredLevel(syntax, version) : undefined;
    const at = level ? ` (this socket is at level ${level})` : "";
    if (need && (!level || !levelAllows(level, need))) return `needs level ${need}${at}`;
    // At a level that may run it, "Can't allocate memory!" is what it says.
    if (!isPermissionDenied(reply)) return undefined;
    return `needs a higher level${at}`;
  }
  if (isUnknownCommand(reply) && syntax !== "help") {
    const facts = syntax ? commandFacts(syntax) : undefined;
    if (facts && !commandSupported(facts.syntax, version)) {
      return `needs HAProxy ≥ ${facts.since} (this is ${releaseLine(version)})`;
    }
    return `HAProxy ${releaseLine(version)} does not know "${commandLine.trim()}"`;
  }
  return undefined;
}

/**
 * Why a command cannot work, known before sending it: the release is too old for it, or the socket's level
 * (when known) is too low. Undefined when it should work; HAProxy's reply then still decides.
 */
export function expectedUnsupportedReason(
  syntax: string,
  version: string,
  level?: Level,
): string | undefined {
  if (!commandSupported(syntax, version)) {
    return `needs HAProxy ≥ ${commandFacts(syntax)!.since} (this is ${releaseLine(version)})`;
  }
  const need = requiredLevel(syntax, version);
  if (level && need && !levelAllows(level, need)) {
    return `needs level ${need} (this socket is at level ${level})`;
  }
  return undefined;
}

/** One-line replies of read commands that are errors about the arguments, not data. */
const READ_ERRORS: readonly RegExp[] = [
  /^No such table\b/,
  /^Session not found\b/,
  /^Key not found\b/,
  /^Unknown (?:map|ACL) identifier\b/,
  /^Can't display the certificate\b/,
  /^Filter entry #\d+: /,
  /^Entry currently in use\b/,
  /^Data type not stored in this table\b/,
  /^Require /,
  /^Missing /,
  /^Unknown (?:table name|sink|peers section|resolvers section)\b/i,
  /^Can't find /,
  /^No such /,
];

/** Commands whose success is an empty reply: any text they print is an error message. */
const WRITES = /^(?:add|set|del|clear|shutdown|commit|abort|new|prepare) /;

/**
 * The error HAProxy answered instead of data (a missing table, session, key, map or certificate, a bad
 * filter, a busy entry, or any text a write printed), or undefined when the reply is data or a refusal
 * ({@linkcode unsupportedReason} tells those).
 */
export function replyError(commandLine: string, reply: string): string | undefined {
  const line = firstLine(reply);
  if (line === "" || isPermissionDenied(reply) || isUnknownCommand(reply)) return undefined;
  if (denialOf(syntaxOf(commandLine), reply)) return undefined;
  if (WRITES.test(commandLine.trim())) return line;
  return READ_ERRORS.some((re) => re.test(line)) ? line : undefined;
}
