/**
 * A stand-in for `Deno.env` in unit tests: only the variables given, nothing from the real environment.
 *
 * @module
 */

/** An environment reader holding exactly `vars`. */
export function fakeEnv(vars: Record<string, string>): { get(key: string): string | undefined } {
  return { get: (key) => vars[key] };
}
