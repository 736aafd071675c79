import assert from "node:assert/strict";
import { loadQuoting, MAX_WARNINGS, parseStat } from "../../src/stats/csv.ts";
import { fieldList, fieldVersions, fixture, statText } from "./_helpers.ts";

// csv-parse, which unquotes quoted records, is loaded when one first appears (by parseStatAsync, at run time);
// these tests read quoted records with parseStat, so they load it first.
await loadQuoting();

Deno.test("parseStat reads every row of the HAProxy 2.6 admin fixture", () => {
  const table = parseStat(fixture("haproxy-2.6/show-stat.csv"));
  assert.deepEqual(table.warnings, []);
  assert.equal(table.header.length, 128); // 103 fixed, "-", 24 module columns
  assert.equal(table.header[103], "-");
  assert.equal(table.rows.length, 19);
  assert.deepEqual(
    table.rows.map((r) => `${r.pxname}/${r.svname}`),
    [
      "www/FRONTEND",
      "web/web1",
      "web/web2",
      "web/web3",
      "web/web4-dead",
      "web/web5-maint",
      "web/web6-backup",
      "web/BACKEND",
      "api/api1",
      "api/api2",
      "api/api3-5xx",
      "api/BACKEND",
      "tcp-db/FRONTEND",
      "tcp-db/db1",
      "tcp-db/db2",
      "tcp-db/BACKEND",
      "empty-backend/BACKEND",
      "odd.name_with-chars:9/x.y_z-1",
      "odd.name_with-chars:9/BACKEND",
    ],
  );
  const by = (px: string, sv: string) => table.rows.find((r) => r.pxname === px && r.svname === sv)!;
  const web2 = by("web", "web2");
  assert.equal(web2.get("check_status"), "* L7OK");
  assert.equal(web2.get("status"), "UP");
  assert.equal(web2.get("weight"), "50");
  assert.deepEqual([web2.iid, web2.sid, web2.type], [3, 2, 2]);
  assert.equal(by("web", "web3").get("status"), "DRAIN");
  assert.equal(by("web", "web5-maint").get("status"), "MAINT");
  assert.equal(by("web", "web5-maint").get("check_status"), "");
  assert.equal(by("tcp-db", "db1").get("status"), "no check");
  assert.equal(by("api", "api1").get("tracked"), "web/web1");
  assert.equal(by("api", "api2").get("check_desc"), "Layer7 wrong status");
  const odd = by("odd.name_with-chars:9", "x.y_z-1");
  assert.deepEqual([odd.iid, odd.sid, odd.type], [7, 1, 2]);
  const fe = by("www", "FRONTEND");
  assert.deepEqual([fe.iid, fe.sid, fe.type], [2, 0, 0]);
  assert.equal(fe.get("weight"), "");
  assert.equal(fe.get("h1_bytes_out"), "58526"); // last module column, before the trailing comma
  assert.equal(fe.get("ssl_sess"), "0");
  assert.equal(fe.get("-"), undefined);
  assert.equal(fe.get("addr"), "");
  assert.equal(by("web", "web1").get("addr"), "127.0.0.1:22806");
  const entries = fe.entries();
  assert.equal(entries.length, 127);
  assert.deepEqual(entries[0], ["pxname", "www"]);
  assert.deepEqual(entries[entries.length - 1], ["h1_spliced_bytes_out", "0"]);
  assert.ok(!entries.some(([name]) => name === "-"));
});

Deno.test("parseStat reads the user-level fixture (addr, cookie, algo blank)", () => {
  const table = parseStat(fixture("haproxy-2.6/show-stat-level-user.csv"));
  assert.deepEqual(table.warnings, []);
  assert.equal(table.rows.length, 19);
  for (const row of table.rows) {
    assert.equal(row.get("addr"), "");
    assert.equal(row.get("algo"), "");
  }
  assert.deepEqual(
    table.rows.map((r) => r.get("status")),
    [
      ..."OPEN UP UP DRAIN DOWN MAINT UP UP UP DOWN DOWN UP OPEN".split(" "),
      ..."no check,DOWN,UP,UP,no check,UP".split(","),
    ],
  );
  assert.equal(table.rows.find((r) => r.svname === "web2")!.get("check_status"), "L7OK");
});

Deno.test("parseStat unquotes values with commas, quotes and line breaks", () => {
  const text = "# pxname,svname,iid,sid,type,check_desc,status,\n" +
    'be,s1,3,1,2,"Layer7, ""wrong"" status",UP,\n' +
    'be,s2,3,2,2,"two\nlines",DOWN,\n' +
    "be,BACKEND,3,0,1,,UP,\n";
  const table = parseStat(text);
  assert.deepEqual(table.warnings, []);
  assert.equal(table.rows.length, 3);
  assert.equal(table.rows[0].get("check_desc"), 'Layer7, "wrong" status');
  assert.equal(table.rows[0].get("status"), "UP");
  assert.equal(table.rows[1].get("check_desc"), "two\nlines");
  assert.equal(table.rows[1].get("status"), "DOWN");
  assert.equal(table.rows[2].svname, "BACKEND");
});

