/**
 * A real HAProxy quotes a `show stat` value that holds a comma, here a failed check's reason phrase. The
 * program loads csv-parse for it (it is not loaded at start) and shows the value unquoted: once where -p
 * reads `show stat` to find the proxy, once in the `--batch` snapshot.
 *
 * @module
 */
import { assertEquals } from "../support/assert.ts";
import { HTTP_DEFAULTS, startLab, statusOf } from "../support/lab.ts";
import { runHatop } from "../support/program.ts";

const REASON = "Down, for maintenance";

Deno.test("a quoted show stat value (a check reason with a comma) reads unquoted, with -p and --batch", async () => {
  await using lab = await startLab(async ({ port }) => {
    const answer = await port();
    return `${HTTP_DEFAULTS}
frontend answer
    bind 127.0.0.1:${answer}
    http-request return status 503
    http-after-response set-status 503 reason "${REASON}"

backend web
    option httpchk GET /
    server s1 127.0.0.1:${answer} check inter 200ms fall 1 rise 1
`;
  });
  await lab.waitForStat((csv) => statusOf(csv, "web", "s1") === "DOWN" && csv.includes(`"${REASON}"`));
  const r = await runHatop(["-s", lab.sockets.admin, "-p", "web", "--batch", "--format", "json"]);
  assertEquals(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout) as { stats: Record<string, unknown>[]; warnings: string[] };
  const s1 = json.stats.find((row) => row.svname === "s1");
  assertEquals([s1?.status, s1?.check_status, s1?.last_chk], ["DOWN", "L7STS", REASON]);
  assertEquals(json.stats.map((row) => row.pxname), ["web", "web"]);
  assertEquals(json.warnings, []);
});
