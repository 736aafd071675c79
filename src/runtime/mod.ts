/**
 * Pure readers of the runtime API's replies beyond `show stat`: sessions, stick tables, maps and ACLs,
 * certificates, captured errors, process internals (info, activity, threads, pools), resolvers, peers, event
 * rings and the CLI's own commands, each into typed rows; plus what each command needs (release, level) and
 * how to tell HAProxy's refusals and errors from data.
 *
 * This folder owns the reply formats of those commands on HAProxy 2.2 to 3.4 (docs/runtime-api.md describes
 * them; tests/fixtures/runtime holds the real replies). It does no I/O and imports nothing from src/app or
 * src/tui (src/stats only for `show info`): sockets live in src/haproxy, views in src/app.
 *
 * @module
 */
export * from "./version.ts";
export * from "./commands.ts";
export * from "./reply.ts";
export * from "./sessions.ts";
export * from "./tables.ts";
export * from "./patterns.ts";
export * from "./certificates.ts";
export * from "./errors.ts";
export * from "./process.ts";
export * from "./threads.ts";
export * from "./pools.ts";
export * from "./resolvers.ts";
export * from "./peers.ts";
export * from "./events.ts";
export * from "./cli.ts";