const PROBES = ["cli_abrt", "agent_status", "check_desc", "uweight", "agg_server_status", "srid", "reqbin"];

const STAT_HEADER_VERSIONS = fieldVersions("stat-header");

Deno.test("the stat headers to read cover HAProxy 1.4 to 3.x", () => {
  assert.equal(STAT_HEADER_VERSIONS[0], "1.4");
  assert.ok(STAT_HEADER_VERSIONS.includes("2.6"), STAT_HEADER_VERSIONS.join(" "));
  assert.match(STAT_HEADER_VERSIONS.at(-1)!, /^3\./);
});

for (const version of STAT_HEADER_VERSIONS) {
  Deno.test(`parseStat reads a synthetic HAProxy ${version} reply by field name`, () => {
    const fixed = fieldList(`haproxy-fields/stat-header-${version}.txt`);
    const modular = version >= "2.3";
    const header = modular ? [...fixed, "-", "ssl_sess", "h1_open_connections"] : [...fixed];
    const quotedField = fixed.includes("check_desc") ? "check_desc" : "tracked";
    const make = (values: Record<string, string>) =>
      header.map((name, i) => name === "-" ? "-" : values[name] ?? (modular && i > fixed.length ? "7" : ""));
    const rows = [
      make({ pxname: "fe", svname: "FRONTEND", status: "OPEN", iid: "2", sid: "0", type: "0", scur: "5" }),
      make({
        pxname: "be",
        svname: "srv-1",
        status: "UP 1/3",
        weight: "100",
        check_status: "* L7OK",
        iid: "3",
        sid: "1",
        type: "2",
        scur: "12abc",
        [quotedField]: "Layer7, check passed",
      }),
      make({ pxname: "be", svname: "BACKEND", status: "UP", weight: "100", iid: "3", sid: "0", type: "1" }),
    ];
    let text = statText(header, rows);
    // 1.4.0 literally printed a space before two names.
    if (version === "1.4") text = text.replace(",req_rate_max,req_tot,", ", req_rate_max, req_tot,");
    const table = parseStat(text);
    assert.deepEqual(table.warnings, []);
    assert.equal(table.rows.length, 3);
    const [fe, srv, be] = table.rows;
    assert.deepEqual([fe.pxname, fe.svname, fe.iid, fe.sid, fe.type], ["fe", "FRONTEND", 2, 0, 0]);
    assert.deepEqual([srv.pxname, srv.svname, srv.iid, srv.sid, srv.type], ["be", "srv-1", 3, 1, 2]);
    assert.deepEqual([be.svname, be.iid, be.sid, be.type], ["BACKEND", 3, 0, 1]);
    assert.equal(srv.get("status"), "UP 1/3");
    assert.equal(srv.get("check_status"), "* L7OK");
    assert.equal(srv.get("weight"), "100");
    assert.equal(srv.get("scur"), "12abc"); // garbage numbers are kept as text
    assert.equal(fe.get("scur"), "5");
    assert.equal(srv.get(quotedField), "Layer7, check passed");
    assert.equal(srv.get("req_tot"), "");
    assert.equal(fe.get("weight"), "");
    for (const probe of PROBES) {
      assert.equal(srv.get(probe) !== undefined, fixed.includes(probe), `${version}: ${probe}`);
    }
    assert.equal(srv.get("no_such_field"), undefined);
    assert.equal(srv.get("-"), undefined);
    if (modular) assert.equal(srv.get("h1_open_connections"), "7");
    assert.equal(srv.entries().length, header.length - (modular ? 1 : 0));
  });
}

Deno.test("parseStat: truncated row reads missing fields as undefined, with a warning", () => {
  const table = parseStat("# pxname,svname,status,iid,sid,type,scur,\nbe,s1,UP,3,1,2,4,\nbe,s2,DO\n");
  assert.equal(table.rows.length, 2);
  const s2 = table.rows[1];
  assert.equal(s2.get("status"), "DO");
  assert.equal(s2.get("scur"), undefined);
  assert.ok(Number.isNaN(s2.iid));
  assert.equal(table.warnings.length, 1);
  assert.match(table.warnings[0], /line 3: be\/s2 has 3 of 7 fields/);
});

Deno.test("parseStat: extra columns are tolerated with a warning", () => {
  const table = parseStat("# pxname,svname,iid,sid,type,\nbe,s1,3,1,2,x,y,\n");
  assert.equal(table.rows.length, 1);
  assert.equal(table.rows[0].sid, 1);
  assert.deepEqual(table.rows[0].entries(), [["pxname", "be"], ["svname", "s1"], ["iid", "3"], [
    "sid",
    "1",
  ], ["type", "2"]]);
  assert.match(table.warnings.join("\n"), /be\/s1 has 2 values beyond the header/);
});

