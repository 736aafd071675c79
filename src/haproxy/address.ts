/**
 * Parsing and printing of HAProxy runtime-API socket addresses.
 *
 * Accepted `-t` forms: `host:port`, `[v6addr]:port`, `ipv4@host:port`, `ipv6@[addr]:port` (and HAProxy's own
 * unbracketed `ipv6@addr:port`, the last `:` separating the port), and `unix@/path`. A `-s` value is a local
 * unix socket path, or `ssh://[user@]host[:port]/path/to/socket` for a unix socket on another host, reached
 * through the system OpenSSH client (src/haproxy/ssh_tunnel.ts).
 *
 * @module
 */

/** Where the stats socket is: a unix socket path, a TCP host and port, or a unix socket behind ssh. */
export type SocketAddress =
  | { transport: "unix"; path: string }
  | { transport: "tcp"; hostname: string; port: number }
  | SshAddress;

/**
 * A unix socket on another host, reached with `ssh [-l user] [-p port] host`; user and port default to what
 * the user's ssh config says.
 */
export interface SshAddress {
  transport: "ssh";
  /** The login name, when the URL gives one. */
  user?: string;
  /** Host name, ssh config alias, IPv4 or IPv6 address (without brackets). */
  host: string;
  /** The ssh port, when the URL gives one. */
  port?: number;
  /** The absolute path of the socket on that host. */
  path: string;
}

/** A socket address that cannot be parsed; the message is one line and names the value. */
export class AddressError extends Error {
  /** Creates an address error with a one-line, user-facing message. */
  constructor(message: string) {
    super(message);
    this.name = "AddressError";
  }
}

