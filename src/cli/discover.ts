/**
 * A start without -s, -t or a name: the stats socket is found in the HAProxy configuration, on this host or,
 * for `-s ssh://host` without a path, on that host over ssh (src/haproxy/haproxy_cfg.ts reads the files).
 *
 * Where it looks: `$HATOP_HAPROXY_CONFIG` when set (files or directories, `:`-separated; on an ssh host
 * too, for a fleet that keeps its configuration elsewhere than the processes say); else the `-f`
 * files and directories (and `-S`) of every running haproxy in /proc; else `/etc/haproxy/haproxy.cfg`. The
 * socket with the highest level is chosen (haproxy_cfg.ts: `bestSocket`). What was looked at is kept, for
 * the message when nothing is found.
 *
 * @module
 */
import {
  bestSocket,
  type CfgFile,
  type FoundSocket,
  masterSocket,
  readCommandLine,
  statsSockets,
} from "../haproxy/haproxy_cfg.ts";
import type { SshAddress } from "../haproxy/address.ts";
import { remoteScriptArgv, SSH_COMMAND_VARIABLE, sshCommand } from "../haproxy/ssh_command.ts";
import { startWatched } from "../haproxy/watchdog.ts";

/** The variable naming the HAProxy configuration to look in instead of the running processes'. */
export const HAPROXY_CONFIG_VARIABLE = "HATOP_HAPROXY_CONFIG";

/** The configuration HAProxy's packages install. */
export const DEFAULT_HAPROXY_CONFIG = "/etc/haproxy/haproxy.cfg";

/** A running process's command line. */
export interface RunningProcess {
  readonly pid: number;
  readonly argv: readonly string[];
  /** Its working directory, where relative `-f` paths are read from (when it can be read). */
  readonly cwd?: string;
}

/** Where discovery reads: this host, or another over ssh. */
export interface ConfigHost {
  /** The running processes whose program is haproxy. */
  haproxies(): Promise<RunningProcess[]>;
  /** A file, or a directory's `*.cfg` files in name order (as haproxy -f reads a directory). */
  read(path: string): Promise<CfgFile[]>;
}

/** What discovery found: the socket chosen (if any) and every place looked at, one line each. */
export interface Discovery {
  readonly socket?: FoundSocket;
  readonly looked: readonly string[];
}

const isHaproxy = (argv: readonly string[]) => /(^|\/)haproxy[^/]*$/.test(argv[0] ?? "");

/** This host: /proc and the file system. */
export const LOCAL_HOST: ConfigHost = {
  async haproxies() {
    const found: RunningProcess[] = [];
    for await (const entry of Deno.readDir("/proc")) {
      if (!/^\d+$/.test(entry.name)) continue;
      try {
        const argv = (await Deno.readTextFile(`/proc/${entry.name}/cmdline`)).split("\0").filter((a) =>
          a !== ""
        );
        if (!isHaproxy(argv)) continue;
        const cwd = await Deno.readLink(`/proc/${entry.name}/cwd`).catch(() => undefined);
        found.push({ pid: Number(entry.name), argv, ...(cwd ? { cwd } : {}) });
      } catch {
        // gone, or not ours to read
      }
    }
    return found.sort((a, b) => a.pid - b.pid);
  },
  async read(path) {
    if (!(await Deno.stat(path)).isDirectory) return [{ path, text: await Deno.readTextFile(path) }];
    const names: string[] = [];
    for await (const e of Deno.readDir(path)) {
      if (e.name.endsWith(".cfg") && !e.isDirectory) names.push(e.name);
    }
    names.sort();
    return await Promise.all(
      names.map(async (n) => ({ path: `${path}/${n}`, text: await Deno.readTextFile(`${path}/${n}`) })),
    );
  },
};

const absolute = (path: string, dir: string | undefined) =>
  path.startsWith("/") || dir === undefined ? path : `${dir.replace(/\/$/, "")}/${path}`;

/** Reads `paths` on `host` into sockets, noting each path in `looked`. */
async function socketsIn(
  host: ConfigHost,
  paths: readonly string[],
  looked: string[],
): Promise<FoundSocket[]> {
  const found: FoundSocket[] = [];
  for (const path of paths) {
    let files: CfgFile[];
    try {
      files = await host.read(path);
    } catch (e) {
      looked.push(`${path}: ${e instanceof Deno.errors.NotFound ? "no such file" : (e as Error).message}`);
      continue;
    }
    const { sockets, skipped } = statsSockets(files, (name) => Deno.env.get(name));
    looked.push(`${path}: ${sockets.length === 1 ? "1 stats socket" : `${sockets.length} stats sockets`}`);
    looked.push(...skipped.map((s) => `  ${s} (skipped)`));
    found.push(...sockets);
  }
  return found;
}

/**
 * Finds the socket to open on `host` (see the module's doc) among those `usable`; `configured` is
 * `$HATOP_HAPROXY_CONFIG`'s value for this host.
 */
