/**
 * What the events diff (src/record/events.ts, run on every refresh of every instance by the monitor's timeline)
 * costs per refresh on synthetic snapshots of 1k and 10k rows whose counters move: `deno run -A
 * scripts/bench/events.ts`. Measured 2026-12-03: 6.0 ms at 1k, 39 ms at 10k (issue #15); 2026-12-04, rows
 * paired by position and read as text ranges: 2.0-2.5 ms at 1k, 8.3-10.6 ms at 10k; the same day, on an idle
 * machine, the state fields' ranges kept while parsing (src/stats/shape.ts STATE_FIELDS): 1.1-1.8 ms ->
 * 0.65-0.88 ms at 1k, 6.0-6.9 ms -> 2.8-3.5 ms at 10k (three runs each, before and after).
 *
 * @module
 */
import { parseStat } from "../../src/stats/csv.ts";
import { parseInfo } from "../../src/stats/info.ts";
import { buildSnapshot } from "../../src/stats/snapshot.ts";
import { events } from "../../src/record/events.ts";
const header =
  "# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight,act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,lbtot,tracked,type,rate,rate_lim,rate_max,check_status,check_code,check_duration,hrsp_1xx,hrsp_2xx,hrsp_3xx,hrsp_4xx,hrsp_5xx,hrsp_other,hanafail,req_rate,req_rate_max,req_tot,cli_abrt,srv_abrt,\n";
function csv(n: number, t: number) {
  let s = header;
  for (let b = 0; b < n / 100; b++) {
    for (let i = 0; i < 100; i++) {
      s += `be${b},s${i},0,0,0,0,,${t},0,0,,0,,0,0,0,0,UP,1,1,0,0,0,${t},0,,1,${b + 2},${
        i + 1
      },,0,,2,0,,0,L4OK,,0,0,0,0,0,0,0,,,,,0,0,\n`;
    }
    s += `be${b},BACKEND,0,0,0,0,1,${t},0,0,0,0,,0,0,0,0,UP,100,100,0,,0,${t},0,,1,${
      b + 2
    },0,,0,,1,0,,0,,,,0,0,0,0,0,0,,,,0,0,0,\n`;
  }
  return s;
}
const info = parseInfo("Name: HAProxy\nPid: 1\nUptime_sec: 5\n");
for (const n of [1000, 10000]) {
  const a = { snapshot: buildSnapshot(info, [parseStat(csv(n, 1))]) };
  let ms = 0;
  for (let k = 0; k < 20; k++) {
    const b = { snapshot: buildSnapshot(info, [parseStat(csv(n, k + 2))]) };
    const t = performance.now();
    events(a, b, { time: 0, instance: "x" });
    ms += performance.now() - t;
  }
  console.log(n, "rows: events diff", (ms / 20).toFixed(2), "ms per refresh");
}
