/**
 * Every third-party dependency, pinned, in one place.
 *
 * A run from a URL (`deno run https://…/main.ts`) sees no local deno.json import map, so each import is a
 * full `npm:` specifier. JSR is not used: it is unreachable from where this project is built.
 *
 * @module
 */
export { parse as parseCsv } from "npm:csv-parse@7.0.3/sync";
