/**
 * The bulk-action options (`--drain PATTERN`, `--weight PATTERN=N`, `--dry-run`, `--wait-drained`...) read into
 * one request, and the exit codes of a run with an action. Kept apart from options.ts, which calls it once.
 *
 * The rule is one action per run, on one or more patterns (repeat the option): a script that drains, waits
 * and readies runs hatop once per step, and every run's plan is the one thing it does.
 *
 * @module
 */
import { BULK_EXIT } from "./option_table.ts";
import { type BulkAction, parsePattern, parseWeight, PatternError, type ServerPattern } from "../bulk/mod.ts";

export { BULK_EXIT } from "./option_table.ts";

/** What a run with an action does. */
export interface BulkRequest {
  readonly action: BulkAction;
  readonly patterns: readonly ServerPattern[];
  /** Print the plan, send nothing. */
  readonly dryRun: boolean;
  /** `--wait-drained` in seconds; undefined: do not wait. */
  readonly waitDrained?: number;
}

/** Option values as src/cli/argv.ts reads them, by key. */
type Raw = Readonly<Record<string, unknown>>;

/** The action options, by raw-value key (their long names). */
const ACTIONS = ["ready", "drain", "maint", "weight", "health", "agent"] as const;
type ActionOption = (typeof ACTIONS)[number];

const LIST = "--ready, --drain, --maint, --weight, --health or --agent";

function given(o: Raw): ActionOption[] {
  return ACTIONS.filter((k) => ((o[k] as string[] | undefined) ?? []).length > 0);
}

/** `PATTERN=VALUE` options: the patterns and the one value, or an error message. */
function assignments(option: ActionOption, texts: readonly string[], example: string) {
  const patterns: string[] = [];
  const values = new Set<string>();
  for (const text of texts) {
    const at = text.indexOf("=");
    if (at < 0) return `--${option} takes PATTERN=${example}, e.g. 'be_app/web*=${example.split("|")[0]}'`;
    patterns.push(text.slice(0, at));
    values.add(text.slice(at + 1));
  }
  if (values.size > 1) {
    return `one action per run: --${option} is given the values ${[...values].join(" and ")}; ` +
      "run once per value";
  }
  return { patterns, value: [...values][0] };
}

function actionOf(option: ActionOption, texts: readonly string[]) {
  if (option === "ready" || option === "drain" || option === "maint") {
    return { action: { kind: option } as BulkAction, patterns: texts };
  }
  const read = assignments(option, texts, option === "weight" ? "N" : "on|off");
  if (typeof read === "string") return read;
  if (option === "weight") {
    const weight = parseWeight(read.value);
    if ("error" in weight) return `--weight ${texts[0]}: ${weight.error}`;
    return { action: { kind: "weight", weight: weight.weight } as BulkAction, patterns: read.patterns };
  }
  if (read.value !== "on" && read.value !== "off") return `--${option}: '${read.value}' is not on or off`;
  return { action: { kind: option, on: read.value === "on" } as BulkAction, patterns: read.patterns };
}

/**
 * Reads the action options: undefined when none is given, the request, or a usage message (exit 2) for
 * several actions, a malformed pattern or value, or an option that does not go with an action.
 */
export function readBulkRequest(o: Raw): BulkRequest | string | undefined {
  const options = given(o);
  const dryRun = Boolean(o.dryRun);
  const waitText = o.waitDrained as string | undefined;
  if (options.length === 0) {
    if (dryRun) return `--dry-run goes with an action (${LIST})`;
    if (waitText !== undefined) return "--wait-drained goes with --drain or --maint";
    return undefined;
  }
  if (options.length > 1) {
    return `one action per run: ${options.map((k) => `--${k}`).join(" and ")} are given; run once per action`;
  }
  const [option] = options;
  const names = (o.operands as string[] | undefined)?.length ?? 0;
  if ((o.unixSocket as string[]).length + (o.tcpSocket as string[]).length + names === 0) {
    return `--${option} needs a socket: -s SOCKET, -t HOST:PORT or @NAME of the config file`;
  }
  if (o.batch || o.check) return `--${o.batch ? "batch" : "check"} and --${option} exclude each other`;
  if ((o.filter as string[]).length + (o.proxy as string[]).length > 0) {
    return `-f and -p do not go with --${option}: its PATTERN names the proxies and servers`;
  }
  const read = actionOf(option, o[option] as string[]);
  if (typeof read === "string") return read;
  let patterns: ServerPattern[];
  try {
    patterns = read.patterns.map(parsePattern);
  } catch (e) {
    if (e instanceof PatternError) return e.message;
    throw e;
  }
  let waitDrained: number | undefined;
  if (waitText !== undefined) {
    if (option !== "drain" && option !== "maint") return "--wait-drained goes with --drain or --maint";
    if (dryRun) return "--wait-drained does not go with --dry-run (nothing is sent, nothing drains)";
    if (!/^\s*\d{1,5}\s*$/.test(waitText) || Number(waitText) > 86400) {
      return `invalid --wait-drained: ${waitText} (0-86400 seconds)`;
    }
    waitDrained = Number(waitText);
  }
  return { action: read.action, patterns, dryRun, ...(waitDrained !== undefined ? { waitDrained } : {}) };
}

/**
 * With an action every problem of the command line is a usage error (exit 2), so that exit 1 always means
 * that HAProxy refused a target; without one, `code` is kept.
 */
export function usageCode(o: Raw, code: number): number {
  return code === 1 && given(o).length > 0 ? BULK_EXIT.usage : code;
}
