/**
 * The detail view's charts under real traffic: while the monitor records a real HAProxy, the test sends
 * requests through it to one server at a steady pace, then stops. Live, the server's sessions/s chart rises
 * while the traffic runs and falls to 0 after it, its max within the rates the test computed from what it
 * sent (see `near`); the recording replayed at a moment in the traffic shows the chart up to that moment (rebuilt from
 * the recorded moments before it), and at the end the same rise and fall.
 *
 * @module
 */
import { assert } from "../support/assert.ts";
import { HTTP_DEFAULTS, type LabContext, startLab } from "../support/lab.ts";
import { startHatop } from "../support/program.ts";
import { moveTo } from "../support/mixed_monitor.ts";
import { recordingDir } from "../support/recording.ts";
import type { TmuxSession } from "../support/tmux.ts";
import { httpGet } from "../../scripts/lab/traffic.ts";

/** The sessions/s chart's title in the detail view: its max and its value now. */
function sessionsChart(screen: string): { max: number; now: number } | undefined {
  const m = screen.match(/sessions\/s: max (\S+) min \S+ now (\S+)/);
  return m ? { max: Number(m[1]), now: Number(m[2]) } : undefined;
}

/**
 * Whether the chart's max is the rate the test sent at: at least half its average rate (a whole point of the
 * chart lies inside the traffic), at most twice its highest rate over any second (a point is HAProxy's
 * count between two replies over the monitor's time between them: under load a reply that comes late moves
 * that by the delay over the point's 1 to 5 s, never by a factor of two).
 */
const near = (value: number, sent: Traffic) => value >= 0.5 * sent.rate && value <= 2 * sent.peak;

/** What the test sent: how many requests, at what average rate, and the most in any one second. */
interface Traffic {
  readonly sent: number;
  readonly rate: number;
  readonly peak: number;
}

/** The most of `times` (ms, ascending) within any `windowMs`, as a rate per second. */
function peakRate(times: readonly number[], windowMs: number): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most / (windowMs / 1000);
}

/** Opens the detail view of be_chart/web. */
async function openWeb(tmux: TmuxSession, lab: Parameters<typeof moveTo>[1]) {
  await tmux.waitFor((s) => /^web\s/m.test(s));
  await moveTo(tmux, lab, "be_chart", "web");
  await tmux.send("i");
  return await tmux.waitFor((s) => s.includes("be_chart/web") && sessionsChart(s) !== undefined);
}

/**
 * Requests to `port` for `ms`, the next one `everyMs` after the previous one was sent (never sooner: a request
 * that came late is not made up for by a burst); returns what was sent.
 */
async function steadyTraffic(port: number, everyMs: number, ms: number): Promise<Traffic> {
  const start = performance.now();
  const times: number[] = [];
  while (performance.now() - start < ms) {
    const at = performance.now();
    times.push(at);
    const reply = await httpGet(port);
    assert(reply.status === 200, reply.raw);
    // Paced, not waiting for anything: the traffic is generated at a rate.
    const due = at + everyMs - performance.now();
    if (due > 0) await new Promise((r) => setTimeout(r, due));
  }
  const sent = times.length;
  return { sent, rate: sent / ((performance.now() - start) / 1000), peak: peakRate(times, 1000) };
}

Deno.test("charts: a server's sessions/s rises and falls with the traffic sent, live and in replay", async () => {
  let front = 0;
  await using lab = await startLab(async ({ port }: LabContext) => {
    front = await port();
    const app = await port();
    return `${HTTP_DEFAULTS}
frontend fe_chart
    bind 127.0.0.1:${front}
    default_backend be_chart

backend be_chart
    server web 127.0.0.1:${app}

frontend app
    bind 127.0.0.1:${app}
    http-request return status 200 content-type text/plain string ok
`;
  });
  await using tmp = await recordingDir();
  const file = `${tmp.dir}/traffic.rec`;
  const size = { columns: 120, rows: 40 };
  let sent: Traffic;
  let started: number;
  {
    await using tmux = await startHatop(["-s", lab.sockets.admin, "-i", "1", "--record", file], size);
    await openWeb(tmux, lab);
    started = Date.now();
    const traffic = steadyTraffic(front, 100, 12_000);
    // It rises while the traffic runs (about 10 sessions a second).
    await tmux.waitFor((s) => (sessionsChart(s)?.now ?? 0) >= 5);
    sent = await traffic;
    // It falls to 0 after (once a point after the traffic began), its max the rate sent.
    const after = await tmux.waitFor((s) => sessionsChart(s)?.now === 0, 20_000);
    const live = sessionsChart(after)!;
    assert(near(live.max, sent), `live max ${live.max}, sent ${JSON.stringify(sent)}`);
    await tmux.sendText("i");
    await tmux.waitFor(/^NAME\s+W STATUS/m);
    await tmux.sendText("q");
    assert((await tmux.exitStatus()) === 0);
  }
  {
    // Replayed near the end of the traffic (a full point of it is behind): the chart up to then, high.
    const during = new Date(started + 11_500).toISOString();
    await using tmux = await startHatop(["--replay", file, "--at", during], size);
    const shown = sessionsChart(await openWeb(tmux, lab))!;
    assert(
      shown.now >= 5 && near(shown.max, sent),
      `replay at ${during}: ${JSON.stringify({ shown, sent })}`,
    );
  }
  {
    // Replayed at its end: the same rise and fall.
    await using tmux = await startHatop(["--replay", file, "--at", "-0s"], size);
    const end = sessionsChart(await openWeb(tmux, lab))!;
    assert(end.now === 0 && near(end.max, sent), `replay at the end: ${JSON.stringify({ end, sent })}`);
  }
});
