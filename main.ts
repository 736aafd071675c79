/**
 * hatop: an interactive monitor and control client for HAProxy's stats socket.
 *
 * `deno run -A main.ts -s /run/haproxy/admin.sock`
 *
 * @module
 */
import { main } from "./src/cli/run.ts";

if (import.meta.main) {
  const encoder = new TextEncoder();
  const code = await main(Deno.args, {
    out: (text) => Deno.stdout.writeSync(encoder.encode(text)),
    err: (text) => Deno.stderr.writeSync(encoder.encode(text)),
  });
  Deno.exit(code);
}
