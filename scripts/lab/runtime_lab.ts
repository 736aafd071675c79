/**
 * The runtime-API lab: a real HAProxy configured so that every runtime command hatop reads has something to
 * show: a stick table fed by the lab's own requests, a map and an ACL file used by rules, TLS certificates
 * expiring in 3, 20 and 365 days, a resolvers section with an unreachable nameserver, a peers section, an
 * event ring, captured protocol errors, and a proxy for connections held open so `show sess` lists a client.
 * The configuration itself is in runtime_config.ts.
 *
 * @module
 */
import { ensureHaproxy, type Lab, startLab } from "./haproxy.ts";
import { binaryVersion } from "./probe.ts";
import {
  exchange,
  type HeldConnection,
  holdConnection,
  httpGet,
  type HttpReply,
  sendRequests,
} from "./traffic.ts";
import { BAD_REQUESTS, prepareRuntimeLab, RUNTIME_NAMES, type RuntimeLayout } from "./runtime_config.ts";

export * from "./runtime_config.ts";

/** How HAProxy 3.0 refuses `clear table` while a peers push still holds the entry: a transient state. */
export const ENTRY_BUSY = /^Entry currently in use, cannot remove/;

/**
 * Sends with `send` again while the reply is {@linkcode ENTRY_BUSY} (for up to 10 s) and returns the last
 * reply: what an operator does when HAProxy answers that the entry is busy.
 */
export async function untilNotBusy(send: () => Promise<string>): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const reply = await send();
    if (!ENTRY_BUSY.test(reply) || Date.now() > deadline) return reply;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A running runtime lab: the {@linkcode Lab}, where everything is, and traffic helpers. */
export interface RuntimeLab extends Lab {
  /** Ports, files and certificates. */
  readonly layout: RuntimeLayout;
  /** `n` plain GET requests to fe_rt, one after the other, from 127.0.0.1. */
  sendRequests(n: number, path?: string): Promise<HttpReply[]>;
  /** One GET to fe_rt. */
  get(path?: string): Promise<HttpReply>;
  /** Sends {@linkcode BAD_REQUESTS} (fe_rt and fake_app answer 400 and capture them for `show errors`). */
  sendBadRequests(): Promise<void>;
  /** A connection to tcp_hold kept open until closed (or until the lab stops), once `show sess` lists it. */
  holdConnection(): Promise<HeldSession>;
}

/** A held connection and the id of its session (`0x…`, as `show sess` prints it). */
export interface HeldSession extends HeldConnection {
  readonly sessionId: string;
}

/** The id of the `show sess` line whose client is 127.0.0.1:`port`, or undefined. */
export function sessionIdOf(showSess: string, port: number): string | undefined {
  const line = showSess.split("\n").find((l) => l.includes(` src=127.0.0.1:${port} `));
  return line?.match(/^(0x[0-9a-f]+):/)?.[1];
}

class RunningRuntimeLab implements RuntimeLab {
  readonly #lab: Lab;
  readonly #held = new Set<HeldConnection>();
  readonly layout: RuntimeLayout;

  constructor(lab: Lab, layout: RuntimeLayout) {
    this.#lab = lab;
    this.layout = layout;
  }

  get dir() {
    return this.#lab.dir;
  }
  get pid() {
    return this.#lab.pid;
  }
  get sockets() {
    return this.#lab.sockets;
  }
  get config() {
    return this.#lab.config;
  }
  get version() {
    return this.#lab.version;
  }
  command(cmd: string) {
    return this.#lab.command(cmd);
  }
  waitForStat(pred: (csv: string) => boolean, timeoutMs?: number) {
    return this.#lab.waitForStat(pred, timeoutMs);
  }
  kill(signal?: Deno.Signal) {
    return this.#lab.kill(signal);
  }
  restart() {
    return this.#lab.restart();
  }

  sendRequests(n: number, path = "/"): Promise<HttpReply[]> {
    return sendRequests(this.layout.ports.http, n, path);
  }

  get(path = "/"): Promise<HttpReply> {
    return httpGet(this.layout.ports.http, path);
  }

  async sendBadRequests(): Promise<void> {
    const ports = {
      [RUNTIME_NAMES.frontend]: this.layout.ports.http,
      [RUNTIME_NAMES.app]: this.layout.ports.app,
    };
    for (const [proxy, request] of Object.entries(BAD_REQUESTS)) {
      const reply = await exchange(ports[proxy as keyof typeof ports], request);
      if (!reply.startsWith("HTTP/1.1 400")) {
        throw new Error(`${proxy} answered the bad request with: ${reply.split("\r\n")[0] || "(nothing)"}`);
      }
    }
  }

  async holdConnection(): Promise<HeldSession> {
    const held = await holdConnection(this.layout.ports.hold);
    this.#held.add(held);
    const close = async () => {
      this.#held.delete(held);
      await held.close();
    };
    try {
      const sessionId = await this.#sessionOf(held.localPort);
      return { localPort: held.localPort, sessionId, close, [Symbol.asyncDispose]: close };
    } catch (err) {
      await close();
      throw err;
    }
  }

  /** Polls `show sess` until it lists a client 127.0.0.1:`port` (HAProxy accepts after the kernel does). */
  async #sessionOf(port: number): Promise<string> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const sessions = await this.command("show sess");
      const id = sessionIdOf(sessions, port);
      if (id) return id;
      if (Date.now() > deadline) throw new Error(`show sess lists no client 127.0.0.1:${port}:\n${sessions}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async stop(): Promise<void> {
    for (const held of this.#held) await held.close();
    this.#held.clear();
    await this.#lab.stop();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}

/**
 * Starts the runtime lab on the chosen HAProxy (`$HATOP_HAPROXY` or the system one) and brings it to a known
 * state: both bad requests captured (`show errors` lists fe_rt and fake_app), the stick table empty, no
 * connection held. `await using lab = await startRuntimeLab()` stops it (and closes held connections).
 */
export async function startRuntimeLab(opts: { node?: string } = {}): Promise<RuntimeLab> {
  const version = await binaryVersion(await ensureHaproxy());
  const node = opts.node ?? "hatop-lab";
  let layout: RuntimeLayout | undefined;
  const lab = await startLab(async (ctx) => {
    const prepared = await prepareRuntimeLab(ctx, version, node);
    layout = prepared.layout;
    return prepared.body;
  }, { node });
  const running = new RunningRuntimeLab(lab, layout!);
  try {
    await running.sendBadRequests();
    const deadline = Date.now() + 10_000;
    for (;;) {
      const errors = await running.command("show errors");
      const seen = Object.keys(BAD_REQUESTS).every((px) => errors.includes(` ${px} (#`));
      if (seen) break;
      if (Date.now() > deadline) throw new Error(`show errors did not list both bad requests:\n${errors}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return running;
  } catch (err) {
    await running.stop();
    throw err;
  }
}
