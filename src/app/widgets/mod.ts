/**
 * Widgets: pure, state-free helpers any view may use to show text: the scrolling of a list or a text
 * (scroll.ts), the line editor and its history (line_editor.ts), control characters stripped and CLI output
 * wrapped (text.ts), sparklines, usage bars, and clock formats. They know nothing of the monitor's state and
 * import nothing of src/app; of the rest only src/tui's types (scripts/lib/layers.ts holds every folder to
 * what it may import). Nothing imports this file: it describes the folder.
 *
 * @module
 */
export {};
