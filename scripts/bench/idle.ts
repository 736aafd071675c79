/**
 * A Deno program that only waits (one timer a second): the resident memory and CPU floor any Deno program
 * starts from, measured next to the monitor by `deno task bench` (scripts/bench/side_by_side.ts).
 *
 * @module
 */
setInterval(() => {}, 1000);
console.log("srv_00000 (an idle Deno script: this line is what the benchmark waits for)");
