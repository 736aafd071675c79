/**
 * Every third-party dependency, pinned, in one place.
 *
 * A run from a URL (`deno run https://…/main.ts`) sees no local deno.json import map, so each import is a
 * full `npm:` specifier. JSR is not used: it is unreachable from where this project is built.
 *
 * No npm module is imported statically: loading any costs Deno's npm machinery, about 10 MB resident, on
 * every run. Each is a loader for a dynamic `import()` (written out, so that Deno still fetches, locks,
 * bundles and compiles it with the program), called where the package is first needed.
 * tests/ship/start_graph.test.ts keeps it so.
 *
 * @module
 */

/** csv-parse's synchronous parser, for the rare quoted `show stat` records (src/stats/csv.ts). */
// deno-lint-ignore no-import-prefix -- full specifiers on purpose: a run from a URL sees no import map.
export const loadCsvParse = () => import("npm:csv-parse@7.0.3/sync");

/** smol-toml's parser, for the config file (src/cli/config.ts); loaded only when a config file is read. */
// deno-lint-ignore no-import-prefix -- full specifiers on purpose: a run from a URL sees no import map.
export const loadToml = () => import("npm:smol-toml@1.9.1");
