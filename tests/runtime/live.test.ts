/**
 * The runtime parsers on live replies of the release under test (the runner starts this file once per
 * release): each test starts the runtime lab, makes traffic, and checks that what the parsers read is what the
 * raw reply says and what the test did.
 */
import assert from "node:assert/strict";
import { oneShot } from "../support/lab.ts";
import { poll } from "../support/poll.ts";
import {
  BAD_REQUESTS,
  INITIAL_ACL,
  INITIAL_MAP,
  MAP_DEFAULT,
  RUNTIME_NAMES as N,
  startRuntimeLab,
  untilNotBusy,
} from "../../scripts/lab/runtime_lab.ts";
import {
  byExpiry,
  commandSupported,
  dataValue,
  levelAllows,
  parseAclEntries,
  parseActivity,
  parseCertificate,
  parseCertificateList,
  parseCliLevel,
  parseErrors,
  parseEvents,
  parseEventSinks,
  parseHelp,
  parseInfo,
  parseMapEntries,
  parsePatternLists,
  parsePeers,
  parsePools,
  parseResolvers,
  parseSessionDetail,
  parseSessions,
  parseShowVersion,
  parseTableDump,
  parseTables,
  parseThreads,
  patternEditCommand,
  releaseLine,
  requiredLevel,
  showTableCommand,
  unsupportedReason,
  versionAtLeast,
} from "../../src/runtime/mod.ts";

Deno.test("live: show sess lists the held client, show sess <id> dumps it, shutdown session ends it", async () => {
  await using lab = await startRuntimeLab();
  const held = await lab.holdConnection();
  const text = await lab.command("show sess");
  const raw = text.split("\n").find((l) => l.includes(` src=127.0.0.1:${held.localPort} `))!;
  const row = parseSessions(text).find((r) => r.id === held.sessionId);
  assert.ok(row, text);
  assert.equal(raw.split(":")[0], row.id);
  assert.equal(row.client, `127.0.0.1:${held.localPort}`);
  assert.deepEqual([row.frontend, row.backend, row.server], [N.hold, N.hold, N.holdServer]);
  assert.equal(`${row.fields.age}`, raw.match(/ age=(\S+)/)![1]);
  const detail = parseSessionDetail(await lab.command(`show sess ${row.id}`));
  assert.equal(detail?.source, row.client);
  assert.deepEqual([detail?.frontend, detail?.backend, detail?.server], [N.hold, N.hold, N.holdServer]);
  const asUser = await oneShot(lab.sockets.user, "show sess");
  assert.equal(
    unsupportedReason("show sess", asUser, lab.version, "user"),
    "needs level operator (this socket is at level user)",
  );
  const kill = `shutdown session ${row.id}`;
  assert.equal(
    unsupportedReason(kill, await oneShot(lab.sockets.operator, kill), lab.version, "operator"),
    "needs level admin (this socket is at level operator)",
  );
  assert.equal(await lab.command(kill), "\n");
  await poll("the shut session to leave show sess", 10_000, async () => {
    const ids = parseSessions(await lab.command("show sess")).map((r) => r.id);
    return ids.includes(row.id) ? undefined : true;
  });
});

Deno.test("live: the stick table counts the test's requests; HAProxy's filters and clear table", async () => {
  await using lab = await startRuntimeLab();
  assert.deepEqual(parseTableDump(await lab.command(`show table ${N.table}`)).entries, [], "empty at start");
  const plain = (await lab.sendRequests(4, "/api")).map((r) => r.status);
  const bumps = (await lab.sendRequests(2, "/bump")).map((r) => r.status);
  assert.deepEqual([...plain, ...bumps], [200, 200, 200, 200, 200, 200]);
  assert.deepEqual(parseTables(await lab.command("show table")), [{
    name: N.table,
    type: "ip",
    size: 1024,
    used: 1,
  }]);
  const asUser = await oneShot(lab.sockets.user, `show table ${N.table}`);
  assert.equal(
    unsupportedReason(`show table ${N.table}`, asUser, lab.version, "user"),
    "needs level operator (this socket is at level user)",
  );
  assert.deepEqual(parseTableDump(asUser).entries, []);
  const text = await oneShot(lab.sockets.operator, `show table ${N.table}`);
  const { entries } = parseTableDump(text);
  assert.equal(entries.length, 1, text);
  const [entry] = entries;
  assert.equal(entry.key, "127.0.0.1");
  assert.equal(dataValue(entry, "http_req_cnt"), 6);
  assert.equal(dataValue(entry, "http_req_rate"), 6, "a 10 minute period: the rate is the count");
  assert.equal(dataValue(entry, "gpc0"), 2);
  assert.equal(text.includes(`http_req_rate(600000)=${dataValue(entry, "http_req_rate")}`), true);
  assert.equal(dataValue(entry, "gpt0") !== undefined, versionAtLeast(lab.version, "2.5"));
  assert.equal(dataValue(entry, "glitch_cnt") !== undefined, versionAtLeast(lab.version, "3.0"));
  const filtered = async (value: number) =>
    parseTableDump(await lab.command(showTableCommand(N.table, { type: "gpc0", op: "gt", value }))).entries;
  assert.deepEqual((await filtered(1)).map((e) => e.key), ["127.0.0.1"]);
  assert.deepEqual(await filtered(2), []);
  const byKey = `show table ${N.table} key 127.0.0.1`;
  assert.equal(parseTableDump(await oneShot(lab.sockets.operator, byKey)).entries.length, 1);
  const clear = `clear table ${N.table} key 127.0.0.1`;
  assert.equal(await untilNotBusy(() => oneShot(lab.sockets.operator, clear)), "\n");
  const after = parseTableDump(await lab.command(`show table ${N.table}`));
  assert.deepEqual([after.table?.used, after.entries.length], [0, 0]);
  // Last: on 3.0.11 a key command refused at level user leaves its entry referenced, unclearable.
  assert.equal(
    unsupportedReason(byKey, await oneShot(lab.sockets.user, byKey), lab.version, "user"),
    "needs level operator (this socket is at level user)",
  );
});

