/**
 * Real HAProxy binaries of the releases users run, taken from Debian's package archive only: one per
 * Debian suite (bullseye 2.2, bookworm 2.6, trixie 3.0, sid 3.2, experimental 3.4), each unpacked into a
 * private root with its own C library and relinked (patchelf: interpreter and rpath into that root) so it
 * runs natively on this machine, and a master-worker reload (which re-executes /proc/self/exe) works.
 *
 * Nothing on the machine changes: apt runs with a private state directory and source list per suite (no
 * system source, pin or package is added), `apt-get download` and `dpkg-deb -x` need no root, and the
 * system haproxy is never touched. Results are cached under `$XDG_CACHE_HOME/hatop/haproxy/<suite>` (default
 * `~/.cache`); a cached release is used as long as its binary still runs.
 *
 * @module
 */
import { binaryVersion } from "./probe.ts";

/** One release line of the test matrix and the Debian suite that ships it. */
export interface Release {
  /** The HAProxy release line, e.g. "3.2". */
  readonly line: string;
  /** The Debian suite whose haproxy package is taken. */
  readonly suite: string;
  /** Suites whose libraries are used with it (experimental holds only what differs from sid). */
  readonly suites: readonly string[];
}

/** The test matrix, oldest first. */
export const RELEASES: readonly Release[] = [
  { line: "2.2", suite: "bullseye", suites: ["bullseye"] },
  { line: "2.6", suite: "bookworm", suites: ["bookworm", "bookworm-updates"] },
  { line: "3.0", suite: "trixie", suites: ["trixie"] },
  { line: "3.2", suite: "sid", suites: ["sid"] },
  { line: "3.4", suite: "experimental", suites: ["sid", "experimental"] },
];

/** A release that was provided (`binary` runs) or could not be (`error` says why). */
export type Provided =
  & { readonly release: Release }
  & ({ readonly binary: string; readonly version: string } | { readonly error: string });

const ARCH: Record<string, { triplet: string; loader: string }> = {
  amd64: { triplet: "x86_64-linux-gnu", loader: "ld-linux-x86-64.so.2" },
  arm64: { triplet: "aarch64-linux-gnu", loader: "ld-linux-aarch64.so.1" },
};

/** The cache root: `$XDG_CACHE_HOME/hatop/haproxy`, else `~/.cache/hatop/haproxy`. */
export function cacheRoot(env: { get(name: string): string | undefined } = Deno.env): string {
  const base = env.get("XDG_CACHE_HOME") || `${env.get("HOME") ?? "/tmp"}/.cache`;
  return `${base}/hatop/haproxy`;
}

async function run(cmd: string, args: string[], cwd?: string): Promise<string> {
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command(cmd, { args, cwd, stdout: "piped", stderr: "piped", stdin: "null" })
      .output();
  } catch (e) {
    throw new Error(`cannot run ${cmd}: ${(e as Error).message}`);
  }
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) {
    const err = new TextDecoder().decode(out.stderr).trim().split("\n").filter((l) => !l.startsWith("W:"));
    throw new Error(`${cmd} ${args.slice(0, 3).join(" ")} failed: ${err.slice(-3).join(" / ") || out.code}`);
  }
  return text;
}

/** apt-get / apt-cache with a private state, cache and source list holding only `suites`. */
class PrivateApt {
  constructor(readonly dir: string, readonly suites: readonly string[]) {}

