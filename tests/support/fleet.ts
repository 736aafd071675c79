/**
 * Helpers for end-to-end tests with several HAProxy instances and a master-worker HAProxy: a small lab body
 * whose ports the test knows, reading which screen line the cursor is on (reverse video), moving the cursor
 * onto a line, a TCP server that holds every connection open (so an old worker keeps draining after a
 * reload), and the master CLI's `show proc` and `@!<pid>` commands.
 *
 * @module
 */
import { closedPort, listenLoopback, oneShot } from "./lab.ts";
import { poll } from "./poll.ts";
import type { TmuxSession } from "./tmux.ts";

/** The ports a {@linkcode smallBody} lab listens on or points at. */
export interface SmallPorts {
  /** `listen fake_app`: answers every HTTP request with 200. */
  app: number;
  /** A port nobody listens on (checks against it fail with L4CON). */
  closed: number;
}

/** Options of {@linkcode smallBody}. */
export interface SmallOptions {
  /** Point `be_app/s2` at the closed port, so it settles `DOWN` / `L4CON`; default: at fake_app (`UP`). */
  s2Down?: boolean;
  /** Add `frontend fe_hold` (mode tcp) on a free port forwarding to `backend be_hold` → 127.0.0.1:port. */
  holdPort?: number;
}

/**
 * A small lab body: `listen fake_app`, `frontend fe_main` → `backend be_app` with checked servers `s1` (UP)
 * and `s2` (UP, or DOWN with `s2Down`), and with `holdPort` a TCP frontend `fe_hold` whose port is stored in
 * `ports.hold`. The ports used are written into `ports` when HAProxy's config is made.
 */
export function smallBody(
  ports: Partial<SmallPorts & { hold: number }>,
  opts: SmallOptions = {},
): (ctx: { port: () => Promise<number> }) => Promise<string> {
  return async ({ port }) => {
    ports.app = await port();
    ports.closed = await closedPort();
    const front = await port();
    const lines = [
      "defaults",
      "    mode http",
      "    timeout connect 1s",
      "    timeout client 5m",
      "    timeout server 5m",
      "",
      "listen fake_app",
      `    bind 127.0.0.1:${ports.app}`,
      "    http-request return status 200 content-type text/plain string ok",
      `    server app 127.0.0.1:${ports.app}`,
      "",
      "frontend fe_main",
      `    bind 127.0.0.1:${front}`,
      "    default_backend be_app",
      "",
      "backend be_app",
      "    option httpchk GET /",
      "    default-server inter 200ms fastinter 100ms downinter 200ms rise 1 fall 1",
      `    server s1 127.0.0.1:${ports.app} check`,
      `    server s2 127.0.0.1:${opts.s2Down ? ports.closed : ports.app} check`,
      "",
    ];
    if (opts.holdPort !== undefined) {
      ports.hold = await port();
      lines.push(
        "frontend fe_hold",
        "    mode tcp",
        `    bind 127.0.0.1:${ports.hold}`,
        "    default_backend be_hold",
        "",
        "backend be_hold",
        "    mode tcp",
        `    server h1 127.0.0.1:${opts.holdPort}`,
        "",
      );
    }
    return lines.join("\n");
  };
}

/** Text without SGR escapes. */
function plain(text: string): string {
  // deno-lint-ignore no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, "");
}

/**
 * The index (in the plain screen's lines) of the line drawn in reverse video in the table body, that is the
 * cursor's line, or -1. Reads `capture-pane -e` and follows the SGR state across the screen; the title,
 * the column header (the line starting `NAME`) and the footer (last line), also reverse, are left out.
 */
export function cursorIndex(styled: string): number {
  const lines = styled.split("\n");
  const header = lines.findIndex((l) => /^NAME\s/.test(plain(l)));
  let reverse = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    let reverseAtText: boolean | undefined;
    let at = 0;
    // deno-lint-ignore no-control-regex
    const sgr = /\x1b\[([0-9;]*)m/g;
    for (let m = sgr.exec(line); m !== null; m = sgr.exec(line)) {
      if (reverseAtText === undefined && m.index > at) reverseAtText = reverse;
      at = m.index + m[0].length;
      for (const code of (m[1] === "" ? "0" : m[1]).split(";")) {
        if (code === "0") reverse = false;
        else if (code === "7") reverse = true;
        else if (code === "27") reverse = false;
      }
    }
    if (reverseAtText === undefined) reverseAtText = at < line.length ? reverse : false;
    if (header >= 0 && i > header && i < lines.length - 1 && reverseAtText && plain(line).trim() !== "") {
      return i;
    }
  }
  return -1;
}

/** The cursor's line (plain text) and its index, or undefined when no body line is selected. */
export async function cursorLine(tmux: TmuxSession): Promise<{ index: number; line: string } | undefined> {
  const styled = await tmux.captureStyled();
  const index = cursorIndex(styled);
  if (index < 0) return undefined;
  return { index, line: plain(styled.split("\n")[index]) };
}

