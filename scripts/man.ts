/**
 * Writes hatop.1 from the option table (`deno task man`).
 *
 * @module
 */
import { manPage } from "../src/cli/man.ts";

await Deno.writeTextFile(new URL("../hatop.1", import.meta.url), manPage());
console.log("wrote hatop.1");
