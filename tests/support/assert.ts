/**
 * Assertions for tests, from Node's built-in assert (JSR's @std/assert is not reachable here).
 *
 * @module
 */
import assertModule from "node:assert/strict";

export function assert(value: unknown, message?: string): asserts value {
  assertModule.ok(value, message);
}
export function assertEquals<T>(actual: T, expected: T, message?: string): void {
  assertModule.deepStrictEqual(actual, expected, message);
}
export function assertMatch(actual: string, re: RegExp, message?: string): void {
  assertModule.match(actual, re, message);
}
export async function assertRejects(fn: () => Promise<unknown>, re?: RegExp): Promise<Error> {
  let error: unknown;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  assertModule.ok(error instanceof Error, "expected a rejection");
  if (re) assertModule.match((error as Error).message, re);
  return error as Error;
}
