/**
 * Domain: what the monitor knows of HAProxy's objects, without the screen or the state: the stat body's
 * lines and a row's identity (body_lines.ts), the filter and the sort (selection.ts), the F-key hotkeys and
 * the exact commands they send (hotkeys.ts), the actions menu (actions.ts), what the embedded CLI refuses
 * (cli_policy.ts), trends (trends.ts) and a row's detail (detail.ts). No keys, no drawing: it may import
 * widgets, src/stats and src/haproxy only. Nothing imports this file: it describes the folder.
 *
 * @module
 */
export {};