export async function discover(
  host: ConfigHost,
  configured?: string,
  usable: (s: FoundSocket) => boolean = () => true,
): Promise<Discovery> {
  const looked: string[] = [];
  if (configured !== undefined && configured.trim() !== "") {
    const paths = configured.split(":").filter((p) => p !== "");
    looked.push(`${HAPROXY_CONFIG_VARIABLE}=${configured}`);
    const socket = bestSocket((await socketsIn(host, paths, looked)).filter(usable));
    return socket ? { socket, looked } : { looked };
  }
  const running = await host.haproxies().catch((e: Error) => {
    looked.push(`running haproxy processes: ${e.message}`);
    return [] as RunningProcess[];
  });
  const found: FoundSocket[] = [];
  // A master and its workers share one command line: each is read once.
  const seen = new Set<string>();
  for (const p of running) {
    const key = `${p.cwd}\0${p.argv.join("\0")}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const line = readCommandLine(p.argv);
    looked.push(`running haproxy (pid ${p.pid}): ${p.argv.join(" ")}`);
    const paths = line.configs.map((c) => absolute(c, line.directory ?? p.cwd));
    found.push(...await socketsIn(host, paths.length > 0 ? paths : [DEFAULT_HAPROXY_CONFIG], looked));
    const master = masterSocket(line, `-S of haproxy pid ${p.pid}`);
    if (typeof master === "string") looked.push(`  ${master} (skipped)`);
    else if (master) found.push(master);
  }
  if (running.length === 0) {
    looked.push("running haproxy processes: none");
    found.push(...await socketsIn(host, [DEFAULT_HAPROXY_CONFIG], looked));
  }
  const socket = bestSocket(found.filter(usable));
  return socket ? { socket, looked } : { looked };
}

/** Marks the lines of the remote scripts' output, so that a login banner is not mistaken for them. */
const MARK = "\u001ehatop:";

/** The most of a remote host's configuration read (its files' text, whole). */
const REMOTE_BYTES = 8 * 1024 * 1024;

/** Paths the remote script can hold between double quotes as they are. */
const PLAIN = /^[A-Za-z0-9_.\/@+,=%: -]+$/;

/** Another host, read over ssh with the user's ssh command (BatchMode: nothing asks for a password). */
export function sshHost(
  addr: SshAddress,
  timeoutMs: number,
  env: { get(name: string): string | undefined },
): ConfigHost {
  const command = sshCommand(env.get(SSH_COMMAND_VARIABLE));
  const run = async (script: string) => {
    const watched = startWatched(remoteScriptArgv(command, addr, timeoutMs, script), "", REMOTE_BYTES);
    const code = await watched.status;
    if (code !== 0) {
      const why = watched.stderr().trim().split("\n").pop() || `ssh exited with ${code}`;
      throw new Error(`ssh to ${addr.host}: ${why}`);
    }
    return watched.stdout();
  };
  return {
    async haproxies() {
      const out = await run(
        'for d in /proc/[0-9]*; do a=$(tr "\\000" "\\037" < $d/cmdline 2>/dev/null) || continue; ' +
          'case "${a%%$(printf "\\037")*}" in *haproxy*) printf "\\036hatop:proc %s\\037%s\\037%s\\n" ' +
          '"${d#/proc/}" "$(readlink $d/cwd 2>/dev/null)" "$a";; esac; done; printf "\\036hatop:done\\n"',
      );
      if (!out.includes(`${MARK}done`)) throw new Error(`ssh to ${addr.host}: the process list did not come`);
      return out.split("\n").filter((l) => l.startsWith(`${MARK}proc `)).map((l) => {
        const [pid, cwd, ...argv] = l.slice(`${MARK}proc `.length).split("\u001f");
        return { pid: Number(pid), argv: argv.filter((a) => a !== ""), ...(cwd ? { cwd } : {}) };
      }).filter((p) => isHaproxy(p.argv));
    },
    async read(path) {
      if (!PLAIN.test(path)) {
        throw new Error("a path with quotes or other special characters is not read over ssh");
      }
      const out = await run(
        `p="${path}"; if [ -d "$p" ]; then for f in "$p"/*.cfg; do [ -f "$f" ] && printf "\\036hatop:file %s\\n" ` +
          `"$f" && cat "$f"; done; elif [ -r "$p" ]; then printf "\\036hatop:file %s\\n" "$p"; cat "$p"; ` +
          `elif [ -e "$p" ]; then printf "\\036hatop:unreadable\\n"; fi; printf "\\036hatop:done\\n"`,
      );
      if (!out.includes(`${MARK}done`)) throw new Error("the file did not come whole over ssh");
      if (out.includes(`${MARK}unreadable`)) throw new Error("permission denied");
      const parts = out.slice(0, out.lastIndexOf(`${MARK}done`)).split(`${MARK}file `).slice(1);
      if (parts.length === 0) throw new Deno.errors.NotFound(path);
      return parts.map((part) => {
        const newline = part.indexOf("\n");
        return { path: part.slice(0, newline), text: part.slice(newline + 1) };
      });
    },
  };
}
