/**
 * Backend servers that hold their connections: loopback listeners for a lab's servers that accept every
 * connection and keep it open until HAProxy closes it, so a session the test opens through the lab's frontend
 * stays current (`scur`) for as long as the test keeps its client open, independent of timing. (Closing the
 * client ends the session; a server closing first would only half-close it in TCP mode.)
 *
 * @example
 * ```ts ignore
 * await using pool = await startHeldServers(3);
 * // lab config: server web1 127.0.0.1:${pool.ports[0]} ...
 * const { client, server } = await pool.open(frontPort); // `server`: which one took the session
 * client.close(); // HAProxy ends the session
 * ```
 *
 * @module
 */
import { listenLoopback } from "./lab.ts";
import { poll } from "./poll.ts";

/** Listeners with the connections each holds; `await using` closes everything. */
export interface HeldServers extends AsyncDisposable {
  /** The port of each server, in order. */
  readonly ports: readonly number[];
  /** How many connections server `i` holds now. */
  held(i: number): number;
  /**
   * Opens a client connection to `port` (the lab's frontend) and waits until one of the servers has accepted
   * the session HAProxy opened for it; returns the client and which server took it.
   */
  open(port: number): Promise<{ client: Deno.Conn; server: number }>;
  /** Closes every client, every held connection and every listener; idempotent. */
  close(): Promise<void>;
}

/** Starts `n` holding servers on free loopback ports. */
export async function startHeldServers(n: number): Promise<HeldServers> {
  const listeners: Deno.TcpListener[] = [];
  for (let i = 0; i < n; i++) {
    listeners.push(await listenLoopback((port) => Deno.listen({ hostname: "127.0.0.1", port })));
  }
  const conns: Set<Deno.Conn>[] = listeners.map(() => new Set());
  const clients = new Set<Deno.Conn>();
  const accepted = listeners.map(() => 0);
  const loops = listeners.map(async (listener, i) => {
    // The iteration ends when close() closes the listener.
    for await (const conn of listener) {
      conns[i].add(conn);
      accepted[i]++;
      // Read (and drop) until HAProxy closes, then close and forget the connection.
      (async () => {
        const buf = new Uint8Array(4096);
        try {
          while ((await conn.read(buf)) !== null) { /* drop */ }
        } catch {
          // Closed by close().
        }
        if (conns[i].delete(conn)) conn.close();
      })();
    }
  });
  let closed = false;
  const servers: HeldServers = {
    ports: listeners.map((l) => l.addr.port),
    held: (i) => conns[i].size,
    async open(port) {
      const before = [...accepted];
      const client = await Deno.connect({ hostname: "127.0.0.1", port });
      clients.add(client);
      // Something to read for the server side, so that HAProxy connects in every release's TCP mode.
      await client.write(new TextEncoder().encode("hello\n"));
      const server = await poll("a server to accept the session", 10_000, () => {
        const i = accepted.findIndex((a, k) => a > before[k]);
        return i >= 0 ? i : undefined;
      });
      return { client, server };
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const c of clients) {
        try {
          c.close();
        } catch {
          // Already closed by the test.
        }
      }
      for (const held of conns) {
        for (const conn of held) conn.close();
        held.clear();
      }
      for (const l of listeners) l.close();
      await Promise.all(loops);
    },
    [Symbol.asyncDispose]() {
      return servers.close();
    },
  };
  return servers;
}
