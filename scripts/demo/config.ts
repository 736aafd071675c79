/**
 * The demo's HAProxy configuration: a pure function of the ports the demo's own servers listen on.
 *
 * Proxies and servers, and the state each one shows once the health checks have run:
 *
 * - `frontend fe_http` (HTTP): `/admin…` is denied with 403, `/api…` goes to `be_api`, the rest to `be_web`.
 * - `frontend fe_tcp` (TCP) → `be_echo`.
 * - `backend be_web`:
 *   - `web1`, `web2` (weight 10): healthy → `UP`
 *   - `slow1`: answers after 200-800 ms, `maxconn 4` → `UP`; `be_web` waits 700 ms at most, so some
 *     requests end in 504 and count as response errors
 *   - `flap1`: healthy and failing by turns → `UP` / `DOWN` every few seconds
 *   - `dead1`: a port nobody listens on → `DOWN` (`L4CON`)
 *   - `maint1`: `disabled` → `MAINT`
 *   - `backup1`: `backup` → `UP`, bck=1
 * - `backend be_api`: `api1` healthy, `fail1` passes its checks but answers 500/503 → `UP`, hrsp_5xx grows.
 * - `backend be_echo` (TCP): `echo1` a TCP echo server → `UP`; `track1` `track be_web/maint1` →
 *   `MAINT (via be_web/maint1)`.
 *
 * @module
 */

/** Every port the demo configuration refers to (all on 127.0.0.1). */
export interface DemoPorts {
  /** The HTTP frontend's port. */
  http: number;
  /** The TCP frontend's port. */
  tcp: number;
  /** Healthy server `web1`. */
  web1: number;
  /** Healthy server `web2`. */
  web2: number;
  /** Slow server `slow1`. */
  slow: number;
  /** Flapping server `flap1`. */
  flapping: number;
  /** A port nobody listens on (`dead1`). */
  dead: number;
  /** Healthy server behind `maint1` (which stays in maintenance). */
  maint: number;
  /** Healthy server behind the backup `backup1`. */
  backup: number;
  /** Healthy server `api1`. */
  api: number;
  /** Failing server `fail1` (5xx on everything but its health check). */
  failing: number;
  /** The TCP echo server `echo1` (and `track1`). */
  echo: number;
}

/** The path HAProxy's HTTP health checks ask for. */
export const HEALTH_PATH = "/health";

/**
 * The configuration after the global section (which the lab's `startLab` writes): defaults, both frontends
 * and the three backends, described in the module doc. Health checks run every second (rise 2, fall 2), so
 * states move within a few seconds.
 */
export function demoConfig(ports: DemoPorts): string {
  const at = (port: number) => `127.0.0.1:${port}`;
  return `defaults
    mode http
    timeout connect 1s
    timeout client 10s
    timeout server 5s
    timeout check 2s
    retries 2
    option redispatch

frontend fe_http
    bind ${at(ports.http)}
    http-request deny deny_status 403 if { path_beg /admin }
    use_backend be_api if { path_beg /api }
    default_backend be_web

frontend fe_tcp
    mode tcp
    bind ${at(ports.tcp)}
    default_backend be_echo

backend be_web
    balance roundrobin
    timeout server 700ms
    option httpchk GET ${HEALTH_PATH}
    default-server inter 1s fastinter 500ms downinter 1s rise 2 fall 2
    server web1 ${at(ports.web1)} check
    server web2 ${at(ports.web2)} check weight 10
    server slow1 ${at(ports.slow)} check maxconn 4
    server flap1 ${at(ports.flapping)} check
    server dead1 ${at(ports.dead)} check
    server maint1 ${at(ports.maint)} check disabled
    server backup1 ${at(ports.backup)} check backup

backend be_api
    balance roundrobin
    option httpchk GET ${HEALTH_PATH}
    default-server inter 1s fastinter 500ms downinter 1s rise 2 fall 2
    server api1 ${at(ports.api)} check
    server fail1 ${at(ports.failing)} check

backend be_echo
    mode tcp
    balance leastconn
    default-server inter 1s fastinter 500ms downinter 1s rise 2 fall 2
    server echo1 ${at(ports.echo)} check
    server track1 ${at(ports.echo)} track be_web/maint1
`;
}
