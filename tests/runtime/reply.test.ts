import assert from "node:assert/strict";
import {
  expectedUnsupportedReason,
  firstLine,
  isPermissionDenied,
  isUnknownCommand,
  replyError,
  unsupportedReason,
} from "../../src/runtime/reply.ts";
import { versionAtLeast } from "../../src/runtime/version.ts";
import { RELEASE_LINES, reply, scenario } from "./_fixtures.ts";

/** Fixtures whose reply is an error about the arguments, with the error HAProxy printed. */
const ERROR_REPLIES = [
  "show-sess-missing",
  "show-table-bad-filter",
  "show-table-missing",
  "del-map-missing",
  "show-map-missing",
  "show-ssl-cert-missing",
];

for (const line of RELEASE_LINES) {
  const s = scenario(line);

  Deno.test(`${line}: show version is data from 2.6 and "needs HAProxy ≥ 2.6" on older releases`, () => {
    const text = reply(line, "show-version");
    const reason = unsupportedReason("show version", text, s.version);
    if (versionAtLeast(s.version, "2.6")) assert.equal(reason, undefined);
    else {
      assert.ok(isUnknownCommand(text), firstLine(text));
      assert.equal(reason, `needs HAProxy ≥ 2.6 (this is ${line})`);
    }
  });

  Deno.test(`${line}: an unknown command is recognised in this release's spelling`, () => {
    const text = reply(line, "unknown-command");
    assert.ok(isUnknownCommand(text), firstLine(text));
    assert.equal(
      unsupportedReason("show nosuchthing", text, s.version),
      `HAProxy ${line} does not know "show nosuchthing"`,
    );
    assert.equal(replyError("show nosuchthing", text), undefined);
  });

  Deno.test(`${line}: help is data even where it starts with "Unknown command" (2.2)`, () => {
    assert.equal(unsupportedReason("help", reply(line, "help"), s.version), undefined);
  });

  Deno.test(`${line}: errors about arguments are told from data and from refusals`, () => {
    for (const name of ERROR_REPLIES) {
      const text = reply(line, name);
      const command = s.commands[name];
      assert.equal(replyError(command, text), firstLine(text), name);
      assert.equal(unsupportedReason(command, text, s.version, "admin"), undefined, name);
    }
  });

  Deno.test(`${line}: data and empty successful writes are neither errors nor refusals`, () => {
    for (const [name, command] of Object.entries(s.commands)) {
      if (ERROR_REPLIES.includes(name) || name === "unknown-command" || name === "show-version") continue;
      if (name.endsWith("-user")) continue; // Sent at level user: a refusal (tables.test.ts).
      const text = reply(line, name);
      assert.equal(replyError(command, text), undefined, name);
      assert.equal(unsupportedReason(command, text, s.version, "admin"), undefined, name);
    }
  });
}

Deno.test("refusals name the level needed, and the socket's level when known", () => {
  assert.ok(isPermissionDenied("Permission denied\n\n"));
  assert.ok(isPermissionDenied("Permission denied!\n"));
  assert.equal(unsupportedReason("show sess", "Permission denied\n\n", "3.2.26"), "needs level operator");
  assert.equal(
    unsupportedReason("show map", "Permission denied\n\n", "3.4.7-1", "operator"),
    "needs level admin (this socket is at level operator)",
  );
  assert.equal(
    unsupportedReason("show ssl cert", "Can't allocate memory!\n\n", "2.2.9", "user"),
    "needs level operator (this socket is at level user)",
  );
  // At a level that may run it, the text is a real error.
  assert.equal(unsupportedReason("show ssl cert", "Can't allocate memory!\n\n", "2.2.9", "admin"), undefined);
  assert.equal(unsupportedReason("frob", "Permission denied\n\n", "2.2.9"), "needs a higher level");
  assert.equal(replyError("show sess", "Permission denied\n\n"), undefined);
});

Deno.test("what cannot work is known before sending from the version and the socket's level", () => {
  assert.equal(expectedUnsupportedReason("show version", "2.2.9"), "needs HAProxy ≥ 2.6 (this is 2.2)");
  assert.equal(
    expectedUnsupportedReason("show errors", "3.0.11", "user"),
    "needs level operator (this socket is at level user)",
  );
  assert.equal(expectedUnsupportedReason("show errors", "3.0.11"), undefined);
  assert.equal(expectedUnsupportedReason("show map", "3.2.26", "user"), undefined);
});

Deno.test("a write that prints anything printed an error", () => {
  assert.equal(replyError("add map /x k v", "\n"), undefined);
  assert.equal(
    replyError("clear table fe key 1", "Entry currently in use, cannot remove\n\n"),
    "Entry currently in use, cannot remove",
  );
  assert.equal(replyError("set map /x k v", "Something odd.\n\n"), "Something odd.");
});