Deno.test("live: map and ACL edits are listed and change what fe_rt answers", async () => {
  await using lab = await startRuntimeLab();
  const { mapFile, aclFile } = lab.layout;
  assert.deepEqual(parsePatternLists(await lab.command("show map")).map((m) => m.file), [mapFile]);
  assert.ok(parsePatternLists(await lab.command("show acl")).some((a) => a.file === aclFile));
  const entries = async () =>
    parseMapEntries(await lab.command(`show map ${mapFile}`)).map((e) => [e.key, e.value]);
  assert.deepEqual(await entries(), INITIAL_MAP);
  assert.equal((await lab.get("/api")).body, "api");
  const send = (cmd: string) => lab.command(cmd).then((r) => assert.equal(r, "\n", cmd));
  await send(patternEditCommand({ op: "add map", file: mapFile, key: "/added", value: "fresh" }));
  assert.deepEqual(await entries(), [...INITIAL_MAP, ["/added", "fresh"]]);
  assert.equal((await lab.get("/added")).body, "fresh");
  await send(patternEditCommand({ op: "set map", file: mapFile, key: "/added", value: "changed" }));
  assert.equal((await lab.get("/added")).body, "changed");
  await send(patternEditCommand({ op: "del map", file: mapFile, key: "/added" }));
  assert.deepEqual(await entries(), INITIAL_MAP);
  assert.equal((await lab.get("/added")).body, MAP_DEFAULT);
  const acl = async () => parseAclEntries(await lab.command(`show acl ${aclFile}`)).map((e) => e.pattern);
  assert.deepEqual(await acl(), INITIAL_ACL);
  await send(patternEditCommand({ op: "add acl", file: aclFile, pattern: "127.0.0.1" }));
  assert.deepEqual(await acl(), [...INITIAL_ACL, "127.0.0.1"]);
  assert.equal((await lab.get("/api")).status, 403);
  await send(patternEditCommand({ op: "del acl", file: aclFile, pattern: "127.0.0.1" }));
  assert.equal((await lab.get("/api")).status, 200);
  // Who may read them depends on the release: any level up to 3.2, admin on 3.4.
  const asOperator = await oneShot(lab.sockets.operator, "show map");
  const reason = unsupportedReason("show map", asOperator, lab.version, "operator");
  if (levelAllows("operator", requiredLevel("show map", lab.version)!)) {
    assert.equal(reason, undefined);
    assert.deepEqual(parsePatternLists(asOperator).map((m) => m.file), [mapFile]);
  } else assert.equal(reason, "needs level admin (this socket is at level operator)");
});

Deno.test("live: certificates by expiry, the 3-day one first with 2 or 3 days left", async () => {
  await using lab = await startRuntimeLab();
  const files = parseCertificateList(await lab.command("show ssl cert"));
  const made = lab.layout.tls.certificates;
  assert.deepEqual(files.map((f) => f.file).sort(), made.map((c) => c.file).sort());
  const now = new Date();
  const certs = [];
  for (const { file } of files) {
    certs.push(parseCertificate(await lab.command(`show ssl cert ${file}`), now)!);
  }
  const sorted = byExpiry(certs);
  assert.deepEqual(sorted.map((c) => c.file), made.map((c) => c.file));
  for (const [i, cert] of sorted.entries()) {
    const want = made[i];
    assert.ok(
      cert.daysLeft === want.days || cert.daysLeft === want.days - 1,
      `${cert.file}: ${cert.daysLeft}`,
    );
    assert.equal(cert.commonName, want.commonName);
    assert.deepEqual(cert.san, want.dnsNames.map((d) => `DNS:${d}`));
    assert.match(cert.issuer ?? "", new RegExp(`CN=${lab.layout.tls.caCommonName}`));
    assert.equal(cert.algorithm, want.algorithm);
  }
  assert.equal(sorted[0].commonName, "exp3.lab.test");
  const asUser = await oneShot(lab.sockets.user, "show ssl cert");
  assert.equal(asUser, "Can't allocate memory!\n\n");
  assert.equal(
    unsupportedReason("show ssl cert", asUser, lab.version, "user"),
    "needs level operator (this socket is at level user)",
  );
});

