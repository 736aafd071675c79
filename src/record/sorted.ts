/**
 * Binary search over a sorted list of times, for the timeline of a recording. Pure.
 *
 * @module
 */

/** The last index i of a sorted list with at(i) <= value, or -1. */
export function lastAtOrBefore(length: number, at: (i: number) => number, value: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at(mid) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
