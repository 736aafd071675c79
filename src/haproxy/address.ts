/**
 * Parsing and printing of HAProxy runtime-API socket addresses.
 *
 * Accepted `-t` forms: `host:port`, `[v6addr]:port`, `ipv4@host:port`, `ipv6@[addr]:port` (and HAProxy's own
 * unbracketed `ipv6@addr:port`, the last `:` separating the port), and `unix@/path`.
 *
 * @module
 */

/** Where the stats socket is: a unix socket path, or a TCP host and port. */
export type SocketAddress =
  | { transport: "unix"; path: string }
  | { transport: "tcp"; hostname: string; port: number };

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

/**
 * Prints an address the way a user would type it: `"/run/haproxy.sock"`, `"127.0.0.1:9999"`, `"[::1]:9999"`.
 */
export function describeAddress(a: SocketAddress): string {
  if (a.transport === "unix") return a.path;
  return a.hostname.includes(":") ? `[${a.hostname}]:${a.port}` : `${a.hostname}:${a.port}`;
}
