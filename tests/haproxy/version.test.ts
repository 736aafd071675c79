import { assertEquals } from "../support/assert.ts";
import { atLeast, parseRelease } from "../../src/haproxy/version.ts";

Deno.test("parseRelease reads major.minor[.patch] of show info and haproxy -v versions", () => {
  assertEquals(parseRelease("2.2.9-2+deb11u6"), { major: 2, minor: 2, patch: 9 });
  assertEquals(parseRelease("3.3-dev5"), { major: 3, minor: 3, patch: 0 });
  assertEquals(parseRelease(" 1.4.27"), { major: 1, minor: 4, patch: 27 });
  assertEquals(parseRelease("HAProxy"), undefined);
  assertEquals(parseRelease(undefined), undefined);
});

Deno.test("atLeast compares by major, minor, patch; unreadable versions are not at least anything", () => {
  const cases: [string | undefined, string, boolean][] = [
    ["2.2.9-2+deb11u6", "2.6", false],
    ["2.6.12-1+deb12u3", "2.6", true],
    ["2.10.0", "2.9", true],
    ["3.0.11-1", "2.6", true],
    ["1.7.0", "1.7", true],
    ["1.6.9", "1.7", false],
    ["2.6.1", "2.6.12", false],
    ["garbage", "1.4", false],
    [undefined, "1.4", false],
  ];
  for (const [version, line, expected] of cases) {
    assertEquals(atLeast(version, line), expected, `${version} >= ${line}`);
  }
});
