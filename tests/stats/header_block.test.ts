/**
 * The header block (src/stats/header_block.ts): what the monitor draws over the table and --batch prints
 * first, before the first answer, for one process and for several instances.
 *
 * @module
 */
import { assertEquals } from "../support/assert.ts";
import { headerBlock, headerText } from "../../src/stats/header_block.ts";
import { parseInfo } from "../../src/stats/info.ts";

const info = parseInfo(
  "Name: HAProxy\nVersion: 2.6.12\nRelease_date: 2023/03/28\nPid: 42\nProcess_num: 1\nnode: lb1\n" +
    "Uptime: 0d 0h01m02s\nNbthread: 4\nIdle_pct: 97\nCurrConns: 3\nMaxconn: 100\nTasks: 9\nRun_queue: 1\n",
);

Deno.test("header block: one process; before the first answer; several instances", () => {
  const one = headerBlock({ info, connecting: "/a.sock", instances: 1, proxies: 2, services: 5 });
  assertEquals(one.version, {
    left: "HAProxy Version: 2.6.12  (released: 2023/03/28)",
    right: ["PID: 42 (proc 1)", "PID: 42"],
  });
  assertEquals(one.node.left.trim(), "Node: lb1 (uptime 0d 0h01m02s)");
  assertEquals(one.node.right[0], "Threads: 4   Idle: 97%");
  assertEquals([one.connections.used, one.connections.max, one.pipes.used], [3, 100, undefined]);
  assertEquals(headerText(one)[3], "  Connections: 3/100");
  assertEquals(
    headerText(one)[4].split(/ +/).join(" "),
    " Procs: ? Tasks: 9 Queue: 1 Proxies: 2 Services: 5",
  );
  const none = headerBlock({ info: undefined, connecting: "/a.sock", instances: 1, proxies: 0, services: 0 });
  assertEquals(none.version.left, "connecting to /a.sock...");
  const fleet = headerBlock({
    info,
    connecting: "",
    instances: 2,
    process: ["Instances: 2/2 up"],
    proxies: 2,
    services: 5,
  });
  assertEquals([fleet.version.right, fleet.node.left.trim()], [
    ["Instances: 2/2 up"],
    "Nodes: lb1 (figures: sums over those answering)",
  ]);
  assertEquals(fleet.node.right.at(-1), "Idle: 97% min");
});
