/**
 * A recording relay between a client and a unix socket: it listens on a unix path of its own, and for each
 * connection it opens one to the target and pipes bytes both ways, recording every line the client sends.
 * Used to prove what the program sends to HAProxy (for example that `--read-only` sends no write command).
 *
 * @example
 * ```ts ignore
 * await using relay = await startRecorder("/tmp/lab/admin.sock");
 * // point the program at relay.path, use it, then:
 * console.log(relay.commands());
 * ```
 *
 * @module
 */

/** A running relay; `await using` closes it and every connection it holds. */
export interface Recorder extends AsyncDisposable {
  /** The unix socket path clients connect to. */
  readonly path: string;
  /** Every line clients sent so far (without the "\n"), in order, over all connections. */
  commands(): string[];
  /** Connections accepted so far. */
  connections(): number;
  /** Stops listening, closes every connection, removes the temp dir; idempotent. */
  close(): Promise<void>;
}

async function pump(from: Deno.Conn, to: Deno.Conn, onData?: (bytes: Uint8Array) => void): Promise<void> {
  const buf = new Uint8Array(64 * 1024);
  try {
    for (;;) {
      const n = await from.read(buf);
      if (n === null) return;
      onData?.(buf.subarray(0, n));
      let done = 0;
      while (done < n) done += await to.write(buf.subarray(done, n));
    }
  } catch {
    // One side closed: the relay ends this connection.
  }
}

/** Starts a recording relay in front of the unix socket `target`. */
export async function startRecorder(target: string): Promise<Recorder> {
  const dir = await Deno.makeTempDir({ prefix: "hatop-relay-" });
  const path = `${dir}/relay.sock`;
  const listener = Deno.listen({ transport: "unix", path });
  const lines: string[] = [];
  const open = new Set<Deno.Conn>();
  const tasks: Promise<void>[] = [];
  let accepted = 0;
  let closed = false;

  const serve = async (client: Deno.Conn) => {
    let upstream: Deno.Conn;
    try {
      upstream = await Deno.connect({ transport: "unix", path: target });
    } catch {
      client.close();
      open.delete(client);
      return;
    }
    open.add(upstream);
    const decoder = new TextDecoder();
    let partial = "";
    const record = (bytes: Uint8Array) => {
      partial += decoder.decode(bytes, { stream: true });
      const parts = partial.split("\n");
      partial = parts.pop()!;
      lines.push(...parts);
    };
    const end = () => {
      for (const c of [client, upstream]) {
        if (open.delete(c)) c.close();
      }
    };
    const both = [pump(client, upstream, record), pump(upstream, client)];
    await Promise.race(both);
    end();
    await Promise.all(both);
    if (partial !== "") lines.push(partial);
  };

  const accepting = (async () => {
    for (;;) {
      let conn: Deno.Conn;
      try {
        conn = await listener.accept();
      } catch {
        return;
      }
      accepted++;
      open.add(conn);
      tasks.push(serve(conn));
    }
  })();

  const recorder: Recorder = {
    path,
    commands: () => [...lines],
    connections: () => accepted,
    async close() {
      if (closed) return;
      closed = true;
      listener.close();
      await accepting;
      for (const c of open) c.close();
      open.clear();
      await Promise.all(tasks);
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    },
    [Symbol.asyncDispose]() {
      return recorder.close();
    },
  };
  return recorder;
}