const FORMS = "expected host:port, [ipv6]:port, ipv4@host:port, ipv6@[addr]:port or unix@/path";
const HOSTNAME = /^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
const IPV6 = /^[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?$/;
const SSH_FORM = "expected ssh://[user@]host[:port]/path/to/socket";
const SSH_SCHEME = /^ssh:\/\//i;
const USER = /^[A-Za-z0-9_][A-Za-z0-9_.$-]*$/;

function parsePort(value: string, digits: string): number {
  if (!/^[0-9]+$/.test(digits)) {
    throw new AddressError(`invalid address "${value}": port "${digits}" is not a number`);
  }
  const port = Number(digits);
  if (port < 1 || port > 65535) {
    throw new AddressError(`invalid address "${value}": port ${digits} is out of range (1-65535)`);
  }
  return port;
}

function checkIpv6(value: string, addr: string): string {
  if (!addr.includes(":") || !IPV6.test(addr)) {
    throw new AddressError(`invalid address "${value}": "${addr}" is not an IPv6 address`);
  }
  return addr;
}

function checkHost(value: string, host: string): string {
  if (host === "") throw new AddressError(`invalid address "${value}": the host is empty (${FORMS})`);
  if (!HOSTNAME.test(host)) {
    throw new AddressError(`invalid address "${value}": "${host}" is not a host name or IPv4 address`);
  }
  return host;
}

/** Splits "[addr]:port"; returns undefined when the text does not start with "[". */
function splitBracketed(value: string, text: string): SocketAddress | undefined {
  if (!text.startsWith("[")) return undefined;
  const close = text.indexOf("]");
  if (close < 0) throw new AddressError(`invalid address "${value}": missing "]" after the IPv6 address`);
  const rest = text.slice(close + 1);
  if (!rest.startsWith(":") || rest.length === 1) {
    throw new AddressError(`invalid address "${value}": missing ":port" after "]"`);
  }
  const hostname = checkIpv6(value, text.slice(1, close));
  return { transport: "tcp", hostname, port: parsePort(value, rest.slice(1)) };
}

function splitHostPort(value: string, text: string): SocketAddress {
  const colon = text.lastIndexOf(":");
  if (colon < 0) throw new AddressError(`invalid address "${value}": missing ":port" (${FORMS})`);
  const host = text.slice(0, colon);
  const port = text.slice(colon + 1);
  if (host.includes(":")) {
    throw new AddressError(`invalid address "${value}": write an IPv6 address in brackets, e.g. [::1]:9999`);
  }
  if (port === "") throw new AddressError(`invalid address "${value}": the port is empty`);
  return { transport: "tcp", hostname: checkHost(value, host), port: parsePort(value, port) };
}

/**
 * Parses a `-t` value into a {@linkcode SocketAddress}.
 *
 * @throws {AddressError} with a one-line message naming the value, for anything but the accepted forms.
 *
 * @example
 * ```ts
 * import { parseTcpAddress } from "./address.ts";
 *
 * parseTcpAddress("127.0.0.1:9999"); // { transport: "tcp", hostname: "127.0.0.1", port: 9999 }
 * parseTcpAddress("[::1]:9999"); // { transport: "tcp", hostname: "::1", port: 9999 }
 * parseTcpAddress("unix@/run/haproxy.sock"); // { transport: "unix", path: "/run/haproxy.sock" }
 * ```
 */
export function parseTcpAddress(text: string): SocketAddress {
  const value = text.trim();
  if (value === "") throw new AddressError(`invalid address "": the address is empty (${FORMS})`);
  const at = value.indexOf("@");
  if (at >= 0) {
    const prefix = value.slice(0, at);
    const rest = value.slice(at + 1);
    switch (prefix) {
      case "unix":
        if (rest === "") throw new AddressError(`invalid address "${value}": the unix socket path is empty`);
        return { transport: "unix", path: rest };
      case "ipv4": {
        if (rest.startsWith("[")) {
          throw new AddressError(`invalid address "${value}": ipv4@ takes a host name or IPv4 address`);
        }
        return splitHostPort(value, rest);
      }
      case "ipv6": {
        const bracketed = splitBracketed(value, rest);
        if (bracketed) return bracketed;
        const colon = rest.lastIndexOf(":");
        if (colon < 0) throw new AddressError(`invalid address "${value}": missing ":port" (${FORMS})`);
        const hostname = checkIpv6(value, rest.slice(0, colon));
        return { transport: "tcp", hostname, port: parsePort(value, rest.slice(colon + 1)) };
      }
      default:
        throw new AddressError(
          `invalid address "${value}": unknown prefix "${prefix}@" (use ipv4@, ipv6@ or unix@)`,
        );
    }
  }
  return splitBracketed(value, value) ?? splitHostPort(value, value);
}

/** `ssh://user:secret@host/...` with the secret masked, so that no message repeats a password. */
function masked(value: string): string {
  const start = "ssh://".length;
  const slash = value.indexOf("/", start);
  const at = value.lastIndexOf("@", slash < 0 ? value.length : slash);
  const colon = value.indexOf(":", start);
  return at > 0 && colon >= start && colon < at ? `${value.slice(0, colon + 1)}***${value.slice(at)}` : value;
}

/**
 * Parses `ssh://[user@]host[:port]/path/to/socket` (host: a name, an ssh config alias, IPv4, or IPv6 in
 * brackets). The path is taken as it is written, without percent-decoding.
 *
 * With `pathless`, `ssh://host` without a path is taken too (path `""`: the socket is to be found there).
 *
 * @throws {AddressError} naming the problem; a password in the URL is refused and never repeated.
 *
 * @example
 * ```ts
 * import { parseSshAddress } from "./address.ts";
 *
 * parseSshAddress("ssh://admin@lb1:2222/run/haproxy/admin.sock");
 * // { transport: "ssh", user: "admin", host: "lb1", port: 2222, path: "/run/haproxy/admin.sock" }
 * ```
 */
export function parseSshAddress(text: string, opts: { readonly pathless?: boolean } = {}): SshAddress {
  const value = masked(text.trim());
  const bad = (problem: string) => new AddressError(`invalid address "${value}": ${problem}`);
  if (!SSH_SCHEME.test(value)) throw bad(SSH_FORM);
  const rest = text.trim().slice("ssh://".length);
  const slash = rest.indexOf("/");
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? "" : rest.slice(slash);
  const at = authority.lastIndexOf("@");
  const user = at < 0 ? undefined : authority.slice(0, at);
  if (user !== undefined && user.includes(":")) {
    throw bad("a password cannot be given in an ssh:// address (hatop uses your ssh keys or agent)");
  }
  if (user !== undefined && !USER.test(user)) throw bad(`"${user}" is not a user name`);
  const hostPort = authority.slice(at + 1);
  if (hostPort === "") throw bad(`the host is empty (${SSH_FORM})`);
  let host: string;
  let portText: string | undefined;
  if (hostPort.startsWith("[")) {
    const close = hostPort.indexOf("]");
    if (close < 0) throw bad(`missing "]" after the IPv6 address`);
    host = checkIpv6(value, hostPort.slice(1, close));
    const after = hostPort.slice(close + 1);
    if (after !== "" && !after.startsWith(":")) throw bad(`unexpected "${after}" after "]"`);
    portText = after === "" ? undefined : after.slice(1);
  } else {
    const colon = hostPort.indexOf(":");
    host = checkHost(value, colon < 0 ? hostPort : hostPort.slice(0, colon));
    portText = colon < 0 ? undefined : hostPort.slice(colon + 1);
  }
  if (portText === "") throw bad("the port is empty");
  const port = portText === undefined ? undefined : parsePort(value, portText);
  if ((path === "" || path === "/") && opts.pathless) {
    return { transport: "ssh", ...(user ? { user } : {}), host, ...(port ? { port } : {}), path: "" };
  }
  if (path === "" || path === "/") throw bad(`the socket path is missing (${SSH_FORM})`);
  // ssh's -L takes "local:remote": a colon in the path cannot be forwarded.
  if (path.includes(":")) throw bad(`the socket path cannot contain ":" (ssh cannot forward it)`);
  return { transport: "ssh", ...(user ? { user } : {}), host, ...(port ? { port } : {}), path };
}

/**
 * Parses a `-s` value: an `ssh://` URL (see {@linkcode parseSshAddress}), else a local unix socket path.
 *
 * @throws {AddressError} for an empty path or a bad `ssh://` URL.
 */
export function parseSocketOption(text: string, opts: { readonly pathless?: boolean } = {}): SocketAddress {
  if (text === "") throw new AddressError("empty unix socket path");
  if (SSH_SCHEME.test(text.trim())) return parseSshAddress(text, opts);
  return { transport: "unix", path: text };
}

/**
 * Prints an address the way a user would type it: `"/run/haproxy.sock"`, `"127.0.0.1:9999"`, `"[::1]:9999"`,
 * `"ssh://admin@lb1:2222/run/haproxy.sock"`.
 */
export function describeAddress(a: SocketAddress): string {
  const host = (name: string) => (name.includes(":") ? `[${name}]` : name);
  if (a.transport === "unix") return a.path;
  if (a.transport === "ssh") {
    return `ssh://${a.user ? `${a.user}@` : ""}${host(a.host)}${a.port ? `:${a.port}` : ""}${a.path}`;
  }
  return `${host(a.hostname)}:${a.port}`;
}
