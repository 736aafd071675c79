import assert from "node:assert/strict";
import { parseReleaseVersion, releaseLine, versionAtLeast } from "../../src/runtime/version.ts";

Deno.test("versions as HAProxy prints them are read to major.minor.patch", () => {
  assert.deepEqual(parseReleaseVersion("2.2.9-2+deb11u6"), { major: 2, minor: 2, patch: 9 });
  assert.deepEqual(parseReleaseVersion("3.5-dev5"), { major: 3, minor: 5, patch: 0 });
  assert.equal(parseReleaseVersion("HAProxy"), undefined);
  assert.equal(releaseLine("3.4.7-1"), "3.4");
  assert.equal(releaseLine(" junk "), "junk");
});

Deno.test("versionAtLeast compares numerically and treats an unreadable version as new enough", () => {
  assert.equal(versionAtLeast("2.10.0", "2.9"), true);
  assert.equal(versionAtLeast("2.2.9-2+deb11u6", "2.5"), false);
  assert.equal(versionAtLeast("2.6.12-1", "2.6"), true);
  assert.equal(versionAtLeast("3.0.11", "3.0.12"), false);
  assert.equal(versionAtLeast("4.0", "3.4"), true);
  assert.equal(versionAtLeast("", "3.4"), true);
  assert.throws(() => versionAtLeast("3.0", "x"), /not a version: x/);
});
