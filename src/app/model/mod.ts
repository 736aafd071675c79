/**
 * Model: the one State, the events and commands that move it (state.ts), and every pure transition on it
 * that is not a key's: a snapshot applied (apply_snapshot.ts), several instances and master CLI workers
 * (instances.ts), replies to what was sent (replies.ts), acting on a server (server_actions.ts), writes from the runtime views
 * (runtime_writes.ts), queued weight
 * keys (weight_queue.ts), tables (table.ts: any table; stat_table.ts: the stat table; source_table.ts: rows
 * from other runtime-API commands), the screen's regions (layout.ts), small shared steps (ops.ts), and the
 * contracts of views and overlays (view_def.ts). It may import domain, widgets and src/stats, src/runtime,
 * src/haproxy, src/tui; never views, overlays, chrome, core or edge. Nothing imports this file.
 *
 * @module
 */
export {};
