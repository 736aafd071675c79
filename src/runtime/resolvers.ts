/**
 * `show resolvers [<section>]`: DNS counters per nameserver.
 *
 * `Resolvers section <name>`, then per nameserver ` nameserver <name>:` and `  <counter>: <value>` lines
 * (`sent`, `snd_error`, `valid`, `update`, `cname`, `cname_error`, `any_err`, `nx`, `timeout`, `refused`,
 * `other`, `invalid`, `too_big`, `truncated`, `outdated` in 2.2–3.4). From 2.6 HAProxy adds a `default`
 * section from /etc/resolv.conf by itself. Keyed on names.
 *
 * @module
 */
import { replyLines, toNumber } from "./text.ts";

/** One nameserver and its counters. */
export interface Nameserver {
  readonly name: string;
  /** Counters by name; a value that is not a number is kept out. */
  readonly counters: Readonly<Record<string, number>>;
}

/** One resolvers section. */
export interface ResolversSection {
  readonly name: string;
  readonly nameservers: readonly Nameserver[];
}

/** Parses `show resolvers`. */
export function parseResolvers(text: string): ResolversSection[] {
  const sections: { name: string; nameservers: { name: string; counters: Record<string, number> }[] }[] = [];
  for (const line of replyLines(text)) {
    const section = line.match(/^Resolvers section (.+?)\s*$/);
    if (section) {
      sections.push({ name: section[1], nameservers: [] });
      continue;
    }
    const current = sections.at(-1);
    const ns = line.match(/^ nameserver (.+):\s*$/);
    if (ns && current) {
      current.nameservers.push({ name: ns[1], counters: {} });
      continue;
    }
    const counter = line.match(/^\s+(\w+):\s+(\S+)\s*$/);
    const server = current?.nameservers.at(-1);
    const value = toNumber(counter?.[2]);
    if (counter && server && value !== undefined) server.counters[counter[1]] = value;
  }
  return sections;
}
