/**
 * What each privilege level may run, found out on the real lab: every command hatop reads is sent on the
 * user, operator and admin sockets, and every write is tried on each and then checked on the admin socket
 * (was it applied?) and undone. HAProxy's reply alone does not tell: 2.2 answers an `add map` at level user
 * with an empty line and applies it.
 *
 * @module
 */
import { oneShot } from "./net.ts";
import { RUNTIME_NAMES, type RuntimeLab, untilNotBusy } from "./runtime_lab.ts";

/** The socket levels, lowest first. */
export const LEVELS = ["user", "operator", "admin"] as const;
/** One socket level. */
export type SocketLevel = (typeof LEVELS)[number];

/** A command as written in `levels.txt` (placeholders in `<>`), and the line actually sent. */
interface ReadProbe {
  readonly syntax: string;
  readonly line: (lab: RuntimeLab, sessionId: string) => string;
}

/** A write: sent at one level, then checked and undone at level admin. */
interface WriteProbe {
  readonly syntax: string;
  readonly line: (lab: RuntimeLab, level: SocketLevel, sessionId: string) => string;
  /** Before the try (at admin): make sure there is something to change. */
  readonly before?: (lab: RuntimeLab, level: SocketLevel) => Promise<unknown>;
  readonly applied: (lab: RuntimeLab, level: SocketLevel, sessionId: string) => Promise<boolean>;
  readonly undo: (lab: RuntimeLab, level: SocketLevel) => Promise<unknown>;
}

const T = RUNTIME_NAMES.table;
const mapHas = async (lab: RuntimeLab, line: string) =>
  (await lab.command(`show map ${lab.layout.mapFile}`)).split("\n").some((l) => l.endsWith(` ${line}`));
const aclHas = async (lab: RuntimeLab, pattern: string) =>
  (await lab.command(`show acl ${lab.layout.aclFile}`)).split("\n").some((l) => l.endsWith(` ${pattern}`));
const probeAddress = (level: SocketLevel) => `203.0.113.${LEVELS.indexOf(level) + 1}`;

const READS: readonly ReadProbe[] = [
  ["show sess", () => "show sess"],
  ["show sess <id>", (_: RuntimeLab, id: string) => `show sess ${id}`],
  ["show table", () => "show table"],
  ["show table <name>", () => `show table ${T}`],
  ["show table <name> data.<type> <op> <value>", () => `show table ${T} data.gpc0 ge 0`],
  ["show table <name> key <key>", () => `show table ${T} key 127.0.0.1`],
  ["show map", () => "show map"],
  ["show map <file>", (lab: RuntimeLab) => `show map ${lab.layout.mapFile}`],
  ["show acl", () => "show acl"],
  ["show acl <file>", (lab: RuntimeLab) => `show acl ${lab.layout.aclFile}`],
  ["show ssl cert", () => "show ssl cert"],
  ["show ssl cert <file>", (lab: RuntimeLab) => `show ssl cert ${lab.layout.tls.certificates[0].file}`],
  ["show errors", () => "show errors"],
  ["show info", () => "show info"],
  ["show activity", () => "show activity"],
  ["show threads", () => "show threads"],
  ["show pools", () => "show pools"],
  ["show resolvers", () => "show resolvers"],
  ["show peers", () => "show peers"],
  ["show events", () => "show events"],
  ["show events <sink>", () => `show events ${RUNTIME_NAMES.ring}`],
  ["show version", () => "show version"],
  ["show cli level", () => "show cli level"],
  ["help", () => "help"],
].map(([syntax, line]) => ({ syntax, line } as ReadProbe));

