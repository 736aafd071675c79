/**
 * Which sockets a run opens when the command line names them by `@name`, or names none: the config file's
 * instances and groups (src/cli/config.ts), mixed with -s and -t, with their labels and settings.
 *
 * The config file is read, and its TOML parser loaded, only when a name, `--config` or a run without any
 * socket needs it, so that a run with -s alone costs no npm module.
 *
 * @module
 */
import { loadToml } from "../../deps.ts";
import { ConfigError, configFrom, type ConfigInstance, type HatopConfig, select } from "./config.ts";
import type { Options } from "./options.ts";
import { EXIT, type Io } from "./connect.ts";
import { describeAddress, type SocketAddress } from "../haproxy/address.ts";
import { foundAt } from "../haproxy/haproxy_cfg.ts";
import { PROGRAM } from "../version.ts";
import { discover, type Discovery, HAPROXY_CONFIG_VARIABLE, LOCAL_HOST, sshHost } from "./discover.ts";
import { helpText } from "./help.ts";

/** What the process environment gives this module (Deno.env; a test may give another). */
export interface Env {
  get(name: string): string | undefined;
}

/** The default config file: `$XDG_CONFIG_HOME/hatop/config.toml`, else `~/.config/hatop/config.toml`. */
export function configPath(env: Env): string | undefined {
  const xdg = env.get("XDG_CONFIG_HOME");
  if (xdg && xdg.startsWith("/")) return `${xdg}/hatop/config.toml`;
  const home = env.get("HOME");
  return home ? `${home}/.config/hatop/config.toml` : undefined;
}

/** The config file read, undefined when the default one is absent, or the message of what is wrong. */
async function readConfig(options: Options, env: Env): Promise<HatopConfig | undefined | string> {
  const path = options.configPath ?? configPath(env);
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound && options.configPath === undefined) return undefined;
    const why = e instanceof Deno.errors.NotFound ? "no such file" : (e as Error).message;
    return `config file ${path}: ${why}`;
  }
  try {
    return configFrom(text, path, (await loadToml()).parse);
  } catch (e) {
    if (e instanceof ConfigError) return `config file ${e.message}`;
    throw e;
  }
}

/** The options of a run on the config file's `instances` (besides -s and -t), with their labels. */
function withInstances(options: Options, chosen: ReturnType<typeof select> & object): Options {
  const addresses = chosen.instances.map((i: ConfigInstance) => i.address);
  const all = [...new Map([...addresses, ...options.sockets].map((a) => [describeAddress(a), a])).values()];
  const labels = new Map(options.labels ?? []);
  for (const i of chosen.instances) if (i.label) labels.set(describeAddress(i.address), i.label);
  return {
    ...options,
    sockets: all,
    labels,
    readOnly: options.readOnly || chosen.readOnly,
    interval: !options.given.interval && chosen.interval !== undefined ? chosen.interval : options.interval,
    mode: !options.given.mode && chosen.mode !== undefined ? chosen.mode : options.mode,
  };
}

/** `using ADDRESS (level L) from FILE:LINE`: which socket discovery chose, and why. */
function usingText(address: SocketAddress, d: Discovery): string {
  const s = d.socket!;
  const what = s.kind === "master" ? "master CLI" : "stats socket";
  return `using the ${what} ${describeAddress(address)} (level ${s.level}) from ${foundAt(s)}`;
}

/**
 * The sockets found for a run that names none (this host's HAProxy configuration) and for each
 * `-s ssh://host` without a path (that host's, over ssh; a unix socket only, the one ssh can forward;
 * `$HATOP_HAPROXY_CONFIG` names the files there too).
 * Nothing found on this host: the help and what was looked at, exit 0 as without discovery; nothing on a
 * remote host: what was looked at there, exit 2.
 */
async function discovered(options: Options, io: Io, env: Env): Promise<Options | number> {
  const sockets = [...options.sockets];
  const found: string[] = [];
  const report = (address: SocketAddress, d: Discovery) => {
    found.push(usingText(address, d));
    io.err(`${PROGRAM}: ${found[found.length - 1]}\n`);
  };
  for (const host of options.remoteHosts) {
    const remote = sshHost(host, options.timeoutMs, env);
    const d = await discover(remote, env.get(HAPROXY_CONFIG_VARIABLE), (s) => s.address.transport === "unix");
    if (!d.socket || d.socket.address.transport !== "unix") {
      io.err(`${PROGRAM}: ${describeAddress(host)}: no stats socket found there; looked at:\n`);
      for (const line of d.looked) io.err(`  ${line}\n`);
      return EXIT.socket;
    }
    const address = { ...host, path: d.socket.address.path };
    report(address, d);
    sockets.push(address);
  }
  if (sockets.length === 0 && options.remoteHosts.length === 0 && !options.replay) {
    const d = await discover(LOCAL_HOST, env.get(HAPROXY_CONFIG_VARIABLE));
    if (!d.socket) {
      io.out(
        `${helpText()}No stats socket was found; looked at:\n${d.looked.map((l) => `  ${l}\n`).join("")}`,
      );
      return EXIT.ok;
    }
    report(d.socket.address, d);
    sockets.push(d.socket.address);
  }
  return found.length > 0 ? { ...options, sockets, found: found.join("; ") } : { ...options, sockets };
}

/**
 * The options with the sockets of the `@names` (or of the config file's `default` when the command line
 * names no socket at all), or the exit code after saying what is wrong: a config file that cannot be read
 * or is invalid (its line and the problem), an unknown name (with what is defined), the cli mode with a
 * read-only instance: exit 1. Then the sockets still to be found are (see {@linkcode discovered}).
 */
export async function resolveTargets(
  options: Options,
  io: Io,
  env: Env = Deno.env,
): Promise<Options | number> {
  const fail = (text: string) => (io.err(`${PROGRAM}: ${text}\n`), EXIT.failure);
  const none = options.sockets.length === 0 && options.remoteHosts.length === 0 && !options.replay;
  const wanted = options.names.length > 0 || options.configPath !== undefined || none;
  if (!wanted) return await discovered(options, io, env);
  const config = await readConfig(options, env);
  if (typeof config === "string") return fail(config);
  let names = options.names;
  if (names.length === 0 && none && config?.default) names = [config.default];
  if (names.length === 0) return await discovered(options, io, env);
  if (config === undefined) {
    return fail(
      `${names.join(", ")}: no config file to look the name up in (${configPath(env) ?? "HOME unset"})`,
    );
  }
  const chosen = select(config, names);
  if (typeof chosen === "string") return fail(chosen);
  const resolved = withInstances(options, chosen);
  if (resolved.readOnly && resolved.mode === 5) return fail("cli not available in read-only mode");
  return await discovered(resolved, io, env);
}
