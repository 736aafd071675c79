/**
 * The program's version. Kept equal to deno.json's `version` by a test (tests/version.test.ts), because a
 * run from a URL cannot read deno.json.
 *
 * @module
 */
export const VERSION = "0.9.0";
export const PROGRAM = "hatop";