/**
 * Moves the cursor onto the screen line `target(lines)` points at (an index into the plain screen, a row:
 * the cursor passes over headings and blank lines), from HOME (the first row) downwards one row at a time,
 * each DOWN sent once the previous one shows on screen. Throws when the line is never reached.
 */
export async function moveCursorTo(
  tmux: TmuxSession,
  target: (lines: string[]) => number,
  timeoutMs = 10_000,
): Promise<string> {
  await tmux.send("Home");
  const deadline = Date.now() + timeoutMs;
  let previous = Number.NaN;
  for (;;) {
    const styled = await tmux.captureStyled();
    const lines = styled.split("\n").map(plain);
    const want = target(lines);
    const at = cursorIndex(styled);
    if (want >= 0 && at === want) return lines[at];
    if (Date.now() > deadline) {
      throw new Error(`cursor never reached line ${want} (at ${at}); screen:\n${lines.join("\n")}`);
    }
    if (at !== previous && (at < 0 || at < want)) {
      previous = at;
      await tmux.send("Down");
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * The index of the instance row `  <instance>` under the service row `service` (first word) of the proxy
 * shown as `>>> proxy`, or -1.
 */
export function instanceRowIndex(lines: string[], proxy: string, service: string, instance: string): number {
  const px = lines.indexOf(`>>> ${proxy}`);
  if (px < 0) return -1;
  let i = px + 1;
  while (i < lines.length && lines[i].split(/\s+/)[0] !== service) {
    if (lines[i].startsWith(">>> ")) return -1;
    i++;
  }
  if (i >= lines.length) return -1;
  if (instance === "") return i;
  for (let j = i + 1; j < lines.length && lines[j].startsWith("  "); j++) {
    if (lines[j].split(/\s+/)[1] === instance) return j;
  }
  return -1;
}

/** A TCP server on 127.0.0.1 that accepts every connection and never closes it (until closed itself). */
export interface HoldServer extends AsyncDisposable {
  readonly port: number;
  /** Resolves once `n` connections in all have been accepted. */
  accepted(n: number): Promise<void>;
  /** Closes every connection accepted so far (the server keeps listening). */
  release(): void;
  /** Stops listening and closes every connection; idempotent. */
  close(): Promise<void>;
}

/** Starts a {@linkcode HoldServer}. */
export async function startHoldServer(): Promise<HoldServer> {
  const listener = await listenLoopback((port) => Deno.listen({ hostname: "127.0.0.1", port }));
  const conns: Deno.Conn[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  let closed = false;
  let total = 0;
  const accepting = (async () => {
    for (;;) {
      let conn: Deno.Conn;
      try {
        conn = await listener.accept();
      } catch {
        return;
      }
      conns.push(conn);
      total++;
      for (const w of waiters.filter((w) => total >= w.n)) w.resolve();
    }
  })();
  const release = () => {
    for (const c of conns.splice(0)) {
      try {
        c.close();
      } catch {
        // Already closed.
      }
    }
  };
  const server: HoldServer = {
    port: (listener.addr as Deno.NetAddr).port,
    release,
    accepted(n) {
      if (total >= n) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
    async close() {
      if (closed) return;
      closed = true;
      listener.close();
      await accepting;
      release();
    },
    [Symbol.asyncDispose]() {
      return server.close();
    },
  };
  return server;
}

/** The workers of a master CLI's `show proc`: the current ones and the old ones still draining. */
export interface Procs {
  current: number[];
  old: number[];
}

/** `show proc` on the master CLI at `master`, reduced to the workers' pids. */
export async function showProc(master: string): Promise<Procs> {
  const out = await oneShot(master, "show proc");
  const procs: Procs = { current: [], old: [] };
  let section = "";
  for (const line of out.split("\n")) {
    if (line.startsWith("# ")) section = line.slice(2).trim();
    const m = line.match(/^(\d+)\s+worker\s/);
    if (!m) continue;
    if (section === "workers") procs.current.push(Number(m[1]));
    else if (section === "old workers") procs.old.push(Number(m[1]));
  }
  return procs;
}

/** Polls `show proc` until `pred` holds; throws with the last answer after `timeoutMs`. */
export async function waitForProcs(
  master: string,
  pred: (p: Procs) => boolean,
  timeoutMs = 15_000,
): Promise<Procs> {
  let last: Procs = { current: [], old: [] };
  return await poll("show proc to match", timeoutMs, async () => {
    last = await showProc(master).catch(() => ({ current: [], old: [] }));
    return pred(last) ? last : undefined;
  }, { intervalMs: 100, detail: () => `last: ${JSON.stringify(last)}` });
}

/** One command to worker `pid` through the master CLI (`@!<pid> <command>`). */
export function workerCommand(master: string, pid: number, command: string): Promise<string> {
  return oneShot(master, `@!${pid} ${command}`);
}
