/**
 * Where a bulk action on the tagged servers stands (overlays/bulk.ts), apart from model/state.ts to keep it
 * short.
 *
 * @module
 */
import type { LineEditor } from "../widgets/line_editor.ts";
import type { Plan, Target as BulkTarget, TargetResult } from "../../bulk/mod.ts";

/**
 * Where a bulk action on the tagged servers is (overlays/bulk.ts): its menu, the weight asked, the preview of
 * every target and its command (`y` sends exactly that plan), the wait for the replies, the result of each.
 */
export type BulkStage =
  | { readonly stage: "menu"; readonly targets: readonly BulkTarget[]; readonly index: number }
  | {
    readonly stage: "weight";
    readonly targets: readonly BulkTarget[];
    readonly input: LineEditor;
    readonly error?: string;
  }
  | {
    readonly stage: "preview";
    readonly plan: Plan;
    readonly rowKeys: readonly string[];
    readonly scroll: number;
  }
  | { readonly stage: "sending"; readonly plan: Plan }
  | {
    readonly stage: "results";
    readonly plan: Plan;
    readonly results: readonly TargetResult[];
    readonly scroll: number;
  };
