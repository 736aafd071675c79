/**
 * Core: the Elm loop's pure centre over a list of views. registry.ts is the one list of views (and the
 * overlay of each kind) and what follows from it: tabs, digit keys, TAB's order, read-only visibility, what
 * a view's source asks for. update.ts routes each event (a key: overlay, footer click, global keys, then
 * the view shown); view.ts draws the frame's skeleton; app.ts binds them to a list of views (createApp). The
 * core names no view. It may import every other folder of src/app but edge.
 *
 * @module
 */
export {};
