import assert from "node:assert/strict";
import { classifyStatus, isHealthy, type StatusClass } from "../../src/stats/status.ts";

const CASES: [string, StatusClass][] = [
  ["UP", "up"],
  ["UP (UNPUB)", "up"],
  ["UP (2/3)", "up"],
  ["DOWN", "down"],
  ["DOWN (agent)", "down"],
  ["NOLB", "nolb"],
  ["DRAIN", "drain"],
  ["DRAIN (agent)", "drain"],
  ["MAINT", "maint"],
  ["MAINT (via web/web1)", "maint"],
  ["MAINT(via)", "maint"],
  ["MAINT (resolution)", "maint"],
  ["no check", "nocheck"],
  ["UP 1/3", "transitional"],
  ["DOWN 1/2", "transitional"],
  ["NOLB 1/2", "transitional"],
  ["DRAIN 2/3", "transitional"],
  ["OPEN", "open"],
  ["WAITING", "open"],
  ["FULL", "open"],
  ["STOP", "stopped"],
  ["PAUSED", "stopped"],
  ["", "unknown"],
  ["up", "unknown"],
  ["SOMETHING NEW", "unknown"],
  ["12abc", "unknown"],
  ["toString", "unknown"],
];

Deno.test("classifyStatus knows every status HAProxy prints", () => {
  for (const [status, expected] of CASES) assert.equal(classifyStatus(status), expected, status);
});

Deno.test("isHealthy: only settled up, no check and open are healthy", () => {
  const healthy = CASES.filter(([status]) => isHealthy(status)).map(([status]) => status);
  assert.deepEqual(healthy, ["UP", "UP (UNPUB)", "UP (2/3)", "no check", "OPEN", "WAITING", "FULL"]);
});
