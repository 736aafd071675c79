/**
 * Command-line options: hatop's options, spellings and semantics, plus batch and check output.
 *
 * `parseOptions` is pure: it never exits, prints or touches a socket; it returns either the options to run
 * with or what to print and the exit code. Every check happens here, before the terminal or the socket.
 *
 * Exit codes follow the original: 0 for help and version; 1 for invalid values; 2 for usage errors
 * (unknown option, missing value, stray argument).
 *
 * @module
 */
import { readArgv, UsageError } from "./argv.ts";
import { OPTION_TABLE } from "./option_table.ts";
import { helpText, USAGE } from "./help.ts";
import { PROGRAM, VERSION } from "../version.ts";
import {
  AddressError,
  describeAddress,
  parseSocketOption,
  parseTcpAddress,
  type SocketAddress,
  type SshAddress,
} from "../haproxy/address.ts";
import { parseProxyName, parseStatFilter, type StatFilter } from "../stats/filters.ts";
import { type RecordOptions, recordOptions } from "./record_options.ts";
import { type BulkRequest, readBulkRequest, usageCode } from "./bulk_options.ts";

/** The most filters (-f and -p together) the original accepted; kept. */
export const FILTER_LIMIT = 50;

/** Everything the program needs to run, validated (the recording options: see record_options.ts). */
export interface Options extends RecordOptions {
  /** The stats sockets (-s and -t may be repeated: several HAProxy instances in one view). */
  readonly sockets: readonly SocketAddress[];
  /** Refresh interval in seconds (1-30). */
  readonly interval: number;
  /** Start mode 1-5. */
  readonly mode: 1 | 2 | 3 | 4 | 5;
  readonly readOnly: boolean;
  readonly filters: readonly StatFilter[];
  readonly proxies: readonly string[];
  /** Per-command socket timeout in milliseconds. */
  readonly timeoutMs: number;
  readonly batch: boolean;
  readonly check: boolean;
  readonly format: "text" | "json";
  /** --wait in seconds (0 = check once). */
  readonly wait: number;
  /** Mouse reporting in the monitor (off with --no-mouse). */
  readonly mouse: boolean;
  /** `--view NAME`: the view to start on (or to print with --batch), as given; checked against the views by run.ts. */
  readonly view?: string;
  /** `--batch --view NAME` of a view with rows of its own: that view (set by run.ts once NAME is resolved). */
  readonly batchView?: import("../app/mod.ts").ViewDef;
  /** `--cert-days N` with --check: certificates expiring within N days fail the check. */
  readonly certDays?: number;
  /** `--batch` text starts with the header block (off with --no-header). */
  readonly header: boolean;
  /** A bulk action (`--drain PATTERN`...), when one is given. */
  readonly bulk?: BulkRequest;
  /** `@name` operands: instances and groups of the config file (src/cli/targets.ts opens them). */
  readonly names: readonly string[];
  /** `-s ssh://host` without a path: the socket is found in that host's HAProxy configuration. */
  readonly remoteHosts: readonly SshAddress[];
  /** `--config FILE`, else the default path (which may be absent) is read when a name needs it. */
  readonly configPath?: string;
  /** Labels of sockets by address (describeAddress), from the config file. */
  readonly labels?: ReadonlyMap<string, string>;
  /** Which sockets were found in HAProxy's configuration, and where (for the monitor's message line). */
  readonly found?: string;
  /** Whether -i and -m were given (else a config file's instance may set them). */
  readonly given: { readonly interval: boolean; readonly mode: boolean };
}

/** The result of parsing: run with options, or print and exit. */
export type ParseResult =
  | { readonly kind: "run"; readonly options: Options }
  | { readonly kind: "exit"; readonly code: number; readonly stdout?: string; readonly stderr?: string };

function fail(code: number, message: string): ParseResult {
  return { kind: "exit", code, stderr: `${PROGRAM}: ${message}\n` };
}

function integer(name: string, text: string | undefined, min: number, max: number, fallback: number) {
  if (text === undefined) return fallback;
  if (!/^\s*-?\d+\s*$/.test(text)) {
    throw new OptionError(2, `option ${name}: invalid integer value: '${text}'`);
  }
  const n = Number(text);
  if (n < min || n > max) return NaN;
  return n;
}

class OptionError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

/** Parses argv (without the program name). */
export function parseOptions(argv: readonly string[]): ParseResult {
  try {
    const o = readArgv(argv, OPTION_TABLE, (text) => text.startsWith("@"));
    if (o.help) return { kind: "exit", code: 0, stdout: helpText() };
    if (o.version) return { kind: "exit", code: 0, stdout: `${PROGRAM} version ${VERSION}\n` };
    const result = validate(o);
    return result.kind === "exit" ? { ...result, code: usageCode(o, result.code) } : result;
  } catch (e) {
    const code = e instanceof UsageError ? 2 : e instanceof OptionError ? e.code : undefined;
    if (code === undefined) throw e;
    return { kind: "exit", code, stderr: `${USAGE}\n\n${PROGRAM}: error: ${(e as Error).message}\n` };
  }
}

