/**
 * One line of the `:` palette, as the palette overlay holds it: a type of the State, kept apart from
 * model/state.ts.
 *
 * @module
 */
import type { Key } from "../../tui/types.ts";

/** One line of the `:` palette (model/palette.ts): what it says and the key it presses. */
export interface PaletteEntry {
  /** The key as the help writes it (`9`, `/`, `F1`, `ENTER`). */
  readonly keys: string;
  /** `view certs: ...`, or what an action does. */
  readonly label: string;
  /** A view's name (`certs`): typed whole, or its start, it comes first. */
  readonly name?: string;
  /** The key it presses; or, for a view without a key, the view it shows. */
  readonly key?: Key;
  readonly view?: string;
}