  #options(): string[] {
    const o = (k: string, v: string) => ["-o", `${k}=${v}`];
    return [
      ...o("Dir::Etc::SourceList", "/dev/null"),
      ...o("Dir::Etc::SourceParts", `${this.dir}/sources`),
      ...o("Dir::Etc::Preferences", "/dev/null"),
      ...o("Dir::Etc::PreferencesParts", `${this.dir}/sources`),
      ...o("Dir::State", `${this.dir}/state`),
      ...o("Dir::State::status", `${this.dir}/status`),
      ...o("Dir::Cache", `${this.dir}/cache`),
      ...o("Debug::NoLocking", "1"),
      ...o("APT::Sandbox::User", "root"),
    ];
  }

  async setUp(): Promise<void> {
    for (const d of ["sources", "state/lists/partial", "cache/archives/partial"]) {
      await Deno.mkdir(`${this.dir}/${d}`, { recursive: true });
    }
    await Deno.writeTextFile(`${this.dir}/status`, "");
    await Deno.writeTextFile(
      `${this.dir}/sources/debian.sources`,
      [
        "Types: deb",
        "URIs: http://deb.debian.org/debian",
        `Suites: ${this.suites.join(" ")}`,
        "Components: main",
        "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg",
        "",
      ].join("\n"),
    );
    await run("apt-get", [...this.#options(), "update", "-q"]);
  }

  cache(...args: string[]): Promise<string> {
    return run("apt-cache", [...this.#options(), ...args]);
  }

  get(cwd: string, ...args: string[]): Promise<string> {
    return run("apt-get", [...this.#options(), ...args], cwd);
  }
}

/** The version of `pkg` that `suite` holds (from `apt-cache madison`). */
async function versionIn(apt: PrivateApt, pkg: string, suite: string): Promise<string> {
  for (const line of (await apt.cache("madison", pkg)).split("\n")) {
    const [name, version, source] = line.split("|").map((f) => f.trim());
    if (name === pkg && source?.includes(` ${suite}/`)) return version;
  }
  throw new Error(`Debian ${suite} has no ${pkg} package`);
}

/** haproxy=VERSION and every library package under it (recursively), as `apt-get download` arguments. */
async function packages(apt: PrivateApt, version: string): Promise<string[]> {
  const flags = ["--no-recommends", "--no-suggests", "--no-conflicts", "--no-breaks", "--no-replaces"];
  const out = await apt.cache("depends", "--recurse", ...flags, "--no-enhances", `haproxy=${version}`);
  const libs = new Set<string>();
  for (const line of out.split("\n")) {
    if (/^(lib\S+|zlib1g)$/.test(line)) libs.add(line);
  }
  return [`haproxy=${version}`, ...[...libs].sort()];
}

/** A patchelf to run: the one on PATH, else Debian's package for this machine unpacked into the cache. */
async function patchelf(root: string): Promise<string> {
  try {
    await run("patchelf", ["--version"]);
    return "patchelf";
  } catch {
    // Not installed: take the package of this machine's own suite.
  }
  const dir = `${root}/patchelf`;
  const binary = `${dir}/root/usr/bin/patchelf`;
  try {
    await run(binary, ["--version"]);
    return binary;
  } catch {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    await Deno.mkdir(`${dir}/root`, { recursive: true });
    await run("apt-get", ["download", "-q", "patchelf"], dir);
    for (const entry of Deno.readDirSync(dir)) {
      if (entry.name.endsWith(".deb")) await run("dpkg-deb", ["-x", `${dir}/${entry.name}`, `${dir}/root`]);
    }
    await run(binary, ["--version"]);
    return binary;
  }
}

async function build(release: Release, dir: string, root: string): Promise<string> {
  const arch = (await run("dpkg", ["--print-architecture"])).trim();
  const target = ARCH[arch];
  if (!target) throw new Error(`no loader known for architecture ${arch}`);
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  const apt = new PrivateApt(`${dir}/apt`, release.suites);
  await apt.setUp();
  const version = await versionIn(apt, "haproxy", release.suite);
  const debs = `${dir}/debs`;
  await Deno.mkdir(debs, { recursive: true });
  await apt.get(debs, "download", "-q", ...await packages(apt, version));
  const fsRoot = `${dir}/root`;
  await Deno.mkdir(fsRoot, { recursive: true });
  for (const entry of Deno.readDirSync(debs)) {
    if (entry.name.endsWith(".deb")) await run("dpkg-deb", ["-x", `${debs}/${entry.name}`, fsRoot]);
  }
  const libDirs = [`${fsRoot}/usr/lib/${target.triplet}`, `${fsRoot}/lib/${target.triplet}`];
  const loaders = libDirs.map((d) => `${d}/${target.loader}`);
  const loader = loaders.find((p) => {
    try {
      return Deno.statSync(p).isFile;
    } catch {
      return false;
    }
  });
  if (!loader) throw new Error(`the ${release.suite} libc6 package has no ${target.loader}`);
  const binary = `${dir}/haproxy`;
  await Deno.copyFile(`${fsRoot}/usr/sbin/haproxy`, binary);
  const tool = await patchelf(root);
  await run(tool, ["--set-interpreter", loader, "--force-rpath", "--set-rpath", libDirs.join(":"), binary]);
  await Deno.remove(debs, { recursive: true });
  await Deno.remove(`${dir}/apt`, { recursive: true });
  return binary;
}

/** Holds `path` (created exclusively) while `fn` runs; waits for another holder, takes over a stale one. */
async function withLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      Deno.openSync(path, { createNew: true, write: true }).close();
      break;
    } catch (e) {
      if (!(e instanceof Deno.errors.AlreadyExists)) throw e;
      const age = Date.now() - (Deno.statSync(path).mtime?.getTime() ?? 0);
      if (age > 10 * 60_000 || Date.now() > deadline) Deno.removeSync(path);
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    Deno.removeSync(path);
  }
}

/** Provides one release: from the cache when its binary runs, else freshly from the archive. */
export async function provide(release: Release, root = cacheRoot()): Promise<Provided> {
  const dir = `${root}/${release.suite}`;
  const binary = `${dir}/haproxy`;
  try {
    return { release, binary, version: await binaryVersion(binary) };
  } catch {
    // Not cached yet, or broken: build it.
  }
  try {
    await Deno.mkdir(root, { recursive: true });
    return await withLock(`${root}/${release.suite}.lock`, async () => {
      try {
        return { release, binary, version: await binaryVersion(binary) };
      } catch {
        await build(release, dir, root);
        const version = await binaryVersion(binary);
        if (!version.startsWith(`${release.line}.`)) {
          throw new Error(`Debian ${release.suite} now ships HAProxy ${version}, not ${release.line}.x`);
        }
        return { release, binary, version };
      }
    });
  } catch (e) {
    return { release, error: (e as Error).message };
  }
}

/** Provides the releases whose line is in `lines` (all when empty), in matrix order. */
export function provideAll(lines: readonly string[] = [], root = cacheRoot()): Promise<Provided[]> {
  const chosen = RELEASES.filter((r) => lines.length === 0 || lines.includes(r.line));
  return Promise.all(chosen.map((r) => provide(r, root)));
}

if (import.meta.main) {
  for (const p of await provideAll(Deno.args)) {
    console.log("error" in p ? `${p.release.line}: ${p.error}` : `${p.version}: ${p.binary}`);
  }
}
