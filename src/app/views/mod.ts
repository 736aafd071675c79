/**
 * Views: one file per view, each a value (a ViewDef, model/view_def.ts) with its keys, drawing, hints and
 * help: the help (help.ts), the four stat tables (stats.ts, one per entry of src/stats/columns.ts), the
 * embedded CLI (cli.ts), and the views of other runtime-API commands: sessions (sessions.ts), stick tables
 * (tables.ts), maps and ACLs (patterns.ts). table.ts is the kit a table view is made from (moving, filter, sort, detail, the
 * column header). A view may import model, domain, widgets and the layers below src/app, and of this folder
 * only table.ts: never another view, the core or the run loop. They are listed in core/registry.ts.
 *
 * @module
 */
export {};
