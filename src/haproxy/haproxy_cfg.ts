/**
 * Where an HAProxy's runtime-API sockets are, read from its configuration and command line, for a start
 * without -s or -t (src/cli/discover.ts finds the files): the `stats socket` lines of the `global` sections
 * of every file (with their level, unix or TCP, `unix-bind prefix`), the master CLI of `-S`, and the `-f`
 * files and directories of a command line. Pure: text in, sockets with their file and line out.
 *
 * Lines are split as HAProxy does: blanks separate words, `#` starts a comment, `"..."` (with `${VAR}`
 * expanded from the environment given) and `'...'` quote, a backslash escapes the next character. A line
 * whose first word is a section keyword starts that section; `.if` blocks are read as if their condition held.
 *
 * @module
 */
import { parseTcpAddress, type SocketAddress } from "./address.ts";

/** A runtime-API privilege level, lowest first. */
export const SOCKET_LEVELS = ["user", "operator", "admin"] as const;

/** A runtime-API privilege level. */
export type SocketLevel = typeof SOCKET_LEVELS[number];

/** One file of an HAProxy configuration and its text. */
export interface CfgFile {
  readonly path: string;
  readonly text: string;
}

/** A socket found, and where. */
export interface FoundSocket {
  /** A `stats socket` line, or a command line's `-S`. */
  readonly kind: "stats" | "master";
  readonly address: SocketAddress;
  readonly level: SocketLevel;
  /** The file (or `command line of pid N`) and the 1-based line (0 for a command line). */
  readonly file: string;
  readonly line: number;
}

/** What a configuration gave: its sockets, and the lines that name a socket hatop cannot reach. */
export interface CfgSockets {
  readonly sockets: readonly FoundSocket[];
  readonly skipped: readonly string[];
}

const SECTIONS = new Set([
  "global",
  "defaults",
  "frontend",
  "backend",
  "listen",
  "peers",
  "resolvers",
  "userlist",
  "mailers",
  "program",
  "http-errors",
  "ring",
  "cache",
  "log-forward",
  "fcgi-app",
  "crt-store",
  "traces",
  "acme",
]);

/** The words of one configuration line, as HAProxy splits them (see the module's doc). */
export function cfgWords(
  line: string,
  env: (name: string) => string | undefined = () => undefined,
): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === undefined && (c === " " || c === "\t" || c === "\r")) {
      if (word !== undefined) words.push(word);
      word = undefined;
      continue;
    }
    if (quote === undefined && c === "#") break;
    if (c === "\\" && quote !== "'" && i + 1 < line.length) {
      word = (word ?? "") + line[++i];
      continue;
    }
    if (c === quote) {
      quote = undefined;
      word ??= "";
      continue;
    }
    if (quote === undefined && (c === '"' || c === "'")) {
      quote = c;
      word ??= "";
      continue;
    }
    if (quote === '"' && c === "$" && line[i + 1] === "{") {
      const end = line.indexOf("}", i);
      if (end > 0) {
        word = (word ?? "") + (env(line.slice(i + 2, end)) ?? "");
        i = end;
        continue;
      }
    }
    word = (word ?? "") + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

/**
 * A bind address as hatop reaches it: a path (`/x`, `unix@/x`, relative to `unix-bind prefix`), or a TCP one
 * (`ipv4@`, `ipv6@`, `host:port`; a wildcard host becomes loopback); undefined with the reason for what
 * cannot be reached from another process (`abns@`, `fd@`, `sockpair@`).
 */
export function bindAddress(text: string, prefix = ""): SocketAddress | string {
  if (/^(abns|abnsz|fd|sockpair|uxdg|udp[46]?|quic[46]?)@/.test(text)) {
    return `${text.split("@")[0]}@ sockets cannot be reached by another program`;
  }
  const path = text.startsWith("unix@") ? text.slice(5) : text;
  if (path.startsWith("/") || path.startsWith(".") || !path.includes(":")) {
    return { transport: "unix", path: path.startsWith("/") ? path : `${prefix}${path}` };
  }
  const local = text.replace(/^(ipv4@)?(\*|0\.0\.0\.0)?:/, "$1127.0.0.1:").replace(
    /^ipv6@(::)?:/,
    "ipv6@[::1]:",
  );
  try {
    return parseTcpAddress(local);
  } catch (e) {
    return (e as Error).message;
  }
}

