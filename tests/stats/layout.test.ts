import assert from "node:assert/strict";
import { type Column, STAT_MODES } from "../../src/stats/columns.ts";
import {
  cellValue,
  columnWidths,
  formatCell,
  renderHeader,
  renderRow,
  visibleColumns,
} from "../../src/stats/layout.ts";
import { parseStat } from "../../src/stats/csv.ts";
import { fixture, rowOf } from "./_helpers.ts";

const WIDTHS = [78, 80, 100, 137, 200, 400];
/** A mode's columns as the original had them (without our optional TREND column). */
const mode = (name: string) => STAT_MODES.find((m) => m.name === name)!.columns.filter((c) => !c.optional);
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

Deno.test("STAT_MODES: four modes whose minima make exactly 78 columns", () => {
  assert.deepEqual(STAT_MODES.map((m) => [m.id, m.name, m.columns.length]), [
    [1, "STATUS", 12],
    [2, "TRAFFIC", 10],
    [3, "HTTP", 13],
    [4, "ERRORS", 13],
  ]);
  for (const m of STAT_MODES) {
    const original = mode(m.name);
    assert.equal(sum(original.map((c) => c.min)) + original.length - 1, 78, m.name);
    for (const c of m.columns) assert.ok(c.help.length > 0 && c.header.length <= c.min, c.header);
  }
  const status = mode("STATUS");
  assert.deepEqual(status.map((c) => c.max), [50, 6, 22, 20, ...Array(8).fill(undefined)]);
});

Deno.test("columnWidths fill every width exactly, within minima and maxima", () => {
  const rows = parseStat(fixture("haproxy-2.6/show-stat.csv")).rows;
  for (const m of STAT_MODES) {
    for (const width of WIDTHS) {
      const columns = visibleColumns(m.columns, width);
      const widths = columnWidths(columns, width);
      const label = `${m.name} @${width}`;
      assert.equal(sum(widths) + widths.length - 1, width, label);
      columns.forEach((c, i) => {
        assert.ok(widths[i] >= c.min, `${label} ${c.header} min`);
        assert.ok(widths[i] <= (c.max ?? Infinity), `${label} ${c.header} max`);
      });
      assert.equal(renderHeader(columns, widths).length, width, label);
      for (const row of rows) assert.equal(renderRow(columns, widths, row).length, width, label);
    }
  }
});

Deno.test("columnWidths: STATUS grows first, then the rest spreads left to right like hatop (py2)", () => {
  const status = mode("STATUS");
  assert.deepEqual(columnWidths(status, 78), status.map((c) => c.min));
  assert.deepEqual(columnWidths(status, 80), [10, 4, 8, 7, 3, 3, 5, 5, 6, 6, 6, 6]);
  // 100: 22 extra: STATUS takes 16 (to its maximum 22), the other 6 go +1 to the first six still growing.
  assert.deepEqual(columnWidths(status, 100), [11, 5, 22, 8, 4, 4, 6, 5, 6, 6, 6, 6]);
  const wide = columnWidths(status, 400);
  assert.deepEqual(wide.slice(1, 4), [6, 22, 20]); // W, STATUS, CHECK capped; the rest took the overflow
});

Deno.test("columnWidths keeps minima when too narrow and stops at maxima", () => {
  const status = mode("STATUS");
  assert.deepEqual(columnWidths(status, 40), status.map((c) => c.min));
  const capped: Column[] = [
    { header: "A", field: "a", min: 2, max: 4, align: "left", format: "text", help: "a" },
    { header: "B", field: "b", min: 2, max: 3, align: "left", format: "text", help: "b" },
  ];
  assert.deepEqual(columnWidths(capped, 6), [3, 2]);
  assert.deepEqual(columnWidths(capped, 100), [4, 3]);
  assert.deepEqual(columnWidths([], 80), []);
});

Deno.test("cellValue: raw text, blank for empty, humanised bytes and seconds", () => {
  const traffic = mode("TRAFFIC");
  const errors = mode("ERRORS");
  const row = rowOf({ svname: "FRONTEND", weight: "", bin: 123456789012, lastchg: 90061, scur: "12abc" });
  const col = (cols: readonly Column[], header: string) => cols.find((c) => c.header === header)!;
  assert.equal(cellValue(col(traffic, "W"), row), "");
  assert.equal(cellValue(col(traffic, "NAME"), row), "FRONTEND");
  assert.equal(cellValue(col(traffic, "BIN"), row), "114.98G");
  assert.equal(cellValue(col(traffic, "BOUT"), row), "");
  assert.equal(cellValue(col(errors, "CL"), row), "1d01h");
  assert.equal(cellValue(col(mode("STATUS"), "SCUR"), row), "12abc");
  assert.equal(cellValue(col(mode("STATUS"), "STOT"), rowOf({ stot: 1234567 })), "1234567");
  assert.equal(cellValue({ ...col(mode("STATUS"), "STOT"), field: "nope" }, row), "");
});

Deno.test("formatCell fits and aligns: metric on demand, right-cut text, exact width", () => {
  const status = mode("STATUS");
  const col = (header: string) => status.find((c) => c.header === header)!;
  const row = rowOf({
    svname: "static-with-a-very-long-server-name-01",
    stot: 1234567,
    status: "MAINT (via be/sv)",
  });
  assert.equal(formatCell(col("STOT"), row, 7), "1234567");
  assert.equal(formatCell(col("STOT"), row, 6), " 1.23M");
  assert.equal(formatCell(col("STOT"), row, 3), " 1M");
  assert.equal(formatCell(col("NAME"), row, 16), "static-with-a-..");
  assert.equal(formatCell(col("STATUS"), row, 22), "MAINT (via be/sv)     ");
  assert.equal(formatCell(col("STATUS"), row, 6), "MAINT ", "the state word is kept whole");
  assert.equal(formatCell(col("STATUS"), row, 8), "MAINT.. ", "'..' says more follows");
  assert.equal(formatCell(col("SCUR"), row, 6), "      ");
  assert.equal(formatCell(col("SCUR"), rowOf({ scur: "12abcdefgh" }), 6), "12ab..");
});

