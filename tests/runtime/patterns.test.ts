import assert from "node:assert/strict";
import {
  parseAclEntries,
  parseMapEntries,
  parsePatternLists,
  patternEditCommand,
} from "../../src/runtime/patterns.ts";
import { replyError } from "../../src/runtime/reply.ts";
import { versionAtLeast } from "../../src/runtime/version.ts";
import { RELEASE_LINES, reply, scenario } from "./_fixtures.ts";

for (const line of RELEASE_LINES) {
  const s = scenario(line);
  const counters = versionAtLeast(s.version, "2.4");

  Deno.test(`${line}: show map and show acl list the lab's files`, () => {
    const maps = parsePatternLists(reply(line, "show-map"));
    assert.deepEqual(maps.map((m) => m.file), [s.mapFile]);
    assert.equal(maps[0].entries, counters ? s.initialMap.length : undefined);
    assert.match(maps[0].description, /^pattern loaded from file /);
    const acls = parsePatternLists(reply(line, "show-acl"));
    const file = acls.find((a) => a.file === s.aclFile);
    assert.ok(file, reply(line, "show-acl"));
    assert.equal(file.entries, counters ? s.initialAcl.length : undefined);
    assert.ok(acls.some((a) => a.file === undefined), "inline ACLs have no file");
    assert.ok(acls.every((a) => !/curr_ver/.test(a.description)));
  });

  Deno.test(`${line}: map entries before, after add, set and del`, () => {
    const initial = s.initialMap.map(([key, value]) => ({ key, value }));
    const strip = (text: string) => parseMapEntries(text).map(({ key, value }) => ({ key, value }));
    assert.deepEqual(strip(reply(line, "show-map-entries")), initial);
    const e = s.mapEntry;
    assert.deepEqual(strip(reply(line, "show-map-added")), [...initial, { key: e.key, value: e.value }]);
    assert.deepEqual(strip(reply(line, "show-map-set")), [...initial, { key: e.key, value: e.changed }]);
    assert.deepEqual(strip(reply(line, "show-map-deleted")), initial);
    assert.equal(e.addedBody, e.value, "traffic saw the added entry");
    assert.equal(e.changedBody, e.changed, "traffic saw the changed entry");
    for (const name of ["add-map", "set-map", "del-map"]) assert.equal(reply(line, name), "\n", name);
    assert.equal(replyError(s.commands["del-map-missing"], reply(line, "del-map-missing")), "Key not found.");
  });

  Deno.test(`${line}: ACL entries before and after add acl; the lab's requests were denied meanwhile`, () => {
    const patterns = (name: string) => parseAclEntries(reply(line, name)).map((e) => e.pattern);
    assert.deepEqual(patterns("show-acl-entries"), s.initialAcl);
    assert.deepEqual(patterns("show-acl-added"), [...s.initialAcl, s.aclPattern.pattern]);
    assert.equal(s.aclPattern.deniedStatus, 403);
    assert.equal(s.aclPattern.allowedStatus, 200);
    assert.ok(parseAclEntries(reply(line, "show-acl-entries")).every((e) => /^0x[0-9a-f]+$/.test(e.id)));
  });
}

Deno.test("map values keep the rest of the line; other lines are skipped", () => {
  assert.deepEqual(parseMapEntries("0x1 /a some value\n0x2 /b\nPermission denied\n\n"), [
    { id: "0x1", key: "/a", value: "some value" },
    { id: "0x2", key: "/b", value: "" },
  ]);
  assert.deepEqual(parsePatternLists("# id (file) description\n1 () acl 'src' file 'h.cfg' line 3\n"), [
    { id: 1, description: "acl 'src' file 'h.cfg' line 3" },
  ]);
});

Deno.test("patternEditCommand escapes ; and \\ and refuses what HAProxy would split", () => {
  assert.equal(
    patternEditCommand({ op: "add map", file: "/m.map", key: "/a", value: "x;y" }),
    "add map /m.map /a x\\;y",
  );
  assert.equal(patternEditCommand({ op: "del map", file: "#3", key: "/a" }), "del map #3 /a");
  assert.equal(
    patternEditCommand({ op: "add acl", file: "/b.acl", pattern: "10.0.0.0/8" }),
    "add acl /b.acl 10.0.0.0/8",
  );
  assert.throws(
    () => patternEditCommand({ op: "set map", file: "/m.map", key: "/a", value: "two words" }),
    /the value must be one word/,
  );
  assert.throws(
    () => patternEditCommand({ op: "del acl", file: "", pattern: "x" }),
    /the file must be one word/,
  );
});