Deno.test("live: show errors holds the lab's bad requests, and one more sent by the test", async () => {
  await using lab = await startRuntimeLab();
  const first = parseErrors(await lab.command("show errors"));
  assert.equal(first.total, 2);
  for (const c of first.captures) assert.equal(c.buffer, BAD_REQUESTS[c.proxy as keyof typeof BAD_REQUESTS]);
  await lab.sendBadRequests();
  const again = parseErrors(await lab.command("show errors"));
  assert.equal(again.total, 4);
  assert.deepEqual(
    again.captures.map((c) => c.event).sort(),
    [2, 3],
    "only the last capture per proxy is kept",
  );
  const fe = again.captures.find((c) => c.proxy === N.frontend)!;
  assert.equal(fe.errorAt, fe.buffer.indexOf("Bad Header") + 3, "the space: not allowed in a header name");
  const asUser = await oneShot(lab.sockets.user, "show errors");
  assert.equal(
    unsupportedReason("show errors", asUser, lab.version, "user"),
    "needs level operator (this socket is at level user)",
  );
});

Deno.test("live: show info, activity, threads and pools agree with each other", async () => {
  await using lab = await startRuntimeLab();
  const nbthread = Number(parseInfo(await lab.command("show info")).get("Nbthread"));
  assert.ok(nbthread >= 1);
  const activity = parseActivity(await lab.command("show activity"));
  assert.equal(activity.threads, nbthread);
  assert.ok(
    activity.rows.filter((r) => r.perThread.length > 0).every((r) => r.perThread.length === nbthread),
  );
  const threads = parseThreads(await oneShot(lab.sockets.user, "show threads"));
  assert.equal(threads.length, nbthread);
  assert.equal(threads.filter((t) => t.current).length, 1);
  const { pools, totals } = parsePools(await oneShot(lab.sockets.user, "show pools"));
  assert.equal(pools.length, totals?.pools);
  assert.equal(pools.reduce((n, p) => n + p.allocatedBytes, 0), totals?.allocatedBytes);
  const asUser = await oneShot(lab.sockets.user, "show activity");
  const reason = unsupportedReason("show activity", asUser, lab.version, "user");
  if (versionAtLeast(lab.version, "3.0")) {
    assert.equal(reason, "needs level operator (this socket is at level user)");
  } else assert.equal(parseActivity(asUser).threads, nbthread);
});

Deno.test("live: resolvers, peers, the event ring and the CLI's own commands", async () => {
  await using lab = await startRuntimeLab();
  const { ports } = lab.layout;
  const resolvers = parseResolvers(await lab.command("show resolvers")).find((r) => r.name === N.resolvers);
  assert.deepEqual(resolvers?.nameservers.map((n) => n.name), [N.nameserver]);
  assert.equal(resolvers?.nameservers[0].counters.valid, 0, "nothing answers at the nameserver's port");
  const [peers] = parsePeers(await lab.command("show peers"));
  assert.equal(peers.name, N.peers);
  const addresses = Object.fromEntries(peers.peers.map((p) => [p.name, [p.local, p.address]]));
  assert.deepEqual(addresses, {
    [lab.layout.node]: [true, `127.0.0.1:${ports.peer}`],
    [N.remotePeer]: [false, `127.0.0.1:${ports.remotePeer}`],
  });
  assert.ok(peers.peers.every((p) => p.tables.map((t) => t.table).join() === N.table));
  assert.ok(parseEventSinks(await lab.command("show events")).some((s) => s.name === N.ring));
  await lab.sendRequests(2, "/events");
  await poll("both requests in the ring", 10_000, async () => {
    const lines = parseEvents(await lab.command(`show events ${N.ring}`));
    return lines.filter((e) => e.message.includes('"GET /events HTTP/1.1"')).length === 2 ? true : undefined;
  });
  const version = await lab.command("show version");
  if (commandSupported("show version", lab.version)) assert.equal(parseShowVersion(version), lab.version);
  else {
    const line = releaseLine(lab.version);
    assert.equal(
      unsupportedReason("show version", version, lab.version),
      `needs HAProxy ≥ 2.6 (this is ${line})`,
    );
  }
  for (const level of ["user", "operator", "admin"] as const) {
    assert.equal(parseCliLevel(await oneShot(lab.sockets[level], "show cli level")), level);
  }
  assert.ok(parseHelp(await lab.command("help")).some((e) => e.syntax.startsWith("show table")));
});
