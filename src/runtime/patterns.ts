/**
 * Maps and ACLs: `show map` / `show acl` (the pattern lists) and `show map <file>` / `show acl <file>`
 * (their entries), and the write commands that edit them.
 *
 * List: a `# id (file) description` header, then `<id> (<file>) <description>`, the file empty for an
 * inline ACL; from 2.6 the description ends with `. curr_ver=<n> next_ver=<n> entry_cnt=<n>`. Entries:
 * `0x<addr> <key> <value>` for a map (the value is the rest of the line, spaces included), `0x<addr>
 * <pattern>` for an ACL. The write commands print nothing on success.
 *
 * @module
 */
import { replyLines, toNumber } from "./text.ts";

/** One pattern list of `show map` or `show acl`. */
export interface PatternList {
  /** The numeric id (`#<id>` names it in commands). */
  readonly id: number;
  /** The file it was loaded from; undefined for a pattern written inline in the configuration. */
  readonly file?: string;
  /** What HAProxy says of it, without the version counters. */
  readonly description: string;
  /** Entries (`entry_cnt`, 2.6 and later). */
  readonly entries?: number;
  /** The committed and the next version (`curr_ver`, `next_ver`; 2.6 and later). */
  readonly currentVersion?: number;
  readonly nextVersion?: number;
}

const LIST_LINE = /^(\d+) \(([^)]*)\) (.*)$/;
const COUNTERS = /\.?\s*curr_ver=(\d+) next_ver=(\d+) entry_cnt=(\d+)\s*$/;

/** Parses `show map` or `show acl`. */
export function parsePatternLists(text: string): PatternList[] {
  const out: PatternList[] = [];
  for (const line of replyLines(text)) {
    const m = line.match(LIST_LINE);
    if (!m) continue;
    const counters = m[3].match(COUNTERS);
    out.push({
      id: Number(m[1]),
      ...(m[2] === "" ? {} : { file: m[2] }),
      description: counters ? m[3].slice(0, counters.index) : m[3],
      ...(counters
        ? {
          currentVersion: toNumber(counters[1]),
          nextVersion: toNumber(counters[2]),
          entries: toNumber(counters[3]),
        }
        : {}),
    });
  }
  return out;
}

/** One entry of a map. */
export interface MapEntry {
  /** The entry's address, `0x…` (`del map <file> #<id>` takes it too). */
  readonly id: string;
  readonly key: string;
  readonly value: string;
}

/** One entry of an ACL. */
export interface AclEntry {
  readonly id: string;
  readonly pattern: string;
}

const ENTRY = /^(0x[0-9a-fA-F]+) (\S+)(?: (.*))?$/;

/** Parses `show map <file>`: key, then the value (rest of the line). */
export function parseMapEntries(text: string): MapEntry[] {
  const out: MapEntry[] = [];
  for (const line of replyLines(text)) {
    const m = line.match(ENTRY);
    if (m) out.push({ id: m[1], key: m[2], value: m[3] ?? "" });
  }
  return out;
}

/** Parses `show acl <file>`: one pattern per line. */
export function parseAclEntries(text: string): AclEntry[] {
  const out: AclEntry[] = [];
  for (const line of replyLines(text)) {
    const m = line.match(/^(0x[0-9a-fA-F]+) (.+)$/);
    if (m) out.push({ id: m[1], pattern: m[2] });
  }
  return out;
}

/** A map or ACL edit hatop may send (after the operator confirmed it). */
export type PatternEdit =
  | {
    readonly op: "add map" | "set map";
    readonly file: string;
    readonly key: string;
    readonly value: string;
  }
  | { readonly op: "del map"; readonly file: string; readonly key: string }
  | { readonly op: "add acl" | "del acl"; readonly file: string; readonly pattern: string };

/** Escapes `;` and `\` as the runtime API requires inside an argument. */
function escapeArgument(word: string): string {
  return word.replace(/[\\;]/g, (c) => `\\${c}`);
}

/**
 * The command line of an edit, `;` and `\` escaped. Throws when the file, key, value or pattern is empty or
 * holds whitespace: HAProxy splits arguments at spaces and silently drops what follows the value's first word
 * (2.2 and 3.4 alike), so such an edit could not do what the operator typed.
 */
export function patternEditCommand(edit: PatternEdit): string {
  const word = (w: string, what: string) => {
    if (w === "" || /\s/.test(w)) throw new Error(`${what} must be one word: "${w}"`);
    return escapeArgument(w);
  };
  const file = word(edit.file, "the file");
  switch (edit.op) {
    case "add map":
    case "set map":
      return `${edit.op} ${file} ${word(edit.key, "the key")} ${word(edit.value, "the value")}`;
    case "del map":
      return `del map ${file} ${word(edit.key, "the key")}`;
    default:
      return `${edit.op} ${file} ${word(edit.pattern, "the pattern")}`;
  }
}
