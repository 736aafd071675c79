/**
 * Overlays: what opens over a view (State.overlays), one file per kind, each an OverlayDef with its keys,
 * drawing and hints: the hotkey menu in the footer (hotkey_menu.ts), the `/` filter prompt (filter.ts), the
 * detail view of the selected row (detail.ts), the dialogs (dialog.ts: actions menu, value prompt, y/N). The
 * filter and the detail view work on the table of whichever view they open over. They may import model,
 * domain, widgets and the layers below src/app; never a view, each other, the core or the run loop.
 *
 * @module
 */
export {};
