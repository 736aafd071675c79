/**
 * A tiny fake HAProxy stats socket, for misbehaviour a real HAProxy cannot be made to show (a reply cut in
 * the middle, no answer at all, a hang-up before the prompt). It listens on a unix socket of its own, serves
 * one client, and records every line the client sends.
 *
 * @module
 */

const enc = new TextEncoder();

/** Reads one "\n"-terminated line from the peer; null when it hangs up first. */
async function readLine(conn: Deno.Conn, pending: { text: string }): Promise<string | null> {
  const buf = new Uint8Array(4096);
  const decoder = new TextDecoder();
  while (!pending.text.includes("\n")) {
    const n = await conn.read(buf).catch(() => null);
    if (n === null) return null;
    pending.text += decoder.decode(buf.subarray(0, n));
  }
  const at = pending.text.indexOf("\n");
  const line = pending.text.slice(0, at);
  pending.text = pending.text.slice(at + 1);
  return line;
}

/**
 * What the fake peer does for one command: text to write, then optionally hang up. [] = never answer. A
 * promise holds the answer (and every later one) back until it resolves.
 */
export type Act = (command: string) => (string | "hang-up")[] | Promise<(string | "hang-up")[]>;

/**
 * Runs `body` with the path of a fake peer that answers each line the client sends as `act` says; serves one
 * client. Returns every line the client sent. The socket and its directory are removed afterwards.
 */
export async function withFakePeer(act: Act, body: (path: string) => Promise<void>): Promise<string[]> {
  const dir = await Deno.makeTempDir({ prefix: "hatop-fake-" });
  const path = `${dir}/fake.sock`;
  const listener = Deno.listen({ transport: "unix", path });
  const seen: string[] = [];
  const served = (async () => {
    const conn = await listener.accept();
    const pending = { text: "" };
    try {
      for (;;) {
        const line = await readLine(conn, pending);
        if (line === null) return;
        seen.push(line);
        for (const step of await act(line)) {
          if (step === "hang-up") return;
          await conn.write(enc.encode(step));
        }
      }
    } finally {
      conn.close();
    }
  })();
  try {
    await body(path);
  } finally {
    listener.close();
    await served.catch(() => {});
    await Deno.remove(dir, { recursive: true });
  }
  return seen;
}

/** Answers the prompt handshake (`prompt`, `set timeout cli 60`) like HAProxy, then `then` for the rest. */
export function handshake(then: Act): Act {
  return (command) => command === "prompt" || command === "set timeout cli 60" ? ["\n> "] : then(command);
}
