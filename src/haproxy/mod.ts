/**
 * HAProxy runtime-API client: socket addresses, prompt-mode framing, a single connection and the reconnecting
 * client the app uses, the master CLI's processes (master.ts), release numbers (version.ts), and `ssh://`
 * sockets through the system ssh client (a tunnel under a watchdog, so that ssh never outlives hatop). It
 * imports nothing of the program.
 *
 * @module
 */
export {
  AddressError,
  describeAddress,
  parseSocketOption,
  parseSshAddress,
  parseTcpAddress,
  type SocketAddress,
  type SshAddress,
} from "./address.ts";
export { HaproxyError, type HaproxyErrorKind } from "./errors.ts";
export { ResponseReader, splitCommands } from "./framing.ts";
export { type ConnectionOptions, HaproxyConnection } from "./connection.ts";
export {
  type ClientOptions,
  type ConnectionStatus,
  describeConnectError,
  HaproxyClient,
  isPermissionDenied,
  type PathKind,
} from "./client.ts";
export { SSH_COMMAND_VARIABLE } from "./ssh_command.ts";
export { SshTunnel, type TunnelOptions } from "./ssh_tunnel.ts";
