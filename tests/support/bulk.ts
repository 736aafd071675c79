/**
 * What the bulk-action end-to-end tests share: the pool lab (three servers on holding listeners, one with an
 * agent, and a health-checked server), reading the plan a run printed, and the write commands a socket
 * recording shows, to prove that what was sent is what was previewed, command for command.
 *
 * @module
 */
import type { LabContext } from "./lab.ts";
import type { Recorder } from "./recorder.ts";

/**
 * A TCP pool: `fe_pool` → `be_pool` (leastconn, so sessions opened one after another land on different
 * servers) with `web1`..`web3` (weights 10, 20, 30; no health check: `no check`) on `ports`, `web3` with an
 * agent check against a closed port (its status stays `no check`); `be_checked/chk1` is health-checked against
 * an HTTP responder (`UP`/`L4OK`). Client and server timeouts are long, so held sessions stay until closed.
 */
export function poolBody(ports: readonly number[], front: { port?: number }) {
  return async ({ port, closedPort }: LabContext): Promise<string> => {
    front.port = await port();
    const app = await port();
    const closed = await closedPort();
    return `defaults
    mode tcp
    timeout connect 2s
    timeout client 5m
    timeout server 5m

listen fake_app
    mode http
    bind 127.0.0.1:${app}
    http-request return status 200

frontend fe_pool
    bind 127.0.0.1:${front.port}
    default_backend be_pool

backend be_pool
    balance leastconn
    server web1 127.0.0.1:${ports[0]} weight 10
    server web2 127.0.0.1:${ports[1]} weight 20
    server web3 127.0.0.1:${ports[2]} weight 30 agent-check agent-port ${closed} agent-inter 1s

backend be_checked
    server chk1 127.0.0.1:${app} check inter 200ms rise 1 fall 1
`;
  };
}

/** What the program reads (and the connection's set-up and end); every other line sent is a write. */
const READS = /^(?:prompt|quit|set timeout cli \d+|show (?:info|stat(?: .*)?|cli level|proc))$/;

/** The write commands a recording shows, in order, without a master CLI's `@!<pid> ` prefix. */
export function writes(recorder: Recorder): string[] {
  return recorder.commands().map((c) => c.replace(/^@!\d+ /, "")).filter((c) => !READS.test(c));
}

/** A recording's lines that went to a worker through the master CLI (`@!<pid> ...`), as sent. */
export function forwarded(recorder: Recorder): string[] {
  return recorder.commands().filter((c) => c.startsWith("@!"));
}

/** The commands of the plan a text run printed (its lines `  px/sv [#i/#s]  command`, before `result:`). */
export function planCommands(stdout: string): string[] {
  const plan = stdout.split(/^result:/m)[0];
  return [...plan.matchAll(/^ +\S+\/\S+ \[#\d+\/#\d+\] {2}(.+)$/gm)].map((m) => m[1]);
}

/** The result lines of a text run: `px/sv [#i/#s]  outcome[: message]`, without the indentation. */
export function resultLines(stdout: string): string[] {
  const results = stdout.split(/^result:.*$/m)[1] ?? "";
  return [...results.matchAll(/^ +(\S+\/\S+ \[#\d+\/#\d+\] {2}.+)$/gm)].map((m) => m[1]);
}

/** Collects a child's output as it comes, for waiting on a line before the child ends. */
export function collect(stream: ReadableStream<Uint8Array>): { text(): string; done: Promise<void> } {
  let text = "";
  const done = (async () => {
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) text += chunk;
  })();
  return { text: () => text, done };
}
