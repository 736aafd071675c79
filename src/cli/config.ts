/**
 * The config file (`~/.config/hatop/config.toml`): named instances and groups of them, so that `hatop @prod`
 * opens every node of a group and `hatop @lb1` one instance, with its label, read-only flag, start mode and
 * interval.
 *
 * Pure: the TOML text is read by the parser given (smol-toml, loaded lazily by src/cli/targets.ts), and every
 * problem is a {@linkcode ConfigError} naming the file, the line and what is wrong. A value the TOML parser
 * accepted is found again in the text for its line (the table header `[instances.lb1]`, then its key).
 *
 * @module
 */
import { AddressError, parseSocketOption, parseTcpAddress, type SocketAddress } from "../haproxy/address.ts";

/** One named instance of the config file. */
export interface ConfigInstance {
  readonly name: string;
  readonly address: SocketAddress;
  /** Shown for the instance in the fleet view and in --batch (default: its node name or address). */
  readonly label?: string;
  readonly readOnly?: boolean;
  readonly mode?: 1 | 2 | 3 | 4 | 5;
  /** Refresh interval in seconds (1-30). */
  readonly interval?: number;
}

/** A config file read and checked. */
export interface HatopConfig {
  readonly path: string;
  readonly instances: ReadonlyMap<string, ConfigInstance>;
  readonly groups: ReadonlyMap<string, readonly string[]>;
  /** What `hatop` without -s, -t or a name opens (a group's or an instance's name). */
  readonly default?: string;
}

/** What a list of `@names` opens: the instances (each once, in order) and the settings they agree on. */
export interface Selection {
  readonly instances: readonly ConfigInstance[];
  /** Read-only when any instance chosen is (an action must be allowed everywhere it may go). */
  readonly readOnly: boolean;
  readonly mode?: 1 | 2 | 3 | 4 | 5;
  readonly interval?: number;
}

/** A problem in the config file: `FILE:LINE: problem`. */
export class ConfigError extends Error {
  /** Creates the error for `path` at `line` (1-based). */
  constructor(readonly path: string, readonly line: number, readonly problem: string) {
    super(`${path}:${line}: ${problem}`);
    this.name = "ConfigError";
  }
}

