/**
 * Edge: the only code of src/app with timers, sockets and files. monitor.ts wires the terminal, the
 * scheduler (scheduler.ts: refresh rounds, re-queued refreshes, the clock's tick, a view's own commands), the
 * sends (send.ts: fan-out to instances) and the frames (frame_loop.ts: coalesced) around the pure update and
 * view; timers.ts makes the timers a value, so tests drive them; history_store.ts keeps the CLI history on
 * disk. It may import core, model, domain, widgets and the layers below src/app.
 *
 * @module
 */
export {};
