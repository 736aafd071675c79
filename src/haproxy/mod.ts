/**
 * HAProxy runtime-API client: socket addresses, prompt-mode framing, a single connection and the reconnecting
 * client the app uses, the master CLI's processes (master.ts), and release numbers (version.ts). It imports
 * nothing of the program.
 *
 * @module
 */
export { AddressError, describeAddress, parseTcpAddress, type SocketAddress } from "./address.ts";
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