/** The TOML parser's own error, as smol-toml throws it. */
interface TomlFailure {
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const INSTANCE_KEYS = ["address", "label", "read-only", "mode", "interval"];
const TOP_KEYS = ["default", "instances", "groups"];

type Table = Record<string, unknown>;

const isTable = (v: unknown): v is Table => typeof v === "object" && v !== null && !Array.isArray(v);

/** The 1-based line of `[table]` (e.g. `instances.lb1`) and, within it, of `key = ...`; else the best guess. */
function lineOf(text: string, table: readonly string[], key?: string): number {
  const lines = text.split("\n");
  const quoted = (part: string) => `(?:${escape(part)}|"${escape(part)}"|'${escape(part)}')`;
  const header = new RegExp(`^\\s*\\[\\s*${table.map(quoted).join("\\s*\\.\\s*")}\\s*\\]`);
  let start = table.length === 0 ? 0 : lines.findIndex((l) => header.test(l));
  if (start < 0) {
    // Not a table of its own (`lb1 = { ... }` under [instances]): the line that names it.
    const last = table[table.length - 1];
    const named = lines.findIndex((l) => new RegExp(`^\\s*${quoted(last)}\\s*[=.]`).test(l));
    return named < 0 ? 1 : named + 1;
  }
  if (key === undefined) return start + 1;
  const keyLine = new RegExp(`^\\s*${quoted(key)}\\s*=`);
  for (let i = start + (table.length === 0 ? 0 : 1); i < lines.length; i++) {
    if (table.length > 0 && /^\s*\[/.test(lines[i])) break;
    if (table.length === 0 && /^\s*\[/.test(lines[i])) break;
    if (keyLine.test(lines[i])) return i + 1;
  }
  start = lines.findIndex((l) => keyLine.test(l) || l.includes(key));
  return start < 0 ? 1 : start + 1;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** An address as `-s` (a path, ssh://) or, when it has a port, as `-t` takes it. */
function addressOf(text: string): SocketAddress {
  if (/^ssh:\/\//i.test(text.trim()) || !text.includes(":")) return parseSocketOption(text);
  return parseTcpAddress(text);
}

function instanceOf(text: string, path: string, name: string, value: unknown): ConfigInstance {
  const fail = (key: string | undefined, problem: string): never => {
    throw new ConfigError(path, lineOf(text, ["instances", name], key), problem);
  };
  if (!NAME.test(name)) fail(undefined, `instance name "${name}": use letters, digits, '.', '_' and '-'`);
  if (!isTable(value)) return fail(undefined, `instance ${name} must be a table ([instances.${name}])`);
  for (const key of Object.keys(value)) {
    if (!INSTANCE_KEYS.includes(key)) {
      fail(key, `instance ${name}: unknown key "${key}" (one of: ${INSTANCE_KEYS.join(", ")})`);
    }
  }
  const { address, label, mode, interval } = value;
  if (address === undefined) fail(undefined, `instance ${name} has no address`);
  if (typeof address !== "string") return fail("address", `instance ${name}: address must be a string`);
  let parsed: SocketAddress;
  try {
    parsed = addressOf(address);
  } catch (e) {
    if (!(e instanceof AddressError)) throw e;
    return fail("address", `instance ${name}: ${e.message}`);
  }
  if (label !== undefined && (typeof label !== "string" || label.trim() === "")) {
    fail("label", `instance ${name}: label must be a non-empty string`);
  }
  const readOnly = value["read-only"];
  if (readOnly !== undefined && typeof readOnly !== "boolean") {
    fail("read-only", `instance ${name}: read-only must be true or false`);
  }
  const whole = (v: unknown, min: number, max: number) =>
    (typeof v === "number" || typeof v === "bigint") && Number.isInteger(Number(v)) && Number(v) >= min &&
    Number(v) <= max;
  if (mode !== undefined && !whole(mode, 1, 5)) fail("mode", `instance ${name}: mode must be 1-5`);
  if (interval !== undefined && !whole(interval, 1, 30)) {
    fail("interval", `instance ${name}: interval must be 1-30 seconds`);
  }
  if (readOnly === true && Number(mode) === 5) {
    fail("mode", `instance ${name}: mode 5 (the cli) is not available read-only`);
  }
  return {
    name,
    address: parsed,
    ...(label !== undefined ? { label: (label as string).trim() } : {}),
    ...(readOnly !== undefined ? { readOnly: readOnly as boolean } : {}),
    ...(mode !== undefined ? { mode: Number(mode) as ConfigInstance["mode"] } : {}),
    ...(interval !== undefined ? { interval: Number(interval) } : {}),
  };
}

/**
 * Reads a config file's text with the TOML parser `parse`.
 *
 * @throws {ConfigError} for a TOML syntax error (its line and the parser's words) or a value hatop cannot use.
 */
export function configFrom(text: string, path: string, parse: (text: string) => unknown): HatopConfig {
  let data: unknown;
  try {
    data = parse(text);
  } catch (e) {
    const failure = e as TomlFailure;
    const words = failure.message.split("\n")[0].replace(/^Invalid TOML document:\s*/, "");
    const column = failure.column ? ` (column ${failure.column})` : "";
    throw new ConfigError(path, failure.line ?? 1, `${words}${column}`);
  }
  const top = data as Table;
  for (const key of Object.keys(top)) {
    if (!TOP_KEYS.includes(key)) {
      throw new ConfigError(
        path,
        lineOf(text, [], key),
        `unknown key "${key}" (one of: ${TOP_KEYS.join(", ")})`,
      );
    }
  }
  const rawInstances = top.instances ?? {};
  if (!isTable(rawInstances)) {
    throw new ConfigError(path, lineOf(text, [], "instances"), "instances must be a table");
  }
  const instances = new Map<string, ConfigInstance>();
  for (const [name, value] of Object.entries(rawInstances)) {
    instances.set(name, instanceOf(text, path, name, value));
  }
  const rawGroups = top.groups ?? {};
  if (!isTable(rawGroups)) throw new ConfigError(path, lineOf(text, [], "groups"), "groups must be a table");
  const groups = new Map<string, string[]>();
  for (const [name, members] of Object.entries(rawGroups)) {
    const fail = (problem: string): never => {
      throw new ConfigError(path, lineOf(text, ["groups"], name), problem);
    };
    if (!NAME.test(name)) fail(`group name "${name}": use letters, digits, '.', '_' and '-'`);
    if (instances.has(name)) fail(`"${name}" is both an instance and a group`);
    if (!Array.isArray(members) || members.length === 0 || members.some((m) => typeof m !== "string")) {
      fail(`group ${name} must be a list of instance names, such as ["lb1", "lb2"]`);
    }
    const unknown = (members as string[]).filter((m) => !instances.has(m));
    if (unknown.length > 0) fail(`group ${name}: no instance named ${unknown.join(", ")}`);
    groups.set(name, members as string[]);
  }
  const fallback = top.default;
  if (fallback !== undefined) {
    const line = lineOf(text, [], "default");
    if (typeof fallback !== "string") throw new ConfigError(path, line, "default must be a name");
    const name = fallback.replace(/^@/, "");
    if (!instances.has(name) && !groups.has(name)) {
      throw new ConfigError(path, line, `default: no instance or group named ${name}`);
    }
    return { path, instances, groups, default: name };
  }
  return { path, instances, groups };
}

/** The names a config file defines, for a message: `instances: lb1, lb2; groups: prod`. */
export function definedNames(config: HatopConfig): string {
  const list = (names: Iterable<string>) => [...names].map((n) => `@${n}`).join(", ") || "none";
  return `instances: ${list(config.instances.keys())}; groups: ${list(config.groups.keys())}`;
}

/** The one value every instance has for `key`, if they agree. */
function agreed<K extends "mode" | "interval">(chosen: readonly ConfigInstance[], key: K) {
  const values = new Set(chosen.map((i) => i[key]));
  return values.size === 1 ? [...values][0] : undefined;
}

/**
 * What `@names` (with or without the `@`) open: groups expanded, each instance once.
 *
 * @returns The selection, or a message naming the unknown names and what is defined.
 */
export function select(config: HatopConfig, names: readonly string[]): Selection | string {
  const bare = names.map((n) => n.replace(/^@/, ""));
  const unknown = bare.filter((n) => !config.instances.has(n) && !config.groups.has(n));
  if (unknown.length > 0) {
    return `${unknown.map((n) => `@${n}`).join(", ")}: not defined in ${config.path} (${
      definedNames(config)
    })`;
  }
  const chosen = new Map<string, ConfigInstance>();
  for (const name of bare) {
    for (const member of config.groups.get(name) ?? [name]) chosen.set(member, config.instances.get(member)!);
  }
  const instances = [...chosen.values()];
  const mode = agreed(instances, "mode");
  const interval = agreed(instances, "interval");
  return {
    instances,
    readOnly: instances.some((i) => i.readOnly === true),
    ...(mode !== undefined ? { mode } : {}),
    ...(interval !== undefined ? { interval } : {}),
  };
}
