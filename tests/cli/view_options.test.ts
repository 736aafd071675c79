/**
 * `--view NAME` and `--cert-days N`: parsed and checked before any socket is opened (unknown names, the CLI in
 * read-only mode, a view without rows with --batch), the text and JSON of `--batch --view`, and the check's
 * report of certificates that expire too soon.
 *
 * @module
 */
import { assert, assertEquals, assertMatch } from "../support/assert.ts";
import { parseOptions } from "../../src/cli/options.ts";
import { main } from "../../src/cli/run.ts";
import { rowsText, viewBatchJson } from "../../src/cli/view_batch.ts";
import { certProblems } from "../../src/cli/cert_check.ts";
import { checkJson, checkText, withCertificates } from "../../src/cli/check.ts";
import { viewNamed, VIEWS } from "../../src/app/mod.ts";
import type { Column } from "../../src/stats/columns.ts";

function parsed(argv: string[]) {
  const r = parseOptions(argv);
  return r.kind === "run" ? { options: r.options } : { code: r.code, stderr: r.stderr ?? "" };
}

async function mainOf(argv: string[]) {
  let out = "", err = "";
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

Deno.test("--view and --cert-days are read; their misuse is refused with exit 1", () => {
  assertEquals(parsed(["-s", "/a", "--view", "certs"]).options?.view, "certs");
  assertEquals(parsed(["-s", "/a", "--check", "--cert-days", "7"]).options?.certDays, 7);
  const cases: [string[], RegExp][] = [
    [["-s", "/a", "--cert-days", "7"], /--cert-days goes with --check/],
    [["-s", "/a", "--check", "--cert-days", "4000"], /invalid cert days: 4000 \(0-3650\)/],
    [["-s", "/a", "--view", "certs", "-m", "2"], /--view and -m exclude each other/],
    [["-s", "/a", "--view", " "], /--view needs a view's name/],
  ];
  for (const [argv, message] of cases) {
    const r = parsed(argv);
    assertEquals(r.code, 1, argv.join(" "));
    assertMatch(r.stderr!, message);
  }
  assertEquals(parsed(["-s", "/a", "--check", "--cert-days", "x"]).code, 2, "not an integer: a usage error");
});

Deno.test("--view names are checked against the views before any socket is opened", async () => {
  const gone = "/nonexistent/hatop-17b.sock";
  let r = await mainOf(["-s", gone, "--batch", "--view", "nosuchview"]);
  assertEquals(r.code, 1);
  assertMatch(
    r.err,
    /^hatop: unknown view: nosuchview \(one of: status, traffic, http, stat-errors, cli, events, certs, errors, /,
  );
  r = await mainOf(["-s", gone, "-n", "--view", "cli"]);
  assertEquals([r.code, r.err], [1, "hatop: view cli not available in read-only mode\n"]);
  r = await mainOf(["-s", gone, "--batch", "--view", "cli"]);
  assertEquals([r.code, r.err], [1, "hatop: --batch prints a table view's rows: cli has none\n"]);
  r = await mainOf(["-s", gone, "--batch", "--count", "2", "--view", "certs"]);
  assertEquals([r.code, r.err], [
    1,
    "hatop: --batch --view certs prints once: not with --count or --record\n",
  ]);
  r = await mainOf(["-s", gone, "--check", "--view", "certs"]);
  assertEquals(r.code, 1);
  assertMatch(r.err, /--view goes with the monitor or --batch \(certificates in --check: --cert-days\)/);
  r = await mainOf(["-s", gone, "--batch", "--view", "certs"]);
  assertEquals(r.code, 2, "a known view goes on to the socket, which does not answer");
});

const certs = viewNamed(VIEWS, "certs")!;
const rows = {
  columns: (certs.columns as readonly Column[]).filter((c) => ["days", "expiry", "file"].includes(c.field)),
  rows: [{ days: "2", expiry: "ALARM", file: "/c/exp3.pem" }, {
    days: "19",
    expiry: "WARN",
    file: "/c/exp20.pem",
  }],
};

Deno.test("--batch --view as text: the columns aligned, values whole; as JSON: numbers as numbers", () => {
  assertEquals(rowsText(rows), "DAYS EXPIRY FILE\n   2 ALARM  /c/exp3.pem\n  19 WARN   /c/exp20.pem\n");
  assertEquals(
    rowsText({ columns: [], rows: [], unsupported: "needs level operator" }),
    "needs level operator\n",
  );
  const one = JSON.parse(viewBatchJson("certs", [{ name: "/a", address: "/a", rows }]));
  assertEquals(one, {
    view: "certs",
    rows: [{ days: 2, expiry: "ALARM", file: "/c/exp3.pem" }, {
      days: 19,
      expiry: "WARN",
      file: "/c/exp20.pem",
    }],
  });
  const two = JSON.parse(
    viewBatchJson("certs", [{ name: "n1", address: "/a", rows }, {
      name: "n2",
      address: "/b",
      rows: { columns: [], rows: [], unsupported: "needs level operator" },
    }]),
  );
  assertEquals(
    two.instances.map((i: { instance: string; unsupported?: string }) => [i.instance, i.unsupported]),
    [["n1", undefined], ["n2", "needs level operator"]],
  );
});

Deno.test("--check --cert-days: the certificates under N days fail the check, each named with its days", () => {
  const problems = certProblems([{ name: "/a", address: "/a", rows }], 7);
  assertEquals(problems.map((p) => [p.file, p.daysLeft]), [["/c/exp3.pem", 2]]);
  const healthy = { healthy: true, servers: 1, unhealthy: [] };
  const judged = withCertificates(healthy, 7, problems);
  assertEquals(judged.healthy, false);
  const text = checkText(judged);
  assertMatch(text, /^certificate \/c\/exp3\.pem \(\?\) expires in 2 days, on \?$/m);
  assertMatch(text, /^1 certificate expiring within 7 days$/m);
  assertEquals(
    withCertificates(healthy, 1, certProblems([{ name: "/a", address: "/a", rows }], 1)).healthy,
    true,
  );
  const json = JSON.parse(checkJson(judged));
  assertEquals([json.cert_days, json.certificates[0].days_left], [7, 2]);
  const refused = certProblems([{
    name: "/a",
    address: "/a",
    rows: { columns: [], rows: [], unsupported: "needs level operator" },
  }], 7);
  assert(
    checkText(withCertificates(healthy, 7, refused)).includes(
      "certificates cannot be read: needs level operator",
    ),
  );
});
