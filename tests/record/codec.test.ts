import { assert, assertEquals } from "../support/assert.ts";
import { applyDelta, decodeFull, encodeDelta, encodeFull } from "../../src/record/codec.ts";
import { decodeValue, encodeValue } from "../../src/record/format.ts";
import { materialize, stateOf } from "../../src/record/state.ts";
import { fixtureSnapshot } from "../support/snapshots.ts";
import { snapshotData, snapshotOf, webSnapshot } from "./_helpers.ts";

const T0 = Date.UTC(2026, 11, 3, 6, 40, 0);

/** A record through JSON, as it is read back from a file. */
function viaJson<T>(record: T): Record<string, unknown> {
  return JSON.parse(JSON.stringify(record));
}

Deno.test("values are written losslessly: integers as numbers, empty as null, the rest as text", () => {
  for (const text of ["0", "42", "-1", "007", "-0", "1e3", "12345678901234567890", "UP 1/3", "", " 1"]) {
    assertEquals(decodeValue(JSON.parse(JSON.stringify(encodeValue(text)))), text, JSON.stringify(text));
  }
  assertEquals([encodeValue("42"), encodeValue(""), encodeValue("007")], [42, null, "007"]);
});

Deno.test("a full record gives back the live snapshot: same grouping, fields, info and warnings (real 2.6 capture)", async () => {
  const live = fixtureSnapshot();
  const state = decodeFull(viaJson(encodeFull(stateOf(T0, { snapshot: live }), 0)));
  assertEquals(snapshotData(await materialize(state)), snapshotData(live));
});

Deno.test("quoted values (a comma, a quote) and listeners named like servers come back as they were", async () => {
  const live = snapshotOf([
    { px: "web", sv: "w1", iid: 3, sid: 1, type: 2, desc: 'Layer7 wrong status, "503"' },
    { px: "web", sv: "w1", iid: 3, sid: 2, type: 3 },
    { px: "web", sv: "BACKEND", iid: 3, sid: 0, type: 1 },
  ]);
  const full = encodeFull(stateOf(T0, { snapshot: live }), 0);
  const back = await materialize(decodeFull(viaJson(full)));
  assertEquals(snapshotData(back), snapshotData(live));
  assertEquals(back.proxies[0].servers[0].get("check_desc"), 'Layer7 wrong status, "503"');
  const next = stateOf(T0 + 1000, {
    snapshot: snapshotOf([
      { px: "web", sv: "w1", iid: 3, sid: 1, type: 2, desc: 'Layer7 wrong status, "503"', lastchg: 101 },
      { px: "web", sv: "w1", iid: 3, sid: 2, type: 3, lastchg: 101, status: "DOWN" },
      { px: "web", sv: "BACKEND", iid: 3, sid: 0, type: 1, lastchg: 101 },
    ]),
  });
  assertEquals(encodeDelta(stateOf(T0, { snapshot: live }), next, 0)?.stats, {
    "web/w1#2": { status: "DOWN" },
  });
});

Deno.test("an idle refresh is a delta of nothing: the clock fields are predicted", () => {
  const a = stateOf(T0, { snapshot: webSnapshot({}, { uptime: 100 }) });
  const idle = { lastchg: 101, lastsess: -1 };
  const b = stateOf(T0 + 1000, {
    snapshot: webSnapshot({ w1: idle, w2: idle, w3: idle, BACKEND: { ...idle, act: 3 } }, { uptime: 101 }),
  });
  assertEquals(viaJson(encodeDelta(a, b, 0)), {
    type: "delta",
    time: "2026-12-03T06:40:01.000Z",
    instance: 0,
  });
});