function validate(o: Record<string, unknown>): ParseResult {
  const str = (k: string) => o[k] as string | undefined;
  const interval = integer("-i", str("updateInterval"), 1, 30, 3);
  if (Number.isNaN(interval)) return fail(1, `invalid update interval: ${str("updateInterval")} (1-30)`);
  const mode = integer("-m", str("mode"), 1, 5, 1);
  if (Number.isNaN(mode)) return fail(1, `invalid mode: ${str("mode")} (1-5)`);
  const filterTexts = o.filter as string[];
  const proxyTexts = o.proxy as string[];
  if (filterTexts.length + proxyTexts.length > FILTER_LIMIT) {
    return fail(1, `filter limit exceeded (${FILTER_LIMIT})`);
  }
  const readOnly = Boolean(o.readOnly);
  const batch = Boolean(o.batch);
  const check = Boolean(o.check);
  if (readOnly && mode === 5) return fail(1, "cli not available in read-only mode");
  if (batch && check) return fail(1, "--batch and --check exclude each other: choose one");
  if (batch && mode === 5) return fail(1, "--batch prints a stat mode: use -m 1, 2, 3 or 4");
  if (o.header === false && !batch) return fail(1, "--no-header goes with --batch");
  const bulk = readBulkRequest(o);
  if (typeof bulk === "string") return fail(2, bulk);
  const format = str("format") ?? "text";
  if (format !== "text" && format !== "json") return fail(1, `invalid format: ${format} (text or json)`);
  if (format === "json" && !batch && !check && !o.events && !bulk) {
    return fail(1, "--format goes with --batch, --check, --events or an action");
  }
  let wait = 0;
  if (str("wait") !== undefined) {
    if (!check) return fail(1, "--wait goes with --check");
    wait = integer("--wait", str("wait"), 0, 86400, 0);
    if (Number.isNaN(wait)) return fail(1, `invalid wait: ${str("wait")} (0-86400 seconds)`);
  }
  const view = str("view");
  if (view !== undefined && (view.trim() === "" || str("mode") !== undefined)) {
    return fail(
      1,
      view.trim() === "" ? "--view needs a view's name" : "--view and -m exclude each other: choose one",
    );
  }
  if (view !== undefined && check) {
    return fail(1, "--view goes with the monitor or --batch (certificates in --check: --cert-days)");
  }
  let certDays: number | undefined;
  if (str("certDays") !== undefined) {
    if (!check) return fail(1, "--cert-days goes with --check");
    certDays = integer("--cert-days", str("certDays"), 0, 3650, 0);
    if (Number.isNaN(certDays)) return fail(1, `invalid cert days: ${str("certDays")} (0-3650)`);
  }
  let timeoutSeconds = 5;
  if (str("timeout") !== undefined) {
    const t = Number(str("timeout"));
    if (!Number.isFinite(t) || t <= 0 || t > 3600) {
      return fail(1, `invalid timeout: ${str("timeout")} (seconds, more than 0, at most 3600)`);
    }
    timeoutSeconds = t;
  }
  let filters: StatFilter[];
  let proxies: string[];
  try {
    filters = filterTexts.map(parseStatFilter);
    proxies = [...new Set(proxyTexts.map(parseProxyName))];
  } catch (e) {
    return fail(1, (e as Error).message);
  }
  const unix = o.unixSocket as string[];
  const tcp = o.tcpSocket as string[];
  const names = (o.operands as string[] | undefined) ?? [];
  const badName = names.find((n) => !/^@[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(n));
  if (badName !== undefined) return fail(2, `${badName}: a name is @ and an instance's or a group's name`);
  const configPath = str("config");
  if (configPath !== undefined && configPath.trim() === "") return fail(1, "--config needs a file's path");
  const given = unix.length + tcp.length + names.length > 0;
  const recording = recordOptions(o, {
    batch,
    check,
    sockets: given,
    filters: filters.length + proxies.length > 0,
  });
  if (typeof recording === "string") return fail(1, recording);
  const sockets: SocketAddress[] = [];
  const remoteHosts: SshAddress[] = [];
  try {
    for (const text of unix) {
      const address = parseSocketOption(text, { pathless: true });
      if (address.transport === "ssh" && address.path === "") remoteHosts.push(address);
      else sockets.push(address);
    }
    for (const text of tcp) sockets.push(parseTcpAddress(text));
  } catch (e) {
    if (e instanceof AddressError) return fail(1, e.message);
    throw e;
  }
  const unique = [...new Map(sockets.map((a) => [describeAddress(a), a])).values()];
  return {
    kind: "run",
    options: {
      sockets: unique,
      interval,
      mode: mode as Options["mode"],
      readOnly,
      filters: dedupeFilters(filters),
      proxies,
      timeoutMs: Math.round(timeoutSeconds * 1000),
      batch,
      check,
      format,
      wait,
      mouse: o.mouse !== false,
      ...(view !== undefined ? { view: view.trim() } : {}),
      ...(certDays !== undefined ? { certDays } : {}),
      header: o.header !== false,
      ...recording,
      ...(bulk ? { bulk } : {}),
      names,
      remoteHosts,
      ...(configPath !== undefined ? { configPath } : {}),
      given: { interval: str("updateInterval") !== undefined, mode: str("mode") !== undefined },
    },
  };
}

function dedupeFilters(filters: StatFilter[]): StatFilter[] {
  const seen = new Set<string>();
  return filters.filter((f) => {
    const key = `${f.iid} ${f.type} ${f.sid}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