Deno.test("formatCell pads by code points: a character outside the BMP counts once, a lone surrogate once", () => {
  const col = mode("STATUS").find((c) => c.header === "NAME")!;
  assert.equal(formatCell(col, rowOf({ svname: "web-\u{1F600}" }), 8), "web-\u{1F600}   ");
  assert.equal(formatCell(col, rowOf({ svname: "a\uD800b" }), 5), "a\uD800b  ");
  assert.equal(formatCell(col, rowOf({ svname: "\u{1F600}\u{1F600}" }), 3), "\u{1F600}\u{1F600} ");
});

/** Rows of the HATOP.md §4.4 example; FRONTEND/BACKEND carry no weight/act/bck/lbtot in real HAProxy. */
const fe = rowOf({
  svname: "FRONTEND",
  status: "OPEN",
  qcur: "",
  qmax: "",
  scur: 12,
  smax: 345,
  slim: 2000,
  stot: 1000000,
  rate: 42,
  rate_lim: 0,
  rate_max: 1500,
  bin: 123456789012,
  bout: 9876543210987,
  req_rate: 40,
  req_rate_max: 1490,
  req_tot: 1237269,
  hrsp_1xx: 0,
  hrsp_2xx: 1000000,
  hrsp_3xx: 2345,
  hrsp_4xx: 34567,
  hrsp_5xx: 12,
  hrsp_other: 0,
});
const server = (svname: string, status: string, check: string, scur: number, slim: number, stot: number) =>
  rowOf({
    svname,
    weight: 100,
    status,
    check_status: check,
    act: 1,
    bck: 0,
    qcur: 0,
    qmax: 3,
    scur,
    smax: 50,
    slim,
    stot,
  });

// The original's §4.4 examples at 80 columns; by design our 2 extra columns go to STATUS (it grows first),
// where the original gave them to NAME and W. Every cell is otherwise the same.
Deno.test("renderRow at 80 columns matches the original's STATUS example", () => {
  const cols = mode("STATUS");
  const widths = columnWidths(cols, 80);
  assert.equal(
    renderHeader(cols, widths),
    "NAME          W STATUS   CHECK   ACT BCK  QCUR  QMAX   SCUR   SMAX   SLIM   STOT",
  );
  assert.equal(
    renderRow(cols, widths, server("app1", "UP", "* L7OK", 4, 100, 400000)),
    "app1        100 UP       * L7OK    1   0     0     3      4     50    100 400000",
  );
  assert.equal(
    renderRow(cols, widths, server("app2", "DOWN", "L7OK", 8, 0, 800000)),
    "app2        100 DOWN     L7OK      1   0     0     3      8     50      0 800000",
  );
  assert.equal(
    renderRow(cols, widths, server("app3", "MAINT", "L7OK", 12, 100, 1000000)),
    "app3        100 MAINT    L7OK      1   0     0     3     12     50    100     1M",
  );
  const backend = rowOf({
    svname: "BACKEND",
    weight: 300,
    status: "UP",
    check_status: "",
    act: 3,
    bck: 0,
    qcur: 0,
    qmax: 3,
    scur: 24,
    smax: 150,
    slim: 200,
    stot: 2000000,
  });
  assert.equal(
    renderRow(cols, widths, backend),
    "BACKEND     300 UP                 3   0     0     3     24    150    200     2M",
  );
  // Differences by design: empty fields stay blank instead of a fake 0.
  assert.equal(
    renderRow(cols, widths, fe),
    "FRONTEND        OPEN                                     12    345   2000     1M",
  );
});

Deno.test("renderRow at 80 columns: TRAFFIC, HTTP and ERRORS examples", () => {
  const traffic = mode("TRAFFIC");
  // Original: "FRONTEND        0 OPEN          0     42      0   1500   117737.57M  9419005.60M";
  // we leave empty fields blank and use G/T units.
  assert.equal(
    renderRow(traffic, columnWidths(traffic, 80), fe),
    "FRONTEND        OPEN                  42      0   1500      114.98G        8.98T",
  );
  const http = mode("HTTP");
  assert.equal(
    renderRow(http, columnWidths(http, 80), fe),
    "FRONTEND        OPEN        40  1490 1237269     0    1M  2345 34567    12     0",
  );
  const errors = mode("ERRORS");
  const app2 = rowOf({
    svname: "app2",
    weight: 100,
    status: "DOWN",
    check_status: "L7OK",
    chkfail: 2,
    chkdown: 1,
    lastchg: 3659,
    econ: 2,
    ereq: 0,
    eresp: 4,
    dreq: 0,
    dresp: 0,
    downtime: 86400,
  });
  // Original DOWN cell: "   1d"; we show two units when they fit.
  assert.equal(
    renderRow(errors, columnWidths(errors, 80), app2),
    "app2        100 DOWN     L7OK      2   1  1h     2     0     4     0     0 1d00h",
  );
});

Deno.test("the optional TREND column shows only when every column's minimum fits", () => {
  const traffic = STAT_MODES[1].columns;
  assert.ok(!visibleColumns(traffic, 80).some((c) => c.format === "trend"));
  assert.ok(!visibleColumns(traffic, 87).some((c) => c.format === "trend"));
  assert.ok(visibleColumns(traffic, 89).some((c) => c.format === "trend"));
  assert.equal(cellValue(traffic.at(-1)!, rowOf({ rate: 5 })), "", "batch output has no trend");
});
