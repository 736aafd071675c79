/**
 * HAProxy's side for the run loop's unit tests: a fake peer (tests/support/fake_peer.ts) answering `show
 * info` and `show stat` as a small HAProxy would, whose answers a test can hold back, and a client on it.
 *
 * @module
 */
import { HaproxyClient } from "../../../src/haproxy/client.ts";
import type { MonitorInstance } from "../../../src/app/edge/send.ts";
import { type Act, handshake, withFakePeer } from "../../support/fake_peer.ts";

/** A reply in prompt mode: the text, then the prompt. */
export const reply = (text: string): string[] => [`${text}\n`, "\n> "];

export const INFO = "Name: HAProxy\nVersion: 2.6.12\nPid: 42\nnode: fake";
export const STAT =
  "# pxname,svname,status,weight,iid,sid,type,\nbe,s1,UP,10,2,1,2,\nbe,BACKEND,UP,10,2,0,1,";

/** A gate: answers wait on it until the test opens it. */
export class Gate {
  #open!: () => void;
  readonly opened = new Promise<void>((r) => (this.#open = r));
  /** Lets the answers waiting on it go. */
  open(): void {
    this.#open();
  }
}

/** Answers as a small HAProxy does; `hold(command)` may hold an answer back until a gate opens. */
export function haproxy(
  hold: (command: string) => Gate | undefined = () => undefined,
  other: Act = () => reply(""),
): Act {
  return handshake(async (command) => {
    await hold(command)?.opened;
    if (command === "show info") return reply(INFO);
    if (command === "show stat") return reply(STAT);
    if (command === "show cli level") return reply("admin");
    return await other(command);
  });
}

/** Runs `body` with an instance whose client talks to a fake peer acting as `act`; returns what it was sent. */
export async function withInstance(
  id: string,
  act: Act,
  body: (instance: MonitorInstance) => Promise<void>,
): Promise<string[]> {
  return await withFakePeer(act, async (path) => {
    const client = new HaproxyClient({ transport: "unix", path }, { timeoutMs: 10_000 });
    await client.connect();
    try {
      await body({ id, client, statCommands: ["show stat"] });
    } finally {
      await client.close();
    }
  });
}

/** The commands a peer saw between the handshake and the client's `quit`, without the level probe. */
export function commandsSeen(seen: readonly string[]): string[] {
  return seen.filter((c) => !["prompt", "set timeout cli 60", "show cli level", "quit"].includes(c));
}
