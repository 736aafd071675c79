/**
 * The header block over the table, as top prints one over its processes: HAProxy's version and pid (or the
 * worker, or the instances), node and uptime, threads and idle, pipes and connections, procs, tasks, queue,
 * proxies and services. One pure function says what it holds, so that the monitor's header
 * (src/app/chrome/header.ts draws it in place) and `--batch` text (headerText) show the same thing.
 *
 * @module
 */
import { infoNumber } from "./info.ts";
import type { Info } from "./types.ts";

/** A header line: its left part, and the right parts that may follow it, longest first. */
export interface HeaderLine {
  readonly left: string;
  readonly right: readonly string[];
}

/** A usage (pipes, connections): what is used of how many; undefined when HAProxy does not say. */
export interface Usage {
  readonly label: string;
  readonly used: number | undefined;
  readonly max: number | undefined;
}

/** What the header block holds, line by line. */
export interface HeaderBlock {
  readonly version: HeaderLine;
  readonly node: HeaderLine;
  readonly pipes: Usage;
  readonly connections: Usage;
  readonly counters: HeaderLine;
}

/** What the block is made from. */
export interface HeaderSource {
  /** `show info` (with several instances, the fleet's sums); undefined before the first answer. */
  readonly info: Info | undefined;
  /** What to say before the first answer (the socket being connected to). */
  readonly connecting: string;
  /** How many instances the figures sum over (1: one process). */
  readonly instances: number;
  /** The version line's right part in place of the PID (instances, a master CLI's worker), longest first. */
  readonly process?: readonly string[];
  readonly proxies: number | undefined;
  readonly services: number | undefined;
}

/** The header block of a source. */
export function headerBlock(src: HeaderSource): HeaderBlock {
  const { info } = src;
  const get = (k: string) => info?.get(k) ?? "";
  const num = (k: string) => (info ? infoNumber(info, k) : undefined);
  const version = info
    ? `${get("Name") || "HAProxy"} Version: ${get("Version")}  (released: ${get("Release_date")})`
    : `connecting to ${src.connecting}...`;
  const pid = get("Pid") || "?";
  const pids = src.process ?? [`PID: ${pid} (proc ${get("Process_num") || "?"})`, `PID: ${pid}`];
  const node = src.instances > 1
    ? `      Nodes: ${get("node")} (figures: sums over those answering)`
    : `       Node: ${get("node") || "unknown"} (uptime ${get("Uptime") || "?"})`;
  const threads = get("Nbthread") || "1";
  const idle = `Idle: ${get("Idle_pct") || "?"}%${src.instances > 1 ? " min" : ""}`;
  const n = (v: number | undefined, width: number) => String(v ?? "?").padStart(width);
  const counters =
    `Procs: ${n(num("Nbproc"), 3)}   Tasks: ${n(num("Tasks"), 5)}    Queue: ${n(num("Run_queue"), 5)}` +
    `    Proxies: ${n(src.proxies, 3)}   Services: ${n(src.services, 4)}`;
  return {
    version: { left: version, right: pids },
    node: { left: node, right: [`Threads: ${threads}   ${idle}`, `Threads: ${threads} ${idle}`, idle] },
    pipes: { label: "      Pipes:", used: num("PipesUsed"), max: num("Maxpipes") },
    connections: { label: "Connections:", used: num("CurrConns"), max: num("Maxconn") },
    counters: { left: counters, right: [] },
  };
}

/** Where a line's right-hand part starts when there is room (the monitor's header uses it too). */
export const RIGHT_COLUMN = 56;

/**
 * The block as text lines for `--batch`, each indented by two like the monitor's and never cut: a line's
 * longest right part at {@linkcode RIGHT_COLUMN}, or two spaces after its left part; a usage as used/max.
 */
export function headerText(block: HeaderBlock): string[] {
  const line = ({ left, right }: HeaderLine) => {
    const text = `  ${left}`;
    return right.length === 0 ? text : `${text.padEnd(RIGHT_COLUMN - 2)}  ${right[0]}`;
  };
  const usage = (u: Usage) => `  ${u.label} ${u.used ?? "?"}/${u.max ?? "?"}`;
  return [
    line(block.version),
    line(block.node),
    usage(block.pipes),
    usage(block.connections),
    line(block.counters),
  ];
}
