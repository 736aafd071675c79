/**
 * The test command (`deno task test`): the whole suite, with every test that starts a real HAProxy run once
 * per release of the matrix (2.2, 2.6, 3.0, 3.2, 3.4 from Debian's archive, see scripts/lab/releases.ts)
 * and the rest once. Prints one line per release (`haproxy 3.2.26: N passed, 0 failed`) and a last plain
 * `N passed, N failed` line.
 *
 * A release that cannot be obtained is reported as not covered, and fails the run when `CI` is set. A test
 * file starts a real HAProxy when its imports reach scripts/lab/haproxy.ts. After each run, processes the
 * tests left behind (labs, tmux servers, ssh) are listed, killed and counted as a failure. The shells the
 * completion tests need (zsh, fish, bash-completion) are installed first when missing
 * (scripts/test/packages.ts).
 *
 * Arguments: test files or folders (default tests/), `--release LINE` (repeatable, e.g. `--release 3.2`; or
 * `HATOP_RELEASES=2.6,3.2`) to run part of the matrix, anything else is passed to `deno test` (e.g.
 * `--filter NAME`); a path that does not exist exits 2 naming it. A full passing run rewrites the README's "Supported HAProxy releases" table.
 *
 * @module
 */
import { localGraph, reaches } from "./lib/import_graph.ts";
import { provideAll, type Provided } from "./lab/releases.ts";
import { parseJunit, type RunResult } from "./test/results.ts";
import { findLeftovers, killLeftovers, newRunId, RUN_VARIABLE } from "./test/leftovers.ts";
import { type ReleaseRow, releasesTable, replaceBetweenMarkers } from "./test/report.ts";
import { ensurePackages } from "./test/packages.ts";
import { writeFormatted } from "./lib/formatted.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const LAB = `${ROOT}scripts/lab/haproxy.ts`;
/** A run that takes longer than this is stopped and counted as failed. */
const RUN_TIMEOUT_MS = 25 * 60_000;

function parseArgs(args: readonly string[]) {
  const releases = (Deno.env.get("HATOP_RELEASES") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const paths: string[] = [];
  const flags: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--release") releases.push(args[++i] ?? "");
    else if (a.startsWith("--release=")) releases.push(a.slice(10));
    else if (a.startsWith("-")) flags.push(a, ...(a === "--filter" && args[i + 1] ? [args[++i]] : []));
    else paths.push(a);
  }
  return { releases, paths: paths.length > 0 ? paths : ["tests/"], flags, full: args.length === 0 };
}

async function testFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (path: string) => {
    const info = await Deno.stat(path).catch(() => undefined);
    if (!info) {
      console.error(`test: no such test file or folder: ${path}`);
      Deno.exit(2);
    }
    if (info.isFile) return void out.push(path);
    for await (const e of Deno.readDir(path)) {
      const p = `${path.replace(/\/$/, "")}/${e.name}`;
      if (e.isDirectory) await walk(p);
      else if (/[._]test\.ts$/.test(e.name)) out.push(p);
    }
  };
  for (const p of paths) await walk(p.startsWith("/") ? p : `${ROOT}${p}`);
  return out.sort();
}

async function hasTmux(): Promise<boolean> {
  try {
    const out = await new Deno.Command("tmux", { args: ["-V"], stdout: "null", stderr: "null" }).output();
    return out.success;
  } catch {
    return false;
  }
}

