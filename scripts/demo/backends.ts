/**
 * The demo's own backend servers, on free 127.0.0.1 ports: small HTTP servers that are healthy, slow,
 * failing or flapping, and a TCP echo server. What each answers is decided by the pure
 * {@linkcode planResponse}, so it can be tested without a socket.
 *
 * @module
 */

import { HEALTH_PATH } from "./config.ts";
import { listenLoopback } from "../lab/net.ts";

/** How an HTTP backend behaves. */
export type BackendKind = "healthy" | "slow" | "failing" | "flapping";

/** What a backend answers to one request. */
export interface ResponsePlan {
  /** HTTP status code. */
  status: number;
  /** How long to wait before answering, in milliseconds. */
  delayMs: number;
  /** Response body (text). */
  body: string;
}

/** The inputs {@linkcode planResponse} needs besides the kind. */
export interface PlanContext {
  /** Request path, e.g. `/products/3`. */
  path: string;
  /** A random number in [0, 1). */
  random: number;
}

/** Length of one up or down phase of a flapping server by default: 4 s. */
export const DEFAULT_FLAP_PHASE_MS = 4000;

/**
 * Whether a flapping server listens (its up phase) `elapsedMs` after it started: it starts up, and
 * alternates every `flapPhaseMs`.
 */
export function flapIsUp(elapsedMs: number, flapPhaseMs: number): boolean {
  return Math.floor(Math.max(0, elapsedMs) / Math.max(1, flapPhaseMs)) % 2 === 0;
}

/**
 * What a backend of `kind` answers:
 *
 * - every kind answers 404 to paths under `/missing`;
 * - `healthy` and `flapping` (while it listens): 200 at once;
 * - `slow`: 200 after 200-800 ms (`random` picks where), the health check included (`be_web` gives up
 *   after 700 ms, so some of these become 504s and response errors);
 * - `failing`: 200 to the health check (so HAProxy keeps it UP), 500 or 503 to everything else.
 */
export function planResponse(kind: BackendKind, ctx: PlanContext): ResponsePlan {
  const health = ctx.path === HEALTH_PATH;
  const plan = (status: number, body: string, delayMs = 0): ResponsePlan => ({ status, delayMs, body });
  if (!health && ctx.path.startsWith("/missing")) return plan(404, "not found\n");
  switch (kind) {
    case "slow":
      return plan(200, "ok, eventually\n", 200 + Math.floor(ctx.random * 600));
    case "failing":
      if (health) return plan(200, "ok\n");
      return ctx.random < 0.5 ? plan(500, "internal error\n") : plan(503, "unavailable\n");
    default:
      return plan(200, health ? "ok\n" : `hello from ${kind} ${ctx.path}\n`);
  }
}

/** A running demo server. `await using` stops it at the end of the scope. */
export interface DemoServer extends AsyncDisposable {
  /** What it is: a kind of HTTP backend, or `echo`. */
  readonly kind: BackendKind | "echo";
  /** The 127.0.0.1 port it listens on (a flapping server only in its up phases). */
  readonly port: number;
  /** Stops listening, ends open connections and waits for them; idempotent. */
  close(): Promise<void>;
}

/** Options for {@linkcode startHttpBackend}. */
export interface HttpBackendOptions {
  /** Length of one flapping phase; default {@linkcode DEFAULT_FLAP_PHASE_MS}. */
  flapPhaseMs?: number;
  /** Random source; default `Math.random`. */
  random?: () => number;
}

/**
 * Starts an HTTP backend of `kind` on a free 127.0.0.1 port. A `flapping` backend closes its listener for
 * every other phase of `flapPhaseMs` and opens it again on the same port, so HAProxy's checks see it go
 * DOWN (L4CON) and UP.
 */
export function startHttpBackend(kind: BackendKind, opts: HttpBackendOptions = {}): DemoServer {
  const random = opts.random ?? Math.random;
  const flapPhaseMs = opts.flapPhaseMs ?? DEFAULT_FLAP_PHASE_MS;
  const stop = new AbortController();
  const handler = async (request: Request): Promise<Response> => {
    const plan = planResponse(kind, { path: new URL(request.url).pathname, random: random() });
    // Read (and drop) any request body so the exchange completes cleanly.
    await request.body?.cancel().catch(() => {});
    if (plan.delayMs > 0) await delay(plan.delayMs, stop.signal);
    return new Response(plan.body, { status: plan.status, headers: { "content-type": "text/plain" } });
  };
  const listen = (port: number, signal: AbortSignal) =>
    Deno.serve({ hostname: "127.0.0.1", port, signal, onListen: () => {} }, handler);

  const first = new AbortController();
  const server = listen(0, AbortSignal.any([stop.signal, first.signal]));
  const port = server.addr.port;
  let current: Promise<void> = server.finished;
  let flapping: Promise<void> = Promise.resolve();
  if (kind === "flapping") {
    flapping = (async () => {
      let phase: AbortController | undefined = first;
      for (let goingUp = false; !stop.signal.aborted; goingUp = !goingUp) {
        await delay(flapPhaseMs, stop.signal);
        if (stop.signal.aborted) break;
        if (!goingUp) {
          phase?.abort();
          await current.catch(() => {});
          phase = undefined;
          continue;
        }
        try {
          phase = new AbortController();
          current = listen(port, AbortSignal.any([stop.signal, phase.signal])).finished;
        } catch {
          // The port is busy for now: stay down this phase and try again on the next.
          phase = undefined;
          goingUp = false;
        }
      }
    })();
  }
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      stop.abort();
      await flapping;
      await current.catch(() => {});
    })();
    return closed;
  };
  return { kind, port, close, [Symbol.asyncDispose]: close };
}

/** Starts a TCP server on a free 127.0.0.1 port that writes back every byte it reads. */
export async function startEchoServer(): Promise<DemoServer> {
  const listener = await listenLoopback((port) => Deno.listen({ hostname: "127.0.0.1", port }));
  const conns = new Set<Deno.Conn>();
  const handlers = new Set<Promise<void>>();
  const serve = async (conn: Deno.Conn) => {
    conns.add(conn);
    try {
      const buf = new Uint8Array(16 * 1024);
      for (;;) {
        const n = await conn.read(buf);
        if (n === null) break;
        let done = 0;
        while (done < n) done += await conn.write(buf.subarray(done, n));
      }
    } catch {
      // The peer went away (reset, or we closed it on stop): nothing to do.
    } finally {
      conns.delete(conn);
      try {
        conn.close();
      } catch {
        // Already closed.
      }
    }
  };
  const accepting = (async () => {
    try {
      for await (const conn of listener) {
        const handler = serve(conn);
        handlers.add(handler);
        handler.finally(() => handlers.delete(handler));
      }
    } catch {
      // The listener was closed.
    }
  })();
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      try {
        listener.close();
      } catch {
        // Already closed.
      }
      for (const conn of conns) {
        try {
          conn.close();
        } catch {
          // Already closed.
        }
      }
      await accepting;
      await Promise.all(handlers);
    })();
    return closed;
  };
  return { kind: "echo", port: (listener.addr as Deno.NetAddr).port, close, [Symbol.asyncDispose]: close };
}

/** Resolves after `ms`, or at once when `signal` aborts (the pacing of a slow answer, cut short on stop). */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
