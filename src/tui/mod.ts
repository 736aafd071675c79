/**
 * The terminal layer: a clipped cell buffer (buffer.ts) diffed into escape sequences (render.ts), the raw
 * terminal (terminal.ts, modes.ts: raw mode, the alternate screen, mouse reporting), key decoding (keys.ts
 * over key_tables.ts, key_stream.ts), colours (color.ts) and character widths (width.ts); types.ts is the
 * shared vocabulary of keys and styles. It imports nothing of the program.
 *
 * @module
 */
export {};
