/**
 * The maps view (key 8) and the ACLs view (`t` in the maps view, and back): the pattern lists (`show map`,
 * `show acl`), and ENTER on one its entries (`show map <file>`, `show acl <file>`), so a blocklist can be
 * read and edited live: `a` adds an entry, `e` sets a map entry's value, `d` deletes the selected entry;
 * each is typed (when it needs text), then shown as its exact command and sent once confirmed. A value
 * holding spaces is refused with the reason: HAProxy would keep its first word only. Lists and entries are
 * named by file (ids change between releases), `#<id>` for an inline list.
 *
 * @module
 */
import {
  type AclEntry,
  type MapEntry,
  parseAclEntries,
  parseMapEntries,
  parsePatternLists,
  type PatternEdit,
  patternEditCommand,
  type PatternList,
} from "../../runtime/mod.ts";
import type { Column } from "../../stats/columns.ts";
import { say, showView } from "../model/ops.ts";
import { confirmWrite, promptWrite } from "../model/runtime_writes.ts";
import { type SourceTable, sourceTable } from "../model/source_table.ts";
import type { State } from "../model/state.ts";
import { cursorLine, type TableRow } from "../model/table.ts";
import type { ViewDef } from "../model/view_def.ts";
import { fitted, tableView, textColumn as text } from "./table.ts";

/** A row: a list of `show map`/`show acl`, or an entry of the one chosen. */
export type PatternCells =
  & TableRow
  & (
    | { readonly list: PatternList; readonly entry?: undefined }
    | { readonly entry: MapEntry | AclEntry; readonly list?: undefined }
  );

/** What the list is named by in commands: its file, else (inline, or a path HAProxy would split) `#<id>`. */
export function listName(list: PatternList): string {
  return list.file && !/\s/.test(list.file) ? list.file : `#${list.id}`;
}

function listRow(list: PatternList): PatternCells {
  const cells: Record<string, string> = {
    id: String(list.id),
    file: list.file ?? "(inline)",
    entries: list.entries === undefined ? "" : String(list.entries),
    description: list.description,
  };
  return { list, get: (f) => cells[f] };
}

function entryRow(entry: MapEntry | AclEntry): PatternCells {
  const cells: Record<string, string> = "pattern" in entry
    ? { key: entry.pattern, id: entry.id }
    : { key: entry.key, value: entry.value, id: entry.id };
  return { entry, get: (f) => cells[f] };
}

/** One of the two families. */
type Kind = "map" | "acl";

/** The rows of `show map`/`show acl` (no file sent), or of one list's entries. */
export function patternRows(
  kind: Kind,
  replies: readonly string[],
  commands: readonly string[],
): PatternCells[] {
  const reply = replies[0] ?? "";
  if (commands[0] === `show ${kind}`) return parsePatternLists(reply).map(listRow);
  return (kind === "map" ? parseMapEntries(reply) : parseAclEntries(reply)).map(entryRow);
}

const LIST_COLUMNS: readonly Column[] = [
  { header: "ID", field: "id", min: 3, max: 4, align: "right", format: "text", help: "HAProxy's id (#id)" },
  text("FILE", "file", 20, 60, "the file it was loaded from"),
  {
    header: "ENTRIES",
    field: "entries",
    min: 7,
    max: 7,
    align: "right",
    format: "metric",
    help: "entries (2.6+)",
  },
  text("DESCRIPTION", "description", 11, undefined, "where the configuration uses it"),
];

/** The text typed for an edit, as the edit; throws with the reason when HAProxy could not take it. */
function typedEdit(op: "add map" | "set map", file: string, text: string): PatternEdit {
  const m = text.trim().match(/^(\S+)\s+(.*)$/);
  if (!m) throw new Error("type the key, a space, then the value");
  const value = m[2].trim();
  if (/\s/.test(value)) {
    throw new Error(
      `a value holds no spaces: HAProxy would store "${value.split(/\s+/)[0]}" and drop the rest`,
    );
  }
  return { op, file, key: m[1], value };
}

