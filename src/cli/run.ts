/**
 * The program from argv to exit code: options, first connections, then batch, check or the monitor; or
 * `hatop completions SHELL`, a completion script.
 *
 * @module
 */
import { type Options, parseOptions } from "./options.ts";
import { batchJson, batchText, type NamedSnapshot } from "./batch.ts";
import {
  checkJson,
  type CheckResult,
  checkSnapshots,
  checkText,
  pollEverySecond,
  withCertificates,
} from "./check.ts";
import { connectAll, type Connected, EXIT, type Io } from "./connect.ts";
import { describeAddress } from "../haproxy/address.ts";
import { fetchSnapshot } from "../stats/read_snapshot.ts";
import { route } from "../haproxy/master.ts";
import { PROGRAM } from "../version.ts";
import { resolveTargets } from "./targets.ts";

async function snapshots(instances: readonly Connected[]): Promise<NamedSnapshot[]> {
  return await Promise.all(instances.map(async (i) => {
    const snapshot = await fetchSnapshot((await route(i.client)).sender, i.commands);
    const node = snapshot.info.get("node");
    return {
      name: i.label ?? (instances.length > 1 && node ? node : describeAddress(i.address)),
      address: describeAddress(i.address),
      snapshot,
    };
  }));
}

/** One poll of `--check`: every instance judged, or why not (the lines for stderr and the exit code). */
type CheckPoll =
  | { readonly result: CheckResult }
  | { readonly code: number; readonly errors: readonly string[] };

/** Connects to every socket, judges every instance, and closes the connections again. */
async function checkOnce(options: Options): Promise<CheckPoll> {
  const errors: string[] = [];
  const instances = await connectAll(options, { out: () => {}, err: (text) => errors.push(text) });
  if (typeof instances === "number") return { code: instances, errors };
  try {
    const result = checkSnapshots(await snapshots(instances));
    if (options.certDays === undefined) return { result };
    const { checkCertificates } = await import("./cert_check.ts");
    const problems = await checkCertificates(instances, options.certDays);
    return { result: withCertificates(result, options.certDays, problems) };
  } catch (e) {
    return { code: EXIT.socket, errors: [`${PROGRAM}: ${(e as Error).message}\n`] };
  } finally {
    await Promise.all(instances.map((i) => i.client.close()));
  }
}

/**
 * `--check [--wait N]`: with --wait, polls every second (a fresh connection each time, so a socket that
 * appears, or an HAProxy that restarts, is found) until healthy or N seconds have passed (see
 * {@linkcode pollEverySecond}). The last poll decides: 0 healthy, 1 not healthy (or a proxy not found, which
 * ends the wait at once), 2 a socket that still does not answer; only the last poll's errors are printed.
 */
async function runCheck(options: Options, io: Io): Promise<number> {
  const last = await pollEverySecond(
    options.wait,
    () => checkOnce(options),
    (p) => ("result" in p ? p.result.healthy : p.code === EXIT.failure),
  );
  if ("errors" in last) {
    for (const line of last.errors) io.err(line);
    return last.code;
  }
  io.out(options.format === "json" ? checkJson(last.result) : checkText(last.result));
  return last.result.healthy ? EXIT.ok : EXIT.failure;
}

/** Batch and check: the non-interactive outputs. Returns the exit code. */
export async function runOnce(options: Options, io: Io): Promise<number> {
  if (options.check) return await runCheck(options, io);
  const instances = await connectAll(options, io);
  if (typeof instances === "number") return instances;
  try {
    if (options.batchView) {
      const { runViewBatch } = await import("./view_batch.ts");
      return await runViewBatch(options.batchView, options.format, instances, io);
    }
    if (options.count !== undefined || options.record) {
      return await (await import("./record_batch.ts")).runSeries(options, io, instances);
    }
    const all = await snapshots(instances);
    io.out(
      options.format === "json"
        ? batchJson(all)
        : batchText(all, options.mode as 1 | 2 | 3 | 4, options.header),
    );
    return EXIT.ok;
  } catch (e) {
    io.err(`${PROGRAM}: ${(e as Error).message}\n`);
    return EXIT.socket;
  } finally {
    await Promise.all(instances.map((i) => i.client.close()));
  }
}

/**
 * Resolves `--view NAME` against the monitor's views: a stat mode becomes `-m N` (so `--batch` prints it as
 * before), another view with `--batch` is printed by its rows; an unknown name, the CLI in read-only mode,
 * and a view without rows with `--batch` are refused (exit 1) before any socket is opened.
 */
async function chooseView(options: Options, io: Io): Promise<Options | number> {
  const { viewNamed, viewName, readableView, VIEWS } = await import("../app/mod.ts");
  const refuse = (text: string) => (io.err(`${PROGRAM}: ${text}\n`), EXIT.failure);
  const view = viewNamed(VIEWS, options.view!);
  const names = VIEWS.filter((v) => v.id !== "help").map(viewName).join(", ");
  if (!view) return refuse(`unknown view: ${options.view} (one of: ${names})`);
  const readOnly = options.readOnly || options.replay !== undefined;
  const config = { readOnly, intervalMs: 1000, color: false, socketName: "" };
  if (view.enabled && !view.enabled(config)) {
    return refuse(`view ${viewName(view)} not available in read-only mode`);
  }
  const mode = Number(view.keys[0]);
  if (view.source === undefined && mode >= 1 && mode <= 5 && (!options.batch || mode <= 4)) {
    return { ...options, view: view.id, mode: mode as Options["mode"] };
  }
  if (options.replay && (view.source !== undefined || options.batch)) {
    return refuse(`a recording holds show stat only: --view ${viewName(view)} cannot replay it`);
  }
  if (!options.batch) return { ...options, view: view.id };
  if (!readableView(view)) return refuse(`--batch prints a table view's rows: ${viewName(view)} has none`);
  if (options.count !== undefined || options.record) {
    return refuse(`--batch --view ${viewName(view)} prints once: not with --count or --record`);
  }
  return { ...options, view: view.id, batchView: view };
}

/** Parses argv and runs; the monitor is loaded only when needed. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const parsed = argv[0] === "completions"
    ? { kind: "exit" as const, ...(await import("./completions.ts")).runCompletions(argv.slice(1)) }
    : parseOptions(argv);
  if (parsed.kind === "exit") {
    if (parsed.stdout) io.out(parsed.stdout);
    if (parsed.stderr) io.err(parsed.stderr);
    return parsed.code;
  }
  const targets = await resolveTargets(parsed.options, io);
  if (typeof targets === "number") return targets;
  let options = targets;
  if (options.view !== undefined) {
    const chosen = await chooseView(options, io);
    if (typeof chosen === "number") return chosen;
    options = chosen;
  }
  if (options.replay && (options.batch || options.replay.events)) {
    return await (await import("./replay_batch.ts")).runReplay(options, io);
  }
  if (options.bulk) return await (await import("./bulk.ts")).runBulk(options, io);
  if (options.batch || options.check) return await runOnce(options, io);
  if (!Deno.stdin.isTerminal() || !Deno.stdout.isTerminal()) {
    io.err(`${PROGRAM}: the monitor needs a terminal; for scripts use --batch or --check\n`);
    return EXIT.failure;
  }
  if (options.replay) return await (await import("./monitor.ts")).startReplay(options, options.replay, io);
  // The monitor's modules load while the sockets connect (the first frame comes sooner); a failed connect
  // exits without waiting for them.
  const monitor = import("./monitor.ts");
  monitor.catch(() => {});
  const instances = await connectAll(options, io);
  if (typeof instances === "number") return instances;
  return await (await monitor).startMonitor(options, instances, io);
}
