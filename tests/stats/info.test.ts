import assert from "node:assert/strict";
import { infoNumber, parseInfo } from "../../src/stats/info.ts";
import { fieldList, fieldVersions, fixture } from "./_helpers.ts";

Deno.test("parseInfo reads the HAProxy 2.6 fixture by key", () => {
  const info = parseInfo(fixture("haproxy-2.6/show-info.txt"));
  assert.equal(info.get("Name"), "HAProxy");
  assert.equal(info.get("Version"), "2.6.12-1+deb12u4");
  assert.equal(info.get("Uptime"), "0d 0h00m26s");
  assert.equal(info.get("node"), "lab-node");
  assert.equal(info.get("description"), "hatop test lab");
  assert.equal(info.get("Unstoppable Jobs"), "0");
  assert.equal(info.get("Build info"), "2.6.12-1+deb12u4");
  assert.equal(info.get("TotalSplicdedBytesOut"), "0");
  assert.equal(info.get("TotalSplicedBytesOut"), undefined);
  assert.equal(infoNumber(info, "Pid"), 21654);
  assert.equal(infoNumber(info, "Maxconn"), 9979);
  assert.equal(infoNumber(info, "Uptime"), undefined);
  assert.equal(infoNumber(info, "NoSuchKey"), undefined);
  assert.equal(info.size, 70); // one key per non-blank line
});

const INFO_KEY_VERSIONS = fieldVersions("info-keys");

Deno.test("the info key lists to read cover HAProxy 1.4 to 3.x", () => {
  assert.equal(INFO_KEY_VERSIONS[0], "1.4");
  assert.ok(INFO_KEY_VERSIONS.includes("2.6"), INFO_KEY_VERSIONS.join(" "));
  assert.match(INFO_KEY_VERSIONS.at(-1)!, /^3\./);
});

for (const version of INFO_KEY_VERSIONS) {
  Deno.test(`parseInfo reads every key of HAProxy ${version}`, () => {
    const keys = fieldList(`haproxy-fields/info-keys-${version}.txt`).filter((k) => k !== undefined);
    const text = keys.map((key, i) => `${key}: ${key === "Uptime" ? "0d 0h05m21s" : i}`).join("\n") + "\n\n";
    const info = parseInfo(text);
    assert.equal(info.size, keys.length);
    keys.forEach((key, i) => {
      if (key === "Uptime") assert.equal(info.get(key), "0d 0h05m21s");
      else assert.equal(infoNumber(info, key), i, key);
    });
    const minor = version === "3.5-dev"
      ? 305
      : Number(version.split(".")[0]) * 100 + Number(version.split(".")[1]);
    if (minor >= 109) assert.ok(info.has("Unstoppable Jobs"));
    if (minor >= 203 && minor <= 207) assert.ok(info.has("TotalSplicdedBytesOut"));
    if (minor >= 208) assert.ok(info.has("TotalSplicedBytesOut"));
  });
}

Deno.test("parseInfo skips blank lines and lines without a colon, never throws", () => {
  const info = parseInfo("\n  \nPermission denied\nName: HAProxy\n: no key\nnode:lab\nweird line\n");
  assert.deepEqual([...info], [["Name", "HAProxy"], ["node", "lab"]]);
  assert.equal(parseInfo("").size, 0);
  assert.equal(parseInfo("Unknown command.\n").size, 0);
});

Deno.test("parseInfo splits at the first colon and keeps colons in values", () => {
  const info = parseInfo("description: a: b:c\r\nPid: 7\n");
  assert.equal(info.get("description"), "a: b:c");
  assert.equal(infoNumber(info, "Pid"), 7);
});

Deno.test("infoNumber accepts decimals and negatives, rejects garbage", () => {
  const info = parseInfo("A: 1.5\nB: -3\nC: 12abc\nD:\nE: 0x10\n");
  assert.equal(infoNumber(info, "A"), 1.5);
  assert.equal(infoNumber(info, "B"), -3);
  assert.equal(infoNumber(info, "C"), undefined);
  assert.equal(infoNumber(info, "D"), undefined);
  assert.equal(infoNumber(info, "E"), undefined);
});
