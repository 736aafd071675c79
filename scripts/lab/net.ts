/**
 * Loopback helpers of the lab: free ports below the kernel's ephemeral range, and one-shot runtime-API
 * commands over a unix socket.
 *
 * @module
 */

/** Ports handed out by {@linkcode freePort} stay in [PORT_MIN, PORT_MAX], below the ephemeral range. */
export const PORT_MIN = 10_000;
export const PORT_MAX = 32_767;

/**
 * Ports where nothing ever listens: {@linkcode freePort} never hands them out, so no lab or test server binds
 * them, and the kernel's ephemeral range is far above. For "connection refused" on purpose.
 */
export const CLOSED_MIN = 9_000;
export const CLOSED_MAX = 9_999;

const given = new Set<number>();

/**
 * A loopback TCP port where nothing listens and nothing of the tests ever will (a dead server, "connection
 * refused"), from [CLOSED_MIN, CLOSED_MAX]. Unlike a free port, it cannot be taken by a parallel test.
 */
export function closedPort(): Promise<number> {
  for (let tries = 0; tries < 100; tries++) {
    const port = CLOSED_MIN + Math.floor(Math.random() * (CLOSED_MAX - CLOSED_MIN + 1));
    try {
      Deno.listen({ hostname: "127.0.0.1", port }).close();
      return Promise.resolve(port);
    } catch {
      // Something outside the tests listens there: another one.
    }
  }
  return Promise.reject(new Error(`no closed port between ${CLOSED_MIN} and ${CLOSED_MAX} after 100 tries`));
}

/**
 * A TCP port on 127.0.0.1 that nothing listens on now, below 32768 (so it never collides with the kernel's
 * ephemeral ports of outgoing connections). Random, and never the same twice in one process, so parallel
 * test processes rarely pick the same; a lab that still loses a race for a port starts again with new ones.
 */
export function freePort(): Promise<number> {
  for (let tries = 0; tries < 1000; tries++) {
    const port = PORT_MIN + Math.floor(Math.random() * (PORT_MAX - PORT_MIN + 1));
    if (given.has(port)) continue;
    try {
      Deno.listen({ hostname: "127.0.0.1", port }).close();
    } catch {
      continue;
    }
    given.add(port);
    return Promise.resolve(port);
  }
  return Promise.reject(new Error(`no free port between ${PORT_MIN} and ${PORT_MAX} after 1000 tries`));
}

/**
 * Writes `request` on `conn`, optionally half-closes, and reads until the peer closes; `what` names the peer
 * in the error thrown when that takes longer than `timeoutMs` (the connection is then closed). Always closes
 * `conn`.
 */
export async function writeAndReadToEnd(
  conn: Deno.Conn,
  request: string,
  opts: { timeoutMs: number; halfClose: boolean; what: string },
): Promise<string> {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    conn.close();
  }, opts.timeoutMs);
  try {
    const bytes = new TextEncoder().encode(request);
    let done = 0;
    while (done < bytes.length) done += await conn.write(bytes.subarray(done));
    if (opts.halfClose) await conn.closeWrite();
    const decoder = new TextDecoder();
    let text = "";
    const buf = new Uint8Array(64 * 1024);
    for (;;) {
      const n = await conn.read(buf);
      if (n === null) break;
      text += decoder.decode(buf.subarray(0, n), { stream: true });
    }
    return text + decoder.decode();
  } catch (err) {
    if (timedOut) throw new Error(`no complete reply ${opts.what} within ${opts.timeoutMs} ms`);
    throw err;
  } finally {
    clearTimeout(timer);
    try {
      conn.close();
    } catch {
      // Closed by the timer.
    }
  }
}

/**
 * Sends one command in non-interactive mode to a unix socket, half-closes (the master CLI waits for more input
 * otherwise) and reads the reply to EOF. Throws when there is no complete reply within timeoutMs.
 */
export async function oneShot(path: string, cmd: string, timeoutMs = 10_000): Promise<string> {
  const conn = await Deno.connect({ transport: "unix", path });
  return writeAndReadToEnd(conn, cmd + "\n", {
    timeoutMs,
    halfClose: true,
    what: `to "${cmd}" from ${path}`,
  });
}

/**
 * Listens on a free loopback TCP port below 32768 (see {@linkcode freePort}), trying other ports while the
 * chosen one turns out to be taken; the listener is held, so no other process can take the port any more.
 */
export async function listenLoopback<T>(listen: (port: number) => T): Promise<T> {
  for (let tries = 0;; tries++) {
    const port = await freePort();
    try {
      return listen(port);
    } catch (e) {
      if (!(e instanceof Deno.errors.AddrInUse) || tries >= 20) throw e;
    }
  }
}
