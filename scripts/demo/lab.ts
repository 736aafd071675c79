/**
 * The whole demo lab in one call: the backend servers, a real HAProxy configured by
 * {@linkcode demoConfig} in a temporary directory, and the load through its frontends.
 *
 * @module
 */

import { closedPort, freePort, type Lab, startLab } from "../lab/haproxy.ts";
import { type DemoServer, startEchoServer, startHttpBackend } from "./backends.ts";
import { demoConfig, type DemoPorts } from "./config.ts";
import { startTraffic, type Traffic } from "./traffic.ts";

/** A running demo lab. `await using` stops everything at the end of the scope. */
export interface DemoLab extends AsyncDisposable {
  /** The HAProxy lab (temp dir, pid, sockets, config). */
  lab: Lab;
  /** Every port in the configuration. */
  ports: DemoPorts;
  /** The HTTP frontend's base URL, e.g. `http://127.0.0.1:8080/`. */
  httpUrl: string;
  /** The load (undefined when started with `traffic: false`). */
  traffic?: Traffic;
  /** Stops the load, HAProxy (removing its temp dir) and the servers, in that order; idempotent. */
  stop(): Promise<void>;
}

/** Options for {@linkcode startDemoLab}. */
export interface DemoLabOptions {
  /** Drive traffic through the frontends; default true. */
  traffic?: boolean;
}

/**
 * Starts the servers, HAProxy (node name `hatop-demo`) and the load. Whatever was started is stopped again
 * when a later step fails.
 */
export async function startDemoLab(opts: DemoLabOptions = {}): Promise<DemoLab> {
  await using stack = new AsyncDisposableStack();
  const serve = (server: DemoServer) => stack.use(server).port;
  const ports: DemoPorts = {
    http: await freePort(),
    tcp: await freePort(),
    web1: serve(startHttpBackend("healthy")),
    web2: serve(startHttpBackend("healthy")),
    slow: serve(startHttpBackend("slow")),
    flapping: serve(startHttpBackend("flapping")),
    dead: await closedPort(),
    maint: serve(startHttpBackend("healthy")),
    backup: serve(startHttpBackend("healthy")),
    api: serve(startHttpBackend("healthy")),
    failing: serve(startHttpBackend("failing")),
    echo: serve(await startEchoServer()),
  };
  const lab = stack.use(await startLab(() => demoConfig(ports), { node: "hatop-demo" }));
  const httpUrl = `http://127.0.0.1:${ports.http}/`;
  const traffic = opts.traffic === false
    ? undefined
    : stack.use(startTraffic({ httpUrl, tcp: { hostname: "127.0.0.1", port: ports.tcp } }));
  // Everything started: hand the clean-up over to the returned object (the stack disposes in reverse order:
  // traffic, HAProxy, servers).
  const owned = stack.move();
  let stopped: Promise<void> | undefined;
  const stop = () => stopped ??= owned.disposeAsync();
  return { lab, ports, httpUrl, traffic, stop, [Symbol.asyncDispose]: stop };
}
