/**
 * The contracts between the core and what it draws: a view (one per tab, plus the help) and an overlay (the
 * hotkey menu, the filter prompt, the detail view, a dialog).
 *
 * @module
 */

/** Where the text cursor goes (in the CLI, the filter prompt, a value prompt). */
export interface Cursor {
  readonly x: number;
  readonly y: number;
}

/**
 * The footer's right-hand hints: `tail` is the original's hint (always shown when it fits, else its last
 * word), `extra` our own keys, added in front in this order while they fit.
 */
export interface Hints {
  readonly tail: readonly string[];
  readonly extra: readonly string[];
}