Deno.test("a delta holds what changed and what the clock does not explain, and gives the next state back", async () => {
  const a = stateOf(T0, { snapshot: webSnapshot({}, { uptime: 100 }) });
  const next = webSnapshot({
    w1: { lastchg: 0, status: "DOWN", check: "L4CON", code: "" },
    w2: { lastchg: 102 },
    w3: { lastchg: 102, weight: 50 },
    BACKEND: { lastchg: 102, act: 2 },
  }, { uptime: 102 });
  const b = stateOf(T0 + 2000, { snapshot: next });
  const delta = encodeDelta(a, b, 0)!;
  assertEquals(viaJson(delta).stats, {
    "web/w1": { status: "DOWN", lastchg: 0, check_status: "L4CON", check_code: null },
    "web/w3": { weight: 50 },
    "web/BACKEND": { act: 2 },
  });
  assertEquals(delta.info, undefined, "Uptime moved by the elapsed time: predicted");
  assertEquals(snapshotData(await materialize(applyDelta(a, viaJson(delta)))), snapshotData(next));
});

Deno.test("when HAProxy's clock moved more than the elapsed time, the delta says so once, not per row", async () => {
  const a = stateOf(T0, { snapshot: webSnapshot({}, { uptime: 100 }) });
  const two = { lastchg: 102 };
  const next = webSnapshot({ w1: two, w2: two, w3: two, BACKEND: { ...two, act: 3 } }, { uptime: 101 });
  const delta = viaJson(encodeDelta(a, stateOf(T0 + 1000, { snapshot: next }), 0));
  assertEquals(delta.clock, 2);
  assertEquals(delta.stats, undefined);
  assertEquals(delta.info, { Uptime: "0d 0h01m41s", Uptime_sec: "101" }, "the info clock moved by one only");
  assertEquals(
    snapshotData(
      await materialize(applyDelta(stateOf(T0, { snapshot: webSnapshot({}, { uptime: 100 }) }), delta)),
    ),
    snapshotData(next),
  );
});

Deno.test("a change of structure is not a delta: rows, ids, fields or info keys", () => {
  const a = stateOf(T0, { snapshot: webSnapshot() });
  const other = (s: ReturnType<typeof webSnapshot>) => encodeDelta(a, stateOf(T0 + 1000, { snapshot: s }), 0);
  assert(other(webSnapshot()) !== undefined);
  assertEquals(other(webSnapshot({ w2: { sid: 9 } })), undefined, "a server renumbered");
  assertEquals(other(webSnapshot({ w2: { sv: "w9" } })), undefined, "a server renamed");
  assertEquals(other(snapshotOf([{ px: "web", sv: "w1", iid: 3, sid: 1, type: 2 }])), undefined, "rows gone");
  const info = snapshotOf([], {});
  assertEquals(
    encodeDelta(
      stateOf(T0, { snapshot: info }),
      stateOf(T0, { snapshot: { ...info, info: new Map([...info.info, ["New", "1"]]) } }),
      0,
    ),
    undefined,
    "an info key more",
  );
});

Deno.test("the master's process list is written when it changes beyond its uptimes", () => {
  const snapshot = webSnapshot();
  const later = { lastchg: 101 };
  const after = webSnapshot({ w1: later, w2: later, w3: later, BACKEND: { ...later, act: 3 } });
  const proc = (pid: number, uptime: string, old = false) => ({
    pid,
    type: "worker",
    reloads: 0,
    uptime,
    version: "3.0",
    old,
  });
  const a = stateOf(T0, { snapshot, workers: [proc(10, "0d00h00m05s")], worker: 10 });
  const same = stateOf(T0 + 1000, { snapshot: after, workers: [proc(10, "0d00h00m06s")], worker: 10 });
  assertEquals(viaJson(encodeDelta(a, same, 0)).workers, undefined);
  const reload = stateOf(T0 + 1000, {
    snapshot: after,
    workers: [proc(11, "0d00h00m00s"), proc(10, "0d00h00m06s", true)],
    worker: 11,
  });
  const d = viaJson(encodeDelta(a, reload, 0));
  assertEquals((d.workers as { pid: number }[]).map((p) => p.pid), [11, 10]);
  assertEquals(d.worker, 11);
  assertEquals(applyDelta(a, d).workers, reload.workers);
});
