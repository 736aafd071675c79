/**
 * The runtime lab's configuration: its sections and names, the map and ACL files it writes, and the
 * configuration text for one release. The text depends on the release (2.2 lacks stick-table arrays, 3.0
 * added `glitch_cnt`, 2.5 `option httpslog`): it is written from the binary's own `haproxy -v`, never from
 * remembered output. scripts/lab/runtime_lab.ts starts it.
 *
 * @module
 */
import type { LabContext } from "./haproxy.ts";
import { type LabCertificates, makeLabCertificates } from "./certs.ts";
import { versionAtLeast } from "../../src/runtime/version.ts";

/** Names of the lab's sections, as the runtime API prints them. */
export const RUNTIME_NAMES = {
  /** HTTP frontend with the stick table, the ACL/map rules and the TLS bind. */
  frontend: "fe_rt",
  /** The stick table (the frontend's own). */
  table: "fe_rt",
  /** `listen` answering 200 "ok": the server of the held connections, second target of bad requests. */
  app: "fake_app",
  /** TCP `listen` whose connections stay open (client → HAProxy → fake_app). */
  hold: "tcp_hold",
  /** The server of `tcp_hold`. */
  holdServer: "app",
  /** Backend whose only server is resolved through `resolvers`. */
  dnsBackend: "be_dns",
  resolvers: "lab_dns",
  nameserver: "ns1",
  peers: "lab_peers",
  remotePeer: "remote",
  ring: "lab_events",
} as const;

/** The map file's lines at start: path → route name (`map_str` answers the name as the body). */
export const INITIAL_MAP: readonly (readonly [string, string])[] = [["/api", "api"], ["/static", "static"]];
/** The ACL file's patterns at start (documentation ranges, never loopback: the lab's own traffic passes). */
export const INITIAL_ACL: readonly string[] = ["192.0.2.1", "198.51.100.0/24"];
/** What `fe_rt` answers for a path the map does not hold. */
export const MAP_DEFAULT = "unknown";

/** Where everything of a runtime lab is: ports, files and certificates. */
export interface RuntimeLayout {
  /** HAProxy's version (`haproxy -v`) the configuration was written for. */
  readonly version: string;
  /** The local peer's name (`localpeer`), also the lab's `node`. */
  readonly node: string;
  readonly ports: {
    /** fe_rt plain HTTP. */
    readonly http: number;
    /** fe_rt TLS (crt-list). */
    readonly https: number;
    /** fake_app. */
    readonly app: number;
    /** tcp_hold. */
    readonly hold: number;
    /** The local peer's listening port. */
    readonly peer: number;
    /** The remote peer's port: nothing listens there. */
    readonly remotePeer: number;
    /** The nameserver's UDP port: nothing answers there. */
    readonly nameserver: number;
  };
  /** The map file (`map_str` on the path). */
  readonly mapFile: string;
  /** The ACL file (`http-request deny if { src -f … }`). */
  readonly aclFile: string;
  /** The certificates and their crt-list. */
  readonly tls: LabCertificates;
  /** The stick table's `store` list for this version. */
  readonly store: readonly string[];
}

/**
 * The stick table's data types for a version: `http_req_rate(10m)` (a period long enough that the rate equals
 * the count while a test runs), `http_req_cnt`, `conn_cur`, `gpc0`; from 2.5 a `gpt(2)` array; from 3.0
 * `glitch_cnt`.
 */
export function stickTableStore(version: string): string[] {
  return [
    "http_req_rate(10m)",
    "http_req_cnt",
    "conn_cur",
    "gpc0",
    ...(versionAtLeast(version, "2.5") ? ["gpt(2)"] : []),
    ...(versionAtLeast(version, "3.0") ? ["glitch_cnt"] : []),
  ];
}

/**
 * Writes the lab's files (map, ACL, certificates) into `ctx.dir`, picks its ports and returns the
 * configuration body (everything after the lab's global section) with where everything is.
 */
export async function prepareRuntimeLab(
  ctx: LabContext,
  version: string,
  node = "hatop-lab",
): Promise<{ body: string; layout: RuntimeLayout }> {
  const ports = {
    http: await ctx.port(),
    https: await ctx.port(),
    app: await ctx.port(),
    hold: await ctx.port(),
    peer: await ctx.port(),
    remotePeer: await ctx.port(),
    nameserver: await ctx.port(),
  };
  const mapFile = `${ctx.dir}/routes.map`;
  const aclFile = `${ctx.dir}/blocklist.acl`;
  await Deno.writeTextFile(mapFile, INITIAL_MAP.map(([k, v]) => `${k} ${v}\n`).join(""));
  await Deno.writeTextFile(aclFile, INITIAL_ACL.map((p) => `${p}\n`).join(""));
  const tls = await makeLabCertificates(ctx.dir);
  const store = stickTableStore(version);
  const n = RUNTIME_NAMES;
  const body = `global
    localpeer ${node}

ring ${n.ring}
    description "hatop lab events"
    format rfc3164
    maxlen 1200
    size 32764

defaults
    mode http
    timeout connect 1s
    timeout client 5m
    timeout server 5m

peers ${n.peers}
    peer ${node} 127.0.0.1:${ports.peer}
    peer ${n.remotePeer} 127.0.0.1:${ports.remotePeer}

resolvers ${n.resolvers}
    nameserver ${n.nameserver} 127.0.0.1:${ports.nameserver}
    hold valid 10s

frontend ${n.frontend}
    bind 127.0.0.1:${ports.http}
    bind 127.0.0.1:${ports.https} ssl crt-list ${tls.crtList}
    log ring@${n.ring} local0
    option ${versionAtLeast(version, "2.5") ? "httpslog" : "httplog"}
    stick-table type ip size 1k expire 5m store ${store.join(",")} peers ${n.peers}
    http-request track-sc0 src
    http-request deny deny_status 403 if { src -f ${aclFile} }
    http-request sc-inc-gpc0(0) if { path /bump }
    http-request return status 200 content-type text/plain lf-string "%[path,map_str(${mapFile},${MAP_DEFAULT})]"

listen ${n.app}
    bind 127.0.0.1:${ports.app}
    http-request return status 200 content-type text/plain string ok

listen ${n.hold}
    mode tcp
    bind 127.0.0.1:${ports.hold}
    server ${n.holdServer} 127.0.0.1:${ports.app}

backend ${n.dnsBackend}
    server dns1 app.lab.invalid:80 resolvers ${n.resolvers} init-addr none
`;
  return { body, layout: { version, node, ports, mapFile, aclFile, tls, store } };
}

/** The lab body for {@linkcode startLab}, like `mixedBody` but for one release's `version`. */
export function runtimeBody(version: string, node = "hatop-lab"): (ctx: LabContext) => Promise<string> {
  return async (ctx) => (await prepareRuntimeLab(ctx, version, node)).body;
}

/** The two malformed requests {@linkcode RuntimeLab.sendBadRequests} sends, each to its proxy. */
export const BAD_REQUESTS = {
  /** To fe_rt: a header line without a colon. */
  [RUNTIME_NAMES.frontend]: "GET / HTTP/1.1\r\nHost: lab\r\nBad Header\r\n\r\n",
  /** To fake_app: a character that is not allowed in a method. */
  [RUNTIME_NAMES.app]: "G<T / HTTP/1.1\r\nHost: lab\r\n\r\n",
} as const;
