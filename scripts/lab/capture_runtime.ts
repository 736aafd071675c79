/**
 * Captures the runtime API's real replies as test fixtures: for each release of the test matrix, starts the
 * runtime lab, plays a fixed scenario (requests, a held connection, map/ACL edits), sends every command hatop
 * reads and writes each raw reply to `tests/fixtures/runtime/<release line>/<name>.txt`, what the scenario did
 * to `scenario.json`, and what each privilege level may run to `levels.txt`.
 *
 * Run: `deno run -A scripts/lab/capture_runtime.ts [LINE...]` (e.g. `3.2`; default: every release). The
 * lab's temp dir is replaced by {@linkcode LAB_DIR_PLACEHOLDER} in what is written, so fixtures name files the
 * same way on every capture; addresses, ports, pids and dates are real.
 *
 * @module
 */
import { oneShot } from "./net.ts";
import { provideAll } from "./releases.ts";
import {
  BAD_REQUESTS,
  INITIAL_ACL,
  INITIAL_MAP,
  MAP_DEFAULT,
  RUNTIME_NAMES,
  type RuntimeLab,
  startRuntimeLab,
  untilNotBusy,
} from "./runtime_lab.ts";
import { captureLevels } from "./capture_levels.ts";
import { releaseLine } from "../../src/runtime/version.ts";

/** What replaces the lab's temp dir in every fixture. */
export const LAB_DIR_PLACEHOLDER = "/tmp/hatop-lab-XXXXXXXX";

/** Requests the scenario sends to fe_rt, by path, in this order. */
export const SCENARIO_REQUESTS: readonly (readonly [string, number])[] = [["/api", 3], ["/bump", 2]];

/** The map entry the scenario adds, then changes, then deletes. */
export const SCENARIO_MAP_ENTRY = { key: "/new", value: "fresh", changed: "changed" } as const;

/** The ACL pattern the scenario adds (the lab's own address: fe_rt then denies its requests), then deletes. */
export const SCENARIO_ACL_PATTERN = "127.0.0.1";

const ROOT = new URL("../../", import.meta.url).pathname;