function levelOf(words: readonly string[]): SocketLevel | string {
  const at = words.indexOf("level");
  if (at < 0) return "operator"; // HAProxy's default (`show cli level` on such a socket says so)
  const level = words[at + 1];
  return (SOCKET_LEVELS as readonly string[]).includes(level)
    ? level as SocketLevel
    : `unknown level "${level}"`;
}

/**
 * Every `stats socket` of the `global` sections of `files` (in order), with its level (HAProxy's default:
 * operator), and a line for each one that cannot be used (with its file and line).
 */
export function statsSockets(
  files: readonly CfgFile[],
  env: (name: string) => string | undefined = () => undefined,
): CfgSockets {
  const sockets: FoundSocket[] = [];
  const skipped: string[] = [];
  let prefix = "";
  for (const file of files) {
    let section = "";
    file.text.split("\n").forEach((text, index) => {
      const words = cfgWords(text, env);
      if (words.length === 0 || words[0].startsWith(".")) return;
      if (SECTIONS.has(words[0])) {
        section = words[0];
        return;
      }
      if (section !== "global") return;
      if (words[0] === "unix-bind" && words[1] === "prefix" && words[2] !== undefined) prefix = words[2];
      if (words[0] !== "stats" || words[1] !== "socket") return;
      const where = `${file.path}:${index + 1}`;
      if (words[2] === undefined) return void skipped.push(`${where}: stats socket without an address`);
      const address = bindAddress(words[2], prefix);
      const level = levelOf(words.slice(3));
      if (typeof address === "string") return void skipped.push(`${where}: ${address}`);
      if (!(SOCKET_LEVELS as readonly string[]).includes(level)) {
        return void skipped.push(`${where}: ${level}`);
      }
      sockets.push({ kind: "stats", address, level: level as SocketLevel, file: file.path, line: index + 1 });
    });
  }
  return { sockets, skipped };
}

/** What an HAProxy command line says of its configuration: the `-f` paths and the `-S` master socket. */
export interface CommandLine {
  /** `-f` files or directories, and those after `--`, in order; relative ones as written. */
  readonly configs: readonly string[];
  /** `-C DIR`: the directory relative config paths are read from. */
  readonly directory?: string;
  /** `-S <bind>[,<option>...]`. */
  readonly master?: string;
}

/** Reads an HAProxy command line (argv with the program first). */
export function readCommandLine(argv: readonly string[]): CommandLine {
  const configs: string[] = [];
  let directory: string | undefined;
  let master: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      configs.push(...argv.slice(i + 1));
      break;
    }
    const value = (flag: string) => (arg === flag ? argv[++i] : arg.slice(flag.length));
    if (arg.startsWith("-f")) configs.push(value("-f"));
    else if (arg.startsWith("-C")) directory = value("-C");
    else if (arg.startsWith("-S")) master = value("-S");
  }
  return {
    configs: configs.filter((c) => c !== undefined && c !== ""),
    ...(directory ? { directory } : {}),
    ...(master ? { master } : {}),
  };
}

/** The master CLI socket of a command line's `-S` (its `level` option, else admin), or why not. */
export function masterSocket(line: CommandLine, where: string): FoundSocket | string | undefined {
  if (line.master === undefined) return undefined;
  const [bind, ...options] = line.master.split(",");
  const address = bindAddress(bind);
  if (typeof address === "string") return `${where}: -S ${line.master}: ${address}`;
  const at = options.indexOf("level");
  const level = at < 0 ? "admin" : options[at + 1];
  if (!(SOCKET_LEVELS as readonly string[]).includes(level)) return `${where}: -S: unknown level "${level}"`;
  return { kind: "master", address, level: level as SocketLevel, file: where, line: 0 };
}

/**
 * The socket to open of those found: the highest level; at the same level a stats socket before a master
 * CLI, a unix socket before a TCP one, then the first found.
 */
export function bestSocket(sockets: readonly FoundSocket[]): FoundSocket | undefined {
  const rank = (s: FoundSocket) =>
    SOCKET_LEVELS.indexOf(s.level) * 4 + (s.kind === "stats" ? 2 : 0) +
    (s.address.transport === "unix" ? 1 : 0);
  return sockets.reduce<FoundSocket | undefined>(
    (best, s) => (!best || rank(s) > rank(best) ? s : best),
    undefined,
  );
}

/** Where a socket was found, for the message line: `/etc/haproxy/haproxy.cfg:5`, or `-S of pid 42`. */
export function foundAt(s: FoundSocket): string {
  return s.line > 0 ? `${s.file}:${s.line}` : s.file;
}
