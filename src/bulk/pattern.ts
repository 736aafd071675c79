/**
 * `proxy/server` patterns with shell globs (`*`, `?`, `[...]`), as an operator types them for a bulk action
 * (`be_app/web*`, `be_[ab]/s?`, or `*` as the proxy for a server of that name in every backend), and their
 * matching against the server rows of snapshots.
 *
 * HAProxy names hold only letters, digits and `-_.:`, so every other character is either a glob or a mistake:
 * a pattern is refused with a message naming the problem rather than matching something unexpected.
 *
 * @module
 */
import type { InstanceSnapshot } from "../stats/fleet.ts";
import { type ProxyGroup, ROW_TYPE, type StatRow } from "../stats/types.ts";
import type { Target } from "./plan.ts";

/** A parsed pattern: the text as typed and one anchored expression per side of the `/`. */
export interface ServerPattern {
  readonly text: string;
  readonly proxy: RegExp;
  readonly server: RegExp;
}

/** A malformed pattern; the message names the pattern and the problem. */
export class PatternError extends Error {}

const NAME_CHAR = /^[A-Za-z0-9_.:-]$/;
const ALPHABET = "letters, digits, - _ . : and the globs * ? [...]";

function escaped(c: string): string {
  return c.replace(/[.\-:]/g, "\\$&");
}

/** One side of a pattern as the source of a regular expression; throws {@linkcode PatternError}. */
function globSource(glob: string, text: string, side: "proxy" | "server"): string {
  const bad = (why: string) => new PatternError(`pattern '${text}': ${why}`);
  if (glob === "") throw bad(`the ${side} part is empty (use * for every ${side})`);
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*") out += ".*";
    else if (c === "?") out += ".";
    else if (c === "[") {
      const end = glob.indexOf("]", i + 1);
      if (end < 0) throw bad("'[' is not closed by ']'");
      out += classSource(glob.slice(i + 1, end), bad);
      i = end;
    } else if (c === "]") throw bad("']' without '['");
    else if (NAME_CHAR.test(c)) out += escaped(c);
    else throw bad(`'${c}' cannot appear in a proxy or server name (${ALPHABET})`);
  }
  return out;
}

/** The inside of `[...]`: name characters and ranges `a-z`, negated by a leading `!` or `^`. */
function classSource(inside: string, bad: (why: string) => PatternError): string {
  const negated = inside[0] === "!" || inside[0] === "^";
  const body = negated ? inside.slice(1) : inside;
  if (body === "") throw bad(`'[${inside}]' lists no character`);
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (!NAME_CHAR.test(c)) throw bad(`'${c}' in '[${inside}]' cannot appear in a name`);
    const range = body[i + 1] === "-" && i + 2 < body.length;
    if (range) {
      const to = body[i + 2];
      if (!NAME_CHAR.test(to)) throw bad(`'${to}' in '[${inside}]' cannot appear in a name`);
      if (to < c) throw bad(`'${c}-${to}' in '[${inside}]' is an empty range`);
      out += `${escaped(c)}-${escaped(to)}`;
      i += 2;
    } else out += escaped(c);
  }
  return `[${negated ? "^" : ""}${out}]`;
}

/**
 * Parses `proxy/server`.
 *
 * @example
 * ```ts
 * import { parsePattern } from "./pattern.ts";
 * parsePattern("be_app/web*").server.test("web12"); // true
 * ```
 * @throws {PatternError} naming the pattern and what is wrong with it.
 */
export function parsePattern(text: string): ServerPattern {
  const parts = text.split("/");
  if (parts.length !== 2) {
    const hint = parts.length === 1 && text !== "" ? ` (for every server of it: '${text}/*')` : "";
    throw new PatternError(`pattern '${text}' is not proxy/server${hint}`);
  }
  const [proxy, server] = parts.map((part, i) => globSource(part, text, i === 0 ? "proxy" : "server"));
  return { text, proxy: new RegExp(`^${proxy}$`), server: new RegExp(`^${server}$`) };
}

/** The servers the patterns matched, or one message per pattern that matched none. */
export type MatchResult =
  | { readonly ok: true; readonly targets: readonly Target[] }
  | { readonly ok: false; readonly errors: readonly string[] };

/** At most this many names in a "has ..." hint. */
const HINT_NAMES = 8;

function hint(names: readonly string[]): string {
  const shown = names.slice(0, HINT_NAMES).join(", ");
  return names.length > HINT_NAMES ? `${shown}, ... (${names.length} in all)` : shown;
}

/** Why `pattern` matched nothing: no such proxy, or no such server in the proxies it names. */
function nothingMatched(pattern: ServerPattern, proxies: readonly { px: ProxyGroup; servers: StatRow[] }[]) {
  const inProxies = proxies.filter((p) => pattern.proxy.test(p.px.name));
  if (inProxies.length === 0) {
    const names = [...new Set(proxies.map((p) => p.px.name))];
    return `pattern '${pattern.text}' matches no proxy with servers` +
      (names.length > 0 ? ` (there are: ${hint(names)})` : " (there is none)");
  }
  const names = [...new Set(inProxies.flatMap((p) => p.servers.map((r) => r.svname)))];
  const where = [...new Set(inProxies.map((p) => p.px.name))];
  return `pattern '${pattern.text}' matches no server (${hint(where)} ${
    where.length === 1 ? "has" : "have"
  }: ` +
    `${hint(names)})`;
}

/**
 * Every server row (type 2) of the answering instances that some pattern matches, once each, in instance then
 * snapshot order (as the monitor lists them). A pattern that matches no server is an error naming it (with the proxies or servers there
 * are, to spot a typo); so is a matched row without numeric ids, which could not be addressed by id.
 * Stale instances are left out: their rows are old and they do not answer.
 */
export function matchTargets(
  patterns: readonly ServerPattern[],
  instances: readonly InstanceSnapshot[],
): MatchResult {
  const targets: Target[] = [];
  const seen = new Set<string>();
  const errors: string[] = [];
  const live = instances.filter((i) => i.snapshot && !i.stale);
  const proxies = live.flatMap((i) =>
    i.snapshot!.proxies.map((px) => ({
      instance: i.id,
      px,
      servers: px.servers.filter((r) => r.type === ROW_TYPE.server),
    }))
  ).filter((p) => p.servers.length > 0);
  const matched = patterns.map(() => 0);
  for (const { instance, servers, px } of proxies) {
    const proxyPatterns = patterns.flatMap((p, i) => (p.proxy.test(px.name) ? [i] : []));
    for (const row of servers) {
      const hits = proxyPatterns.filter((i) => patterns[i].server.test(row.svname));
      if (hits.length === 0) continue;
      for (const i of hits) matched[i]++;
      if (!Number.isInteger(row.iid) || !Number.isInteger(row.sid) || row.iid <= 0 || row.sid <= 0) {
        errors.push(
          `${row.pxname}/${row.svname} has no numeric id in show stat; it cannot be addressed safely`,
        );
        continue;
      }
      const key = `${instance} ${row.iid} ${row.sid}`;
      if (seen.has(key)) continue;
      seen.add(key);
      targets.push({ instance, proxy: row.pxname, server: row.svname, iid: row.iid, sid: row.sid });
    }
  }
  patterns.forEach((pattern, i) => {
    if (matched[i] === 0) errors.push(nothingMatched(pattern, proxies));
  });
  return errors.length > 0 ? { ok: false, errors: [...new Set(errors)] } : { ok: true, targets };
}
