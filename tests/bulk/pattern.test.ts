import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { matchTargets, parsePattern, PatternError } from "../../src/bulk/pattern.ts";
import { instance, POOL } from "./_helpers.ts";

function names(patterns: string[], instances = [instance("lb1")]): string[] {
  const r = matchTargets(patterns.map(parsePattern), instances);
  if (!r.ok) throw new Error(r.errors.join("; "));
  return r.targets.map((t) => `${t.instance}:${t.proxy}/${t.server}#${t.iid}/${t.sid}`);
}

function errors(patterns: string[], instances = [instance("lb1")]): readonly string[] {
  const r = matchTargets(patterns.map(parsePattern), instances);
  assert(!r.ok, `expected no match for ${patterns.join(" ")}`);
  return r.errors;
}

function malformed(text: string): string {
  try {
    parsePattern(text);
  } catch (e) {
    assert(e instanceof PatternError, String(e));
    return e.message;
  }
  throw new Error(`'${text}' was accepted`);
}

Deno.test("globs: * ? [...] on each side of proxy/server, matched whole and case-sensitively", () => {
  assertEquals(names(["be_app/web*"]), ["lb1:be_app/web1#3/1", "lb1:be_app/web2#3/2", "lb1:be_app/web3#3/3"]);
  assertEquals(names(["*/web1"]), ["lb1:be_app/web1#3/1", "lb1:be_api/web1#4/1"]);
  assertEquals(names(["be_ap?/web1"]), ["lb1:be_app/web1#3/1", "lb1:be_api/web1#4/1"]);
  assertEquals(names(["be_app/web[13]"]), ["lb1:be_app/web1#3/1", "lb1:be_app/web3#3/3"]);
  assertEquals(names(["be_app/web[2-3]"]), ["lb1:be_app/web2#3/2", "lb1:be_app/web3#3/3"]);
  assertEquals(names(["be_app/web[!1]"]), ["lb1:be_app/web2#3/2", "lb1:be_app/web3#3/3"]);
  assertEquals(names(["be_app/web[^12]"]), ["lb1:be_app/web3#3/3"]);
  // Whole names only: "web" is not a prefix match, and "be.app" has a literal dot.
  assertEquals(errors(["be_app/web"]).length, 1);
  assertEquals(errors(["be.app/*"]).length, 1);
  assertEquals(errors(["BE_APP/*"]).length, 1);
});

Deno.test("only server rows are targets: no FRONTEND, BACKEND or listener", () => {
  assertEquals(names(["*/*"]).length, 5);
  assertMatch(errors(["fe_main/*"])[0], /^pattern 'fe_main\/\*' matches no proxy with servers/);
  assertMatch(errors(["be_app/BACKEND"])[0], /matches no server/);
});

Deno.test("several patterns: each target once, in snapshot order", () => {
  assertEquals(names(["be_app/web3", "be_app/*", "*/web1"]), [
    "lb1:be_app/web1#3/1",
    "lb1:be_app/web2#3/2",
    "lb1:be_app/web3#3/3",
    "lb1:be_api/web1#4/1",
  ]);
});

Deno.test("every instance of a fleet is matched, instance after instance", () => {
  const fleet = [instance("lb1"), instance("lb2", POOL.filter((r) => r[1] !== "web2"))];
  assertEquals(names(["be_app/web[12]"], fleet), [
    "lb1:be_app/web1#3/1",
    "lb1:be_app/web2#3/2",
    "lb2:be_app/web1#3/1",
  ]);
  // A stale instance's rows are old: never targets.
  const stale = [{ ...instance("lb1"), stale: true }, instance("lb2")];
  assertEquals(names(["be_app/web1"], stale), ["lb2:be_app/web1#3/1"]);
});

Deno.test("a pattern that matches nothing is an error naming it, with what there is", () => {
  assertEquals(errors(["be_app/web1", "be_app/wbe*", "be_nope/*"]), [
    "pattern 'be_app/wbe*' matches no server (be_app has: web1, web2, web3)",
    "pattern 'be_nope/*' matches no proxy with servers (there are: be_app, be_api)",
  ]);
  assertEquals(errors(["be_*/zz"]), [
    "pattern 'be_*/zz' matches no server (be_app, be_api have: web1, web2, web3, api1)",
  ]);
  assertEquals(errors(["a/b"], [instance("lb1", [])]), [
    "pattern 'a/b' matches no proxy with servers (there is none)",
  ]);
});

Deno.test("a server without numeric ids cannot be addressed by id: an error, not a guess", () => {
  const r = errors(["be_x/*"], [instance("lb1", [["be_x", "s1", "x", 1, 2, 0]])]);
  assertEquals(r, ["be_x/s1 has no numeric id in show stat; it cannot be addressed safely"]);
});

Deno.test("malformed patterns get a clear message naming the pattern", () => {
  assertEquals(
    malformed("be_app"),
    "pattern 'be_app' is not proxy/server (for every server of it: 'be_app/*')",
  );
  assertEquals(malformed(""), "pattern '' is not proxy/server");
  assertEquals(malformed("a/b/c"), "pattern 'a/b/c' is not proxy/server");
  assertEquals(malformed("/web1"), "pattern '/web1': the proxy part is empty (use * for every proxy)");
  assertEquals(malformed("be_app/"), "pattern 'be_app/': the server part is empty (use * for every server)");
  assertMatch(malformed("be app/*"), /^pattern 'be app\/\*': ' ' cannot appear in a proxy or server name/);
  assertMatch(malformed("be_app/web1;quit"), /';' cannot appear/);
  assertEquals(malformed("be_app/web[1"), "pattern 'be_app/web[1': '[' is not closed by ']'");
  assertEquals(malformed("be_app/web1]"), "pattern 'be_app/web1]': ']' without '['");
  assertEquals(malformed("be_app/web[]"), "pattern 'be_app/web[]': '[]' lists no character");
  assertEquals(malformed("be_app/web[!]"), "pattern 'be_app/web[!]': '[!]' lists no character");
  assertEquals(malformed("be_app/web[3-1]"), "pattern 'be_app/web[3-1]': '3-1' in '[3-1]' is an empty range");
  assertMatch(malformed("be_app/web[*]"), /'\*' in '\[\*\]' cannot appear in a name/);
});