/** Runs `deno test` on `files`; its output goes straight through. */
async function denoTest(files: readonly string[], flags: readonly string[], env: Record<string, string>) {
  const junit = await Deno.makeTempFile({ prefix: "hatop-junit-", suffix: ".xml" });
  const runId = newRunId();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["test", "-A", "--parallel", `--junit-path=${junit}`, ...flags, ...files],
    cwd: ROOT,
    env: { ...env, [RUN_VARIABLE]: runId },
    stdin: "null",
  }).spawn();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, RUN_TIMEOUT_MS);
  const status = await child.status;
  clearTimeout(timer);
  const xml = await Deno.readTextFile(junit).catch(() => "");
  await Deno.remove(junit).catch(() => {});
  const result = parseJunit(xml);
  const failed = [...result.failed];
  if (timedOut) failed.push(`the run was stopped after ${RUN_TIMEOUT_MS / 60_000} minutes`);
  else if (!status.success && failed.length === 0) failed.push(`deno test exited with ${status.code}`);
  const left = findLeftovers(runId);
  if (left.length > 0) {
    killLeftovers(left);
    failed.push(`left running after the tests: ${left.map((p) => `${p.pid} ${p.command}`).join("; ")}`);
  }
  return { ...result, failed };
}

function summary(label: string, r: RunResult): string {
  return `${label}: ${r.passed} passed, ${r.failed.length} failed`;
}

const started = Date.now();
const opts = parseArgs(Deno.args);
if (!(await hasTmux())) {
  console.error("cannot run the tests: tmux is not installed; install it with: apt-get install -y tmux");
  Deno.exit(1);
}
const missing = await ensurePackages();
if (missing) console.error(`some tests will fail: ${missing}`);
const files = await testFiles(opts.paths);
const graph = await localGraph(files);
const labFiles = files.filter((f) => reaches(graph, f, LAB));
const unitFiles = files.filter((f) => !labFiles.includes(f));
const provided: Provided[] = labFiles.length > 0 ? await provideAll(opts.releases) : [];
for (const p of provided) {
  const what = `HAProxy ${p.release.line} (Debian ${p.release.suite})`;
  console.error("error" in p ? `${what}: not available: ${p.error}` : `${what}: ${p.version} at ${p.binary}`);
}

const lines: string[] = [];
const rows: ReleaseRow[] = [];
let failures = 0;
let passed = 0;
let unit: RunResult = { files: new Map(), passed: 0, failed: [] };
if (unitFiles.length > 0) {
  unit = await denoTest(unitFiles, opts.flags, {});
  lines.push(summary("no HAProxy needed", unit));
  passed += unit.passed;
  failures += unit.failed.length;
}
const ci = (Deno.env.get("CI") ?? "") !== "" && Deno.env.get("CI") !== "false";
for (const p of provided) {
  if ("error" in p) {
    lines.push(`haproxy ${p.release.line} (Debian ${p.release.suite}): not covered: ${p.error}`);
    if (ci) failures++;
    continue;
  }
  console.error(`\n=== HAProxy ${p.version} (Debian ${p.release.suite}) ===\n`);
  const result = await denoTest(labFiles, opts.flags, {
    HATOP_HAPROXY: p.binary,
    HATOP_HAPROXY_VERSION: p.version,
  });
  lines.push(summary(`haproxy ${p.version.split("-")[0]}`, result));
  rows.push({ version: p.version.split("-")[0], suite: p.release.suite, result });
  passed += result.passed;
  failures += result.failed.length;
  for (const f of result.failed) console.error(`  failed on ${p.version}: ${f}`);
}
for (const f of unit.failed) console.error(`  failed: ${f}`);

const seconds = (Date.now() - started) / 1000;
console.log(`\n${lines.join("\n")}\nwall time: ${Math.round(seconds)} s`);
// Again at the end, on stdout: a log cut to its tail (CI keeps the last lines) still names what failed.
for (const f of unit.failed) console.log(`failed: ${f}`);
for (const r of rows) for (const f of r.result.failed) console.log(`failed on haproxy ${r.version}: ${f}`);
if (opts.full && failures === 0 && rows.length === provided.length && rows.length > 0) {
  const readme = `${ROOT}README.md`;
  const text = await Deno.readTextFile(readme);
  const next = replaceBetweenMarkers(text, releasesTable(rows, unit, seconds));
  if (next !== text) {
    await writeFormatted(readme, next);
  }
}
console.log(`${passed} passed, ${failures} failed`);
Deno.exit(failures === 0 ? 0 : 1);