/** The command an edit makes, or the reason it cannot be sent. */
function planOf(edit: () => PatternEdit, title: string) {
  try {
    return { command: patternEditCommand(edit()), title };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** `a`, `e`, `d` on the entries of `file`. */
function editKey(kind: Kind, model: SourceTable<PatternCells>, s: State, key: string): State | undefined {
  const file = model.scope(s);
  if (file === undefined || !["a", "e", "d"].includes(key)) return undefined;
  const line = cursorLine(s, model);
  const instance = line?.instance ?? s.instances[0].id;
  const entry = line?.row.entry;
  if (key === "a" && kind === "map") {
    return promptWrite(s, instance, {
      title: `Add to ${file}: KEY VALUE`,
      sample: `add map ${file} k v`,
      plan: (t) => planOf(() => typedEdit("add map", file, t), `Add this entry to ${file}?`),
    });
  }
  if (key === "a") {
    return promptWrite(s, instance, {
      title: `Add to ${file}: PATTERN`,
      sample: `add acl ${file} p`,
      plan: (t) => planOf(() => ({ op: "add acl", file, pattern: t.trim() }), `Add this pattern to ${file}?`),
    });
  }
  if (!entry) return say(s, "select an entry first");
  if (key === "e" && "value" in entry) {
    return promptWrite(s, instance, {
      title: `Set in ${file}: KEY VALUE`,
      initial: `${entry.key} ${entry.value}`,
      sample: `set map ${file} k v`,
      plan: (t) => planOf(() => typedEdit("set map", file, t), `Set this entry of ${file}?`),
    });
  }
  if (key === "e") return say(s, "an ACL entry has no value: d deletes it, a adds another");
  const edit: PatternEdit = "value" in entry
    ? { op: "del map", file, key: entry.key }
    : { op: "del acl", file, pattern: entry.pattern };
  const plan = planOf(() => edit, `Delete ${"value" in entry ? entry.key : entry.pattern} from ${file}?`);
  if ("error" in plan) return say(s, `not sent: ${plan.error}`, "error");
  return confirmWrite(s, instance, plan.title, plan.command);
}

/** The view of one family: its id, keys, and the view `t` switches to. */
function patternView(kind: Kind, id: string, keys: string[], other: string): ViewDef {
  const family = kind === "map" ? "maps" : "ACLs";
  const model: SourceTable<PatternCells> = sourceTable<PatternCells>({
    id,
    commands: (s) => [model.scope(s) === undefined ? `show ${kind}` : `show ${kind} ${model.scope(s)}`],
    parse: (replies, { commands }) => patternRows(kind, replies, commands),
    key: (row) => row.list ? String(row.list.id) : row.entry.id,
    names: (row) =>
      row.list ? [row.list.file ?? "", row.list.description] : [row.get("key") ?? "", row.get("value") ?? ""],
    detail: (row) => ({
      title: row.list ? `${kind} #${row.list.id} ${row.list.file ?? "(inline)"}` : `entry ${row.get("key")}`,
      lines: row.list
        ? [`  ${row.list.description}`, `  named ${listName(row.list)} in commands; ENTER: its entries`]
        : Object.entries({ key: row.get("key"), value: row.get("value"), id: row.get("id") })
          .filter(([, v]) => v !== undefined).map(([k, v]) => `  ${k.padEnd(6)} ${v}`),
    }),
  });
  const entryColumns = kind === "map"
    ? [text("KEY", "key", 16, 50, "the entry's key"), text("VALUE", "value", 16, undefined, "its value")]
    : [text("PATTERN", "key", 20, undefined, "the pattern")];
  const switchKey = kind === "map" ? "t=ACLS" : "t=MAPS";
  return tableView({
    id,
    keys,
    // No footer tab until the footer shows views without a permanent one (issue 17 part B).
    tab: undefined,
    help: {
      summary: `${family} and their entries (show ${kind}${kind === "acl" ? "; t in the maps view" : ""})`,
      sections: [{
        title: `Keys in the ${family} view`,
        lines: [
          ["ENTER", `on a ${kind}: its entries; ESC: back to the list`],
          ["t", kind === "map" ? "the ACLs view" : "the maps view"],
          ["a", kind === "map" ? "add an entry (KEY VALUE), confirmed" : "add a pattern, confirmed"],
          ...(kind === "map" ? [["e", "set the selected entry's value, confirmed"] as const] : []),
          ["d", "delete the selected entry, confirmed"],
        ],
      }],
    },
    model,
    source: model.source,
    onData: model.receive,
    why: (s) => model.why(s),
    // The file and the key as wide as the longest, so that the value or the description gets the rest.
    columns(s) {
      const [first, ...rest] = model.scope(s) === undefined ? LIST_COLUMNS.slice(1) : entryColumns;
      const widest = fitted(first, model.get(s).lines.map((l) => l.row.get(first.field)));
      return model.scope(s) === undefined ? [LIST_COLUMNS[0], widest, ...rest] : [widest, ...rest];
    },
    onKey(s, k) {
      if (k.name === "char" && k.text === "t") return [showView(s, other), []];
      const line = cursorLine(s, model);
      if (k.name === "enter" && line?.row.list) return [model.withScope(s, listName(line.row.list)), []];
      const edited = k.name === "char" && !k.alt ? editKey(kind, model, s, k.text ?? "") : undefined;
      return edited && [edited, []];
    },
    onEscape: model.back,
    empty: (s) =>
      model.emptyText(s, (file) => file === undefined ? `no ${family} here` : `${file} has no entries`),
    describe: (s, row) => row.list ? `${kind} ${listName(row.list)}` : `${model.scope(s)}: ${row.get("key")}`,
    hints: (s) => {
      if (model.scope(s) === undefined) {
        return { tail: ["ENTER=ENTRIES", switchKey], extra: ["/=FILTER", "S=SORT"] };
      }
      const edits = s.config.readOnly
        ? ["READ-ONLY"]
        : kind === "map"
        ? ["A=ADD", "E=SET", "D=DEL"]
        : ["A=ADD", "D=DEL"];
      return { tail: ["ESC=LIST", ...edits], extra: ["/=FILTER", "S=SORT"] };
    },
  });
}

/** The maps view. */
export const mapsView: ViewDef = patternView("map", "maps", ["8"], "acls");

/** The ACLs view: no key of its own yet (the command palette of issue 17 part B, or `t` in the maps view). */
export const aclsView: ViewDef = patternView("acl", "acls", [], "maps");
