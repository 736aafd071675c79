/**
 * Ready-made lab configurations: a mixed-state lab (every common server status) and a many-servers body for
 * scale tests and the benchmark.
 *
 * @module
 */

import type { Lab, LabContext } from "./haproxy.ts";
import { startLab } from "./haproxy.ts";

/** The `defaults` section of the lab configs: HTTP mode, short timeouts; ends with a line break. */
export const HTTP_DEFAULTS = `defaults
    mode http
    timeout connect 1s
    timeout client 5s
    timeout server 5s
`;

/**
 * The body of the mixed-state lab. Proxies and servers, and the state each settles in:
 *
 * - `listen fake_app` (answers every request with 200; its own server `app` has no check → `no check`)
 * - `frontend fe_main` → default_backend `be_app` (`OPEN`)
 * - `backend be_app` (roundrobin):
 *   - `s1` checked against fake_app → `UP` / `L7OK`
 *   - `s2` checked against a closed port → `DOWN` / `L4CON`, weight 50
 *   - `s3` `disabled` (with check) → `MAINT`
 *   - `s4` `backup`, checked against fake_app → `UP`, bck=1
 *   - `s5` no `check` → `no check`
 *   - `s6` checked against fake_app, then `set server be_app/s6 state drain` → `DRAIN`
 * - `backend be_tcp` (mode tcp): `t1` `track be_app/s3` → `MAINT (via be_app/s3)`
 */
export async function mixedBody({ port, closedPort }: LabContext): Promise<string> {
  const app = await port();
  const closed = await closedPort();
  const front = await port();
  return `${HTTP_DEFAULTS}
listen fake_app
    bind 127.0.0.1:${app}
    http-request return status 200 content-type text/plain string ok
    server app 127.0.0.1:${app}

frontend fe_main
    bind 127.0.0.1:${front}
    default_backend be_app

backend be_app
    balance roundrobin
    option httpchk GET /
    default-server inter 200ms fastinter 100ms downinter 200ms rise 1 fall 1
    server s1 127.0.0.1:${app} check
    server s2 127.0.0.1:${closed} check weight 50
    server s3 127.0.0.1:${app} check disabled
    server s4 127.0.0.1:${app} check backup
    server s5 127.0.0.1:${app}
    server s6 127.0.0.1:${app} check weight 20

backend be_tcp
    mode tcp
    server t1 127.0.0.1:${app} track be_app/s3
`;
}

/** Status of `<px>,<sv>` in a `show stat` CSV text (column 18), or undefined when the row is missing. */
export function statusOf(csv: string, px: string, sv: string): string | undefined {
  return field(csv, px, sv, 17);
}

/** Last finished check of `<px>,<sv>` (column 37, without the "* " running prefix), or undefined. */
export function checkOf(csv: string, px: string, sv: string): string | undefined {
  return field(csv, px, sv, 36)?.replace(/^\* /, "");
}

function field(csv: string, px: string, sv: string, index: number): string | undefined {
  for (const line of csv.split("\n")) {
    if (line.startsWith(`${px},${sv},`)) return line.split(",")[index];
  }
  return undefined;
}

/** Whether the checked servers of the mixed lab have settled (checks done, no transitional state). */
export function mixedSettled(csv: string): boolean {
  const is = (sv: string, status: string, check: string) =>
    statusOf(csv, "be_app", sv) === status && checkOf(csv, "be_app", sv) === check;
  return is("s1", "UP", "L7OK") && is("s2", "DOWN", "L4CON") && is("s4", "UP", "L7OK") &&
    is("s6", "UP", "L7OK");
}

/**
 * Starts the mixed-state lab (see {@linkcode mixedBody} for the names), waits until the checked servers have
 * settled (s1/s4/s6 `UP`/`L7OK`, s2 `DOWN`/`L4CON`), drains `be_app/s6` and waits for `DRAIN` to show.
 */
export async function startMixedLab(): Promise<Lab> {
  const lab = await startLab(mixedBody, { node: "mixed-lab" });
  try {
    await lab.waitForStat(mixedSettled);
    const out = await lab.command("set server be_app/s6 state drain");
    if (out.trim() !== "") throw new Error(`set server be_app/s6 state drain failed: ${out.trim()}`);
    await lab.waitForStat((csv) => statusOf(csv, "be_app", "s6") === "DRAIN");
    return lab;
  } catch (err) {
    await lab.stop();
    throw err;
  }
}

/**
 * A body with `n` servers spread over backends of 100 (`be_0000` holds `srv_00000` … `srv_00099`, and so on)
 * plus three frontends `fe_0`..`fe_2` on free ports. No checks, so it starts fast.
 */
export function manyServersBody(n: number): (ctx: LabContext) => Promise<string> {
  return async ({ port }) => {
    const lines = [HTTP_DEFAULTS];
    const backends = Math.max(1, Math.ceil(n / 100));
    for (let f = 0; f < 3; f++) {
      lines.push(`frontend fe_${f}`, `    bind 127.0.0.1:${await port()}`, `    default_backend be_0000`, "");
    }
    for (let b = 0; b < backends; b++) {
      lines.push(`backend be_${String(b).padStart(4, "0")}`);
      for (let s = b * 100; s < Math.min(n, (b + 1) * 100); s++) {
        lines.push(`    server srv_${String(s).padStart(5, "0")} 127.0.0.1:${10000 + (s % 50000)}`);
      }
      lines.push("");
    }
    return lines.join("\n");
  };
}