/** Runs the scenario on a started lab and returns the replies by fixture name, and the scenario record. */
async function playScenario(lab: RuntimeLab): Promise<{ replies: Map<string, string>; record: object }> {
  const replies = new Map<string, string>();
  const commands: Record<string, string> = {};
  const run = async (name: string, cmd: string) => {
    commands[name] = cmd;
    replies.set(name, await lab.command(cmd));
    return replies.get(name)!;
  };
  const { mapFile, aclFile, tls } = lab.layout;
  const t = RUNTIME_NAMES.table;
  for (const [path, n] of SCENARIO_REQUESTS) await lab.sendRequests(n, path);
  await using held = await lab.holdConnection();
  const sessionId = held.sessionId;
  await run("show-sess", "show sess");
  await run("show-sess-id", `show sess ${sessionId}`);
  await run("show-sess-missing", "show sess 0x1");
  await run("show-table", "show table");
  await run("show-table-entries", `show table ${t}`);
  commands["show-table-entries-user"] = `show table ${t}`;
  replies.set(
    "show-table-entries-user",
    await oneShot(lab.sockets.user, commands["show-table-entries-user"]),
  );
  await run("show-table-filter", `show table ${t} data.gpc0 gt 0`);
  await run("show-table-filter-none", `show table ${t} data.gpc0 gt 5`);
  await run("show-table-key", `show table ${t} key 127.0.0.1`);
  await run("show-table-key-missing", `show table ${t} key 10.9.9.9`);
  await run("show-table-bad-filter", `show table ${t} data.nosuchtype gt 0`);
  await run("show-table-missing", "show table nosuchtable");
  await run("show-map", "show map");
  await run("show-map-entries", `show map ${mapFile}`);
  const e = SCENARIO_MAP_ENTRY;
  await run("add-map", `add map ${mapFile} ${e.key} ${e.value}`);
  await run("show-map-added", `show map ${mapFile}`);
  const addedBody = (await lab.get(e.key)).body;
  await run("set-map", `set map ${mapFile} ${e.key} ${e.changed}`);
  await run("show-map-set", `show map ${mapFile}`);
  const changedBody = (await lab.get(e.key)).body;
  await run("del-map", `del map ${mapFile} ${e.key}`);
  await run("show-map-deleted", `show map ${mapFile}`);
  await run("del-map-missing", `del map ${mapFile} ${e.key}`);
  await run("show-map-missing", "show map /no/such.map");
  await run("show-acl", "show acl");
  await run("show-acl-entries", `show acl ${aclFile}`);
  await run("add-acl", `add acl ${aclFile} ${SCENARIO_ACL_PATTERN}`);
  await run("show-acl-added", `show acl ${aclFile}`);
  const deniedStatus = (await lab.get("/")).status;
  await run("del-acl", `del acl ${aclFile} ${SCENARIO_ACL_PATTERN}`);
  const allowedStatus = (await lab.get("/")).status;
  await run("show-ssl-cert", "show ssl cert");
  for (const c of tls.certificates) await run(`show-ssl-cert-exp${c.days}`, `show ssl cert ${c.file}`);
  await run("show-ssl-cert-missing", "show ssl cert /no/such.pem");
  await run("show-errors", "show errors");
  await run("show-info", "show info");
  await run("show-activity", "show activity");
  await run("show-threads", "show threads");
  await run("show-pools", "show pools");
  await run("show-resolvers", "show resolvers");
  await run("show-peers", "show peers");
  await run("show-events", "show events");
  await run("show-events-ring", `show events ${RUNTIME_NAMES.ring}`);
  await run("show-version", "show version");
  await run("show-cli-level", "show cli level");
  await run("help", "help");
  const helpSameAtUser = (await oneShot(lab.sockets.user, "help")) === replies.get("help");
  await run("unknown-command", "show nosuchthing");
  commands["clear-table"] = `clear table ${t} key 127.0.0.1`;
  replies.set("clear-table", await untilNotBusy(() => lab.command(commands["clear-table"])));
  await run("show-table-cleared", `show table ${t}`);
  const record = {
    version: lab.version,
    node: lab.layout.node,
    names: RUNTIME_NAMES,
    initialMap: INITIAL_MAP,
    initialAcl: INITIAL_ACL,
    mapDefault: MAP_DEFAULT,
    badRequests: BAD_REQUESTS,
    capturedAt: new Date().toISOString(),
    ports: lab.layout.ports,
    store: lab.layout.store,
    requests: Object.fromEntries(SCENARIO_REQUESTS),
    held: { clientPort: held.localPort, sessionId },
    mapFile,
    aclFile,
    mapEntry: { ...e, addedBody, changedBody },
    aclPattern: { pattern: SCENARIO_ACL_PATTERN, deniedStatus, allowedStatus },
    helpSameAtUser,
    caCommonName: tls.caCommonName,
    certificates: tls.certificates,
    commands,
  };
  return { replies, record };
}

/** Captures one release into `tests/fixtures/runtime/<line>/`. */
async function captureRelease(binary: string): Promise<string> {
  Deno.env.set("HATOP_HAPROXY", binary);
  await using lab = await startRuntimeLab();
  const { replies, record } = await playScenario(lab);
  const levels = await captureLevels(lab);
  const anonymise = (text: string) => text.replaceAll(lab.dir, LAB_DIR_PLACEHOLDER);
  const out = `${ROOT}tests/fixtures/runtime/${releaseLine(lab.version)}`;
  await Deno.remove(out, { recursive: true }).catch(() => {});
  await Deno.mkdir(out, { recursive: true });
  for (const [name, text] of replies) await Deno.writeTextFile(`${out}/${name}.txt`, anonymise(text));
  await Deno.writeTextFile(`${out}/scenario.json`, anonymise(JSON.stringify(record, null, 2)) + "\n");
  await Deno.writeTextFile(`${out}/levels.txt`, anonymise(levels));
  return `${lab.version}: ${replies.size + 3} files in ${out.slice(ROOT.length)}`;
}

if (import.meta.main) {
  let failed = false;
  for (const p of await provideAll(Deno.args)) {
    if ("error" in p) {
      console.error(`${p.release.line}: not available: ${p.error}`);
      failed = true;
      continue;
    }
    try {
      console.log(await captureRelease(p.binary));
    } catch (e) {
      console.error(`${p.release.line}: capture failed: ${(e as Error).message}`);
      failed = true;
    }
  }
  Deno.exit(failed ? 1 : 0);
}
