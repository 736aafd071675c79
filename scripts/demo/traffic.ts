/**
 * The demo's load: a few concurrent loops sending varied HTTP requests and TCP round trips through the
 * frontends, bounded to roughly 20-50 requests per second in all, loopback only. What each request is comes
 * from the pure {@linkcode pickRequest}.
 *
 * @module
 */

import { delay } from "./backends.ts";

/** One HTTP request the load sends. */
export interface PlannedRequest {
  /** `GET` or `POST`. */
  method: "GET" | "POST";
  /** Path and query, e.g. `/products/12`. */
  path: string;
  /** Body of a `POST` (undefined for `GET`). */
  body?: string;
}

/**
 * Picks a request from one random number in [0, 1) and a second one for the details:
 *
 * - 45% `GET /` or `/products/<n>` (served by `be_web`, some of it slowly),
 * - 20% `GET /api/items/<n>` and 10% `POST /api/items` with a small JSON body (`be_api`, where `fail1`
 *   answers 5xx),
 * - 15% `GET /missing/<n>` (404 from the servers),
 * - 10% `GET /admin/<n>` (403, denied by the frontend).
 */
export function pickRequest(which: number, detail: number): PlannedRequest {
  const n = Math.floor(detail * 100);
  if (which < 0.15) return { method: "GET", path: "/" };
  if (which < 0.45) return { method: "GET", path: `/products/${n}` };
  if (which < 0.65) return { method: "GET", path: `/api/items/${n}` };
  if (which < 0.75) {
    return { method: "POST", path: "/api/items", body: JSON.stringify({ id: n, name: "x".repeat(n * 10) }) };
  }
  if (which < 0.9) return { method: "GET", path: `/missing/${n}` };
  return { method: "GET", path: `/admin/${n}` };
}

/** Options for {@linkcode startTraffic}. */
export interface TrafficOptions {
  /** Base URL of the HTTP frontend, e.g. `http://127.0.0.1:8080`. */
  httpUrl: string;
  /** Address of the TCP frontend. */
  tcp: { hostname: string; port: number };
  /** Concurrent HTTP loops; default 4 (about 8 requests per second each). */
  httpLoops?: number;
  /** Pause between two requests of one loop: at least `minPauseMs` (default 80)… */
  minPauseMs?: number;
  /** …and at most `maxPauseMs` (default 160). */
  maxPauseMs?: number;
  /** Random source; default `Math.random`. */
  random?: () => number;
}

/** What the load has done so far. */
export interface TrafficCounts {
  /** HTTP answers received, by status code. */
  status: Record<number, number>;
  /** HTTP requests that got no answer (refused, reset, timed out). */
  httpErrors: number;
  /** TCP round trips completed (bytes written and echoed back). */
  tcpRoundTrips: number;
  /** TCP round trips that failed. */
  tcpErrors: number;
}

/** The running load. `await using` stops it at the end of the scope. */
export interface Traffic extends AsyncDisposable {
  /** A copy of the counts so far. */
  counts(): TrafficCounts;
  /** Stops every loop, cancels what is in flight and waits for the loops to end; idempotent. */
  stop(): Promise<void>;
}

/** Per-request limit, so a stuck request never holds a loop for long. */
const REQUEST_TIMEOUT_MS = 5000;

/** Starts the HTTP loops and one TCP loop (a round trip of 64 B - 4 KiB about three times a second). */
export function startTraffic(opts: TrafficOptions): Traffic {
  const random = opts.random ?? Math.random;
  const minPause = opts.minPauseMs ?? 80;
  const maxPause = Math.max(minPause, opts.maxPauseMs ?? 160);
  const stopper = new AbortController();
  const signal = stopper.signal;
  const counts: TrafficCounts = { status: {}, httpErrors: 0, tcpRoundTrips: 0, tcpErrors: 0 };
  const pause = (min: number, max: number) => delay(min + random() * (max - min), signal);

  const httpLoop = async () => {
    while (!signal.aborted) {
      const req = pickRequest(random(), random());
      try {
        const res = await fetch(new URL(req.path, opts.httpUrl), {
          method: req.method,
          body: req.body,
          headers: req.body ? { "content-type": "application/json" } : {},
          signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
        });
        await res.arrayBuffer();
        counts.status[res.status] = (counts.status[res.status] ?? 0) + 1;
      } catch {
        if (!signal.aborted) counts.httpErrors++;
      }
      await pause(minPause, maxPause);
    }
  };

  const tcpLoop = async () => {
    while (!signal.aborted) {
      try {
        await tcpRoundTrip(opts.tcp, 64 + Math.floor(random() * 4032), signal);
        counts.tcpRoundTrips++;
      } catch {
        if (!signal.aborted) counts.tcpErrors++;
      }
      await pause(200, 450);
    }
  };

  const loops = [
    ...Array.from({ length: opts.httpLoops ?? 4 }, () => httpLoop()),
    tcpLoop(),
  ];
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      stopper.abort();
      await Promise.allSettled(loops);
    })();
    return stopped;
  };
  return {
    counts: () => ({ ...counts, status: { ...counts.status } }),
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

/** Connects, writes `size` bytes, reads them back, closes. Rejects on any failure, timeout or abort. */
export async function tcpRoundTrip(
  addr: { hostname: string; port: number },
  size: number,
  signal?: AbortSignal,
): Promise<void> {
  const conn = await Deno.connect({ hostname: addr.hostname, port: addr.port, transport: "tcp" });
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const abort = () => {
    try {
      conn.close();
    } catch {
      // Already closed.
    }
  };
  const signals = signal ? AbortSignal.any([signal, timeout]) : timeout;
  signals.addEventListener("abort", abort, { once: true });
  try {
    const data = new Uint8Array(size).map((_, i) => 32 + (i % 95));
    let written = 0;
    while (written < size) written += await conn.write(data.subarray(written));
    const buf = new Uint8Array(size);
    let read = 0;
    while (read < size) {
      const n = await conn.read(buf.subarray(read));
      if (n === null) throw new Error(`connection closed after ${read} of ${size} bytes`);
      read += n;
    }
  } finally {
    signals.removeEventListener("abort", abort);
    abort();
  }
}
