/**
 * Client traffic for labs, written byte for byte so that what HAProxy counts is exactly what was sent: plain
 * HTTP/1.1 requests (one connection each, `Connection: close`), deliberately malformed requests, and
 * connections held open so the runtime API lists a live session.
 *
 * @module
 */
import { writeAndReadToEnd } from "./net.ts";

/** What came back for one request. */
export interface HttpReply {
  /** The status code of the response line; 0 when no status line came back. */
  readonly status: number;
  /** The body (everything after the blank line ending the headers). */
  readonly body: string;
  /** The whole response as received. */
  readonly raw: string;
}

/**
 * Connects to 127.0.0.1:`port`, writes `request` and reads until HAProxy closes the connection. Throws when
 * nothing closes it within `timeoutMs`.
 */
export async function exchange(port: number, request: string, timeoutMs = 10_000): Promise<string> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  return writeAndReadToEnd(conn, request, { timeoutMs, halfClose: false, what: `from 127.0.0.1:${port}` });
}

/** Splits a raw HTTP/1.x response into status and body. */
export function parseHttpReply(raw: string): HttpReply {
  const status = Number(raw.match(/^HTTP\/1\.[01] (\d{3})/)?.[1] ?? 0);
  const at = raw.indexOf("\r\n\r\n");
  return { status, body: at < 0 ? "" : raw.slice(at + 4), raw };
}

/** One `GET path` on its own connection (`Host: lab`, `Connection: close`). */
export async function httpGet(port: number, path = "/"): Promise<HttpReply> {
  return parseHttpReply(
    await exchange(port, `GET ${path} HTTP/1.1\r\nHost: lab\r\nConnection: close\r\n\r\n`),
  );
}

/** `n` requests one after the other (never in parallel, so every one is counted once, in order). */
export async function sendRequests(port: number, n: number, path = "/"): Promise<HttpReply[]> {
  const replies: HttpReply[] = [];
  for (let i = 0; i < n; i++) replies.push(await httpGet(port, path));
  return replies;
}

/** A TCP connection kept open until closed; `await using` closes it at the end of the scope. */
export interface HeldConnection extends AsyncDisposable {
  /** The client's port: the `src=127.0.0.1:<port>` HAProxy shows for the session. */
  readonly localPort: number;
  /** Closes the connection and waits for its reader to finish; idempotent. */
  close(): Promise<void>;
}

/**
 * Opens a connection to 127.0.0.1:`port` and keeps it open (optionally after writing `greeting`). What the
 * server side sends is read and dropped so the connection never stalls.
 */
export async function holdConnection(port: number, greeting = ""): Promise<HeldConnection> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  let open = true;
  const shut = () => {
    if (!open) return;
    open = false;
    try {
      conn.close();
    } catch {
      // Already closed by the peer.
    }
  };
  try {
    if (greeting !== "") await conn.write(new TextEncoder().encode(greeting));
  } catch (err) {
    shut();
    throw err;
  }
  const reading = (async () => {
    const buf = new Uint8Array(4096);
    try {
      while ((await conn.read(buf)) !== null) {
        // Dropped.
      }
    } catch {
      // Closed by us.
    }
  })();
  const close = async () => {
    shut();
    await reading;
  };
  return { localPort: (conn.localAddr as Deno.NetAddr).port, close, [Symbol.asyncDispose]: close };
}