Deno.test("parseStat: non-numeric iid/sid/type give NaN and a warning each", () => {
  const table = parseStat("# pxname,svname,iid,sid,type,\nbe,s1,x3,,two,\n");
  const [row] = table.rows;
  assert.ok(Number.isNaN(row.iid) && Number.isNaN(row.sid) && Number.isNaN(row.type));
  assert.equal(row.get("iid"), "x3");
  assert.equal(table.warnings.length, 3);
  assert.match(table.warnings[0], /garbage iid: "x3"/);
  assert.match(table.warnings[1], /garbage sid: ""/);
  assert.match(table.warnings[2], /garbage type: "two"/);
});

Deno.test("parseStat: empty text, a bare header and non-CSV replies give warnings, no rows", () => {
  for (const text of ["", "\n\n", "   "]) {
    const table = parseStat(text);
    assert.deepEqual(table.rows, []);
    assert.deepEqual(table.warnings, ["show stat: empty reply"]);
  }
  const bare = parseStat("# pxname,svname,iid,sid,type,\n\n");
  assert.deepEqual(bare.rows, []);
  assert.deepEqual(bare.header, ["pxname", "svname", "iid", "sid", "type"]);
  assert.deepEqual(bare.warnings, ["show stat: no data rows"]);
  const unknown = parseStat(
    "Unknown command, but maybe one of the following ones is a better match:\n  show stat  : report counters\n\n",
  );
  assert.deepEqual(unknown.rows, []);
  assert.equal(unknown.warnings.length, 1);
  assert.match(unknown.warnings[0], /^show stat: reply has no CSV header: "Unknown command, but maybe/);
  const denied = parseStat("Permission denied\n\n");
  assert.deepEqual(denied.warnings, ['show stat: reply has no CSV header: "Permission denied"']);
});

Deno.test("parseStat: a header without the id columns still parses, and says so", () => {
  const table = parseStat("# pxname,svname,status,\nbe,s1,UP,\n");
  assert.equal(table.rows[0].get("status"), "UP");
  assert.ok(Number.isNaN(table.rows[0].iid));
  assert.deepEqual(table.warnings, [
    'show stat: header has no "iid" column',
    'show stat: header has no "sid" column',
    'show stat: header has no "type" column',
  ]);
});

Deno.test("parseStat: unbalanced quotes do not throw", () => {
  const table = parseStat('# pxname,svname,iid,sid,type,check_desc,\nbe,s1,3,1,2,"oops,\nbe,s2,3,2,2,ok,\n');
  assert.ok(table.rows.length >= 1);
  assert.equal(table.rows[0].pxname, "be");
});

Deno.test("parseStat: warnings are capped, the rest summarised", () => {
  const rows = Array.from({ length: 50 }, (_, i) => `be,s${i},3,x,2,`).join("\n");
  const table = parseStat(`# pxname,svname,iid,sid,type,\n${rows}\n`);
  assert.equal(table.rows.length, 50);
  assert.equal(table.warnings.length, MAX_WARNINGS + 1);
  assert.equal(table.warnings[MAX_WARNINGS], "show stat: 30 more warnings not shown");
});

Deno.test("parseStat: 50,000 rows parse, rows share the header", () => {
  const lines = fixture("haproxy-2.6/show-stat.csv").split("\n").filter((l) => l !== "");
  const body = Array.from({ length: 50_000 }, (_, i) => lines[1 + (i % (lines.length - 1))]).join("\n");
  const table = parseStat(`${lines[0]}\n${body}\n`);
  assert.equal(table.rows.length, 50_000);
  assert.deepEqual(table.warnings, []);
  const last = table.rows[49_999];
  const same = table.rows[49_999 % (lines.length - 1)];
  assert.deepEqual(last.entries(), same.entries());
  assert.equal(last.get("status"), same.get("status"));
});

Deno.test("one unbalanced quote damages its own row only, with a warning", () => {
  const header = "# pxname,svname,status,check_desc,iid,sid,type,\n";
  const rows = [
    'be,s1,UP,say "hi,3,1,2,',
    ...Array.from({ length: 5 }, (_, i) => `be,d${i},DOWN,x,3,${i + 2},2,`),
  ];
  const table = parseStat(header + rows.join("\n") + "\n");
  assert.equal(table.rows.length, 6);
  assert.deepEqual(table.rows.slice(1).map((r) => r.get("status")), ["DOWN", "DOWN", "DOWN", "DOWN", "DOWN"]);
  assert.ok(table.warnings.some((w) => w.includes("unbalanced quotes")), table.warnings.join("; "));
});