const WRITES: readonly WriteProbe[] = [
  {
    syntax: "add map <file> <key> <value>",
    line: (lab, level) => `add map ${lab.layout.mapFile} /probe-${level} ${level}`,
    applied: (lab, level) => mapHas(lab, `/probe-${level} ${level}`),
    undo: (lab, level) => lab.command(`del map ${lab.layout.mapFile} /probe-${level}`),
  },
  {
    syntax: "set map <file> <key> <value>",
    line: (lab, level) => `set map ${lab.layout.mapFile} /api set-by-${level}`,
    applied: (lab, level) => mapHas(lab, `/api set-by-${level}`),
    undo: (lab) => lab.command(`set map ${lab.layout.mapFile} /api api`),
  },
  {
    syntax: "del map <file> <key>",
    line: (lab) => `del map ${lab.layout.mapFile} /static`,
    applied: async (lab) => !(await mapHas(lab, "/static static")),
    undo: async (lab) =>
      (await mapHas(lab, "/static static")) || lab.command(`add map ${lab.layout.mapFile} /static static`),
  },
  {
    syntax: "add acl <file> <pattern>",
    line: (lab, level) => `add acl ${lab.layout.aclFile} ${probeAddress(level)}`,
    applied: (lab, level) => aclHas(lab, probeAddress(level)),
    undo: (lab, level) => lab.command(`del acl ${lab.layout.aclFile} ${probeAddress(level)}`),
  },
  {
    syntax: "del acl <file> <pattern>",
    line: (lab) => `del acl ${lab.layout.aclFile} 192.0.2.1`,
    applied: async (lab) => !(await aclHas(lab, "192.0.2.1")),
    undo: async (lab) =>
      (await aclHas(lab, "192.0.2.1")) || lab.command(`add acl ${lab.layout.aclFile} 192.0.2.1`),
  },
  {
    // A key of its own per level: on 3.0.11 a refused clear leaves its entry referenced for good.
    syntax: "clear table <name> key <key>",
    line: (_, level) => `clear table ${T} key ${probeAddress(level)}`,
    before: (lab, level) => lab.command(`set table ${T} key ${probeAddress(level)} data.gpc0 1`),
    applied: async (lab, level) =>
      !(await lab.command(`show table ${T}`)).includes(` key=${probeAddress(level)} `),
    undo: (lab, level) => untilNotBusy(() => lab.command(`clear table ${T} key ${probeAddress(level)}`)),
  },
  {
    syntax: "shutdown session <id>",
    line: (_, _level, id) => `shutdown session ${id}`,
    applied: async (lab, _level, id) => {
      // The stream is woken up and ends asynchronously: wait for it to go, but not forever.
      const deadline = Date.now() + 3000;
      for (;;) {
        if (!(await lab.command("show sess")).includes(`${id}:`)) return true;
        if (Date.now() > deadline) return false;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    undo: () => Promise.resolve(),
  },
];

/** HAProxy's refusal printed inside data: `show table <name>` at level user prints the header, then this. */
const REFUSED_INSIDE = /^# contents not dumped due to insufficient privileges/;

/** The reply's first line, or the line where HAProxy refused inside its reply; "(empty)" for "". */
function verdictLine(reply: string): string {
  const lines = reply.split("\n");
  const line = lines.find((l) => REFUSED_INSIDE.test(l)) ?? lines[0];
  return line === "" ? "(empty)" : line;
}

/**
 * Runs every probe at every level and returns `levels.txt`: a header, then one line per command and level,
 * `<command>\t<level>\t<effect>\t<verdict line>`, effect `applied`/`not applied` for writes and `-` for
 * reads; the verdict line is the reply's first line, or the line where HAProxy refused inside its reply, and
 * `(empty)` for an empty one.
 */
export async function captureLevels(lab: RuntimeLab): Promise<string> {
  const rows = [
    "# What each socket level may run, tried on the real lab (scripts/lab/capture_levels.ts).",
    "# command\tlevel\teffect (writes: applied or not, checked at level admin)\tfirst line of the reply, or its refusal line",
  ];
  const reading = await lab.holdConnection();
  await lab.get("/"); // An entry for 127.0.0.1 to show.
  for (const probe of READS) {
    for (const level of LEVELS) {
      const reply = await oneShot(lab.sockets[level], probe.line(lab, reading.sessionId));
      rows.push([probe.syntax, level, "-", verdictLine(reply)].join("\t"));
    }
  }
  await reading.close();
  for (const probe of WRITES) {
    for (const level of LEVELS) {
      const held = await lab.holdConnection();
      const id = held.sessionId;
      await probe.before?.(lab, level);
      const reply = await untilNotBusy(() => oneShot(lab.sockets[level], probe.line(lab, level, id)));
      const applied = await probe.applied(lab, level, id);
      await probe.undo(lab, level);
      await held.close();
      rows.push([probe.syntax, level, applied ? "applied" : "not applied", verdictLine(reply)].join("\t"));
    }
  }
  return rows.join("\n") + "\n";
}
