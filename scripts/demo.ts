/**
 * The live demo (`deno task demo`): a real HAProxy with healthy, slow, failing, flapping, dead, backup,
 * maintenance and tracking servers, served by the demo's own small servers, with traffic running through
 * its HTTP and TCP frontends, and the monitor opened on its admin socket.
 *
 * ```sh
 * deno task demo              # the monitor on the lab; q quits and stops everything
 * deno task demo -m 2         # extra arguments go to the monitor (here: start in TRAFFIC mode)
 * deno task demo --no-monitor # keep the lab running and print its sockets, until Ctrl-C or SIGTERM
 * ```
 *
 * On every way out (the monitor quits, Ctrl-C, SIGTERM, SIGHUP, an error) HAProxy, the servers and the
 * traffic are stopped and the lab's files removed; with the monitor, the demo exits with its exit code.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { ensureHaproxy } from "./lab/haproxy.ts";
import { type DemoLab, startDemoLab } from "./demo/lab.ts";

/** The demo's own arguments; everything else is for the monitor. */
export interface DemoArgs {
  /** False with `--no-monitor`: keep the lab running without opening the monitor. */
  monitor: boolean;
  /** True with `-h` / `--help`. */
  help: boolean;
  /** Arguments passed on to the monitor, in order. */
  monitorArgs: string[];
}

/** The demo's usage text. */
export const DEMO_USAGE = `Usage: deno task demo [--no-monitor] [MONITOR OPTIONS]...

  Starts a throw-away HAProxy lab with traffic (loopback only) and opens the monitor on it.
  Stopping the monitor stops the lab and removes its files.

    --no-monitor   keep the lab running and print its sockets and frontends, until Ctrl-C
    -h, --help     show this help
  Any other option is passed to the monitor (for example -m 2, -i 1, -n); the demo gives it -s.
`;

/**
 * Splits the command line into the demo's options and the monitor's. Returns an error message for a socket
 * option (`-s`, `-t`, `--unix-socket`, `--tcp-socket`), since the demo chooses the socket itself.
 */
export function parseDemoArgs(args: readonly string[]): DemoArgs | { error: string } {
  const parsed: DemoArgs = { monitor: true, help: false, monitorArgs: [] };
  for (const arg of args) {
    if (arg === "--no-monitor") parsed.monitor = false;
    else if (arg === "-h" || arg === "--help") parsed.help = true;
    else if (/^(-[st]|--unix-socket|--tcp-socket)(=|$)/.test(arg) || /^-[st]./.test(arg)) {
      return { error: `${arg}: the demo connects the monitor to its own HAProxy; leave out -s/-t` };
    } else parsed.monitorArgs.push(arg);
  }
  return parsed;
}

/** What ended the wait: a signal, or an error the demo could not handle. */
type Shutdown = { signal: Deno.Signal } | { error: unknown };

const SIGNALS: Deno.Signal[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** Listens for SIGINT/SIGTERM/SIGHUP and unhandled errors; `promise` resolves with the first of them. */
function watchShutdown(): { promise: Promise<Shutdown>; dispose(): void } {
  const { promise, resolve } = Promise.withResolvers<Shutdown>();
  const cleanups: (() => void)[] = [];
  for (const signal of SIGNALS) {
    const handler = () => resolve({ signal });
    Deno.addSignalListener(signal, handler);
    cleanups.push(() => Deno.removeSignalListener(signal, handler));
  }
  const onRejection = (e: PromiseRejectionEvent) => {
    e.preventDefault();
    resolve({ error: e.reason });
  };
  const onError = (e: ErrorEvent) => {
    e.preventDefault();
    resolve({ error: e.error ?? e.message });
  };
  globalThis.addEventListener("unhandledrejection", onRejection);
  globalThis.addEventListener("error", onError);
  cleanups.push(() => globalThis.removeEventListener("unhandledrejection", onRejection));
  cleanups.push(() => globalThis.removeEventListener("error", onError));
  return { promise, dispose: () => cleanups.forEach((c) => c()) };
}

function message(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.trim().split("\n")[0];
}

/** The monitor's entry: a path for a local checkout, the URL when the demo itself runs from a URL. */
function monitorEntry(): string {
  const url = new URL("../main.ts", import.meta.url);
  return url.protocol === "file:" ? fileURLToPath(url) : url.href;
}

/** Runs the monitor on the lab until it exits or a shutdown comes; returns the monitor's exit code. */
async function runMonitor(demo: DemoLab, args: string[], shutdown: Promise<Shutdown>): Promise<number> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", monitorEntry(), "-s", demo.lab.sockets.admin, ...args],
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  const first = await Promise.race([child.status, shutdown]);
  if ("success" in first) return first.code;
  // A signal or an error reached the demo: pass it on (the monitor restores the terminal and exits), and
  // make sure it is gone before the lab is.
  const signal = "signal" in first ? first.signal : "SIGTERM";
  if ("error" in first) console.error(`hatop demo: ${message(first.error)}`);
  try {
    child.kill(signal);
  } catch {
    // Already exited.
  }
  const timer = setTimeout(() => {
    try {
      child.kill("SIGKILL");
    } catch {
      // Already exited.
    }
  }, 5000);
  const status = await child.status;
  clearTimeout(timer);
  return "error" in first && status.code === 0 ? 1 : status.code;
}

/** Prints where the lab is and waits for Ctrl-C/SIGTERM/SIGHUP; returns 0 (1 after an error). */
async function runWithoutMonitor(demo: DemoLab, shutdown: Promise<Shutdown>): Promise<number> {
  const { lab, ports } = demo;
  console.log(
    [
      `hatop demo: HAProxy pid ${lab.pid}, lab in ${lab.dir}`,
      `  admin socket:  ${lab.sockets.admin}`,
      `  TCP stats:     ${lab.sockets.tcp.hostname}:${lab.sockets.tcp.port}`,
      `  HTTP frontend: ${demo.httpUrl}`,
      `  TCP frontend:  127.0.0.1:${ports.tcp} (echo)`,
      `watch it with: deno run -A main.ts -s ${lab.sockets.admin}`,
      "Ctrl-C stops the lab.",
    ].join("\n"),
  );
  const end = await shutdown;
  if ("error" in end) {
    console.error(`hatop demo: ${message(end.error)}`);
    return 1;
  }
  return 0;
}

/** The demo's lifecycle; returns the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const parsed = parseDemoArgs(args);
  if ("error" in parsed) {
    console.error(`hatop demo: ${parsed.error}`);
    return 2;
  }
  if (parsed.help) {
    console.log(DEMO_USAGE.trimEnd());
    return 0;
  }
  try {
    await ensureHaproxy();
  } catch (err) {
    console.error(`hatop demo: ${message(err)}`);
    return 1;
  }
  const shutdown = watchShutdown();
  try {
    let demo: DemoLab;
    try {
      demo = await startDemoLab();
    } catch (err) {
      console.error(`hatop demo: cannot start the lab: ${message(err)}`);
      return 1;
    }
    const { dir, pid } = demo.lab;
    try {
      if (!parsed.monitor) return await runWithoutMonitor(demo, shutdown.promise);
      console.error(`hatop demo: HAProxy pid ${pid}, lab in ${dir}; starting the monitor (q quits)`);
      return await runMonitor(demo, parsed.monitorArgs, shutdown.promise);
    } finally {
      try {
        await demo.stop();
        console.error(`hatop demo: stopped HAProxy pid ${pid} and the servers, removed ${dir}`);
      } catch (err) {
        console.error(`hatop demo: clean-up failed: ${message(err)}`);
      }
    }
  } finally {
    shutdown.dispose();
  }
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
