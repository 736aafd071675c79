/**
 * The ssh tunnel's start errors against a real sshd started by the test (no HAProxy needed: each case fails
 * before a prompt could come): each is one line naming the host and what to check, and leaves no ssh
 * process and no private directory behind.
 *
 * @module
 */
import assert from "node:assert/strict";
import { parseSshAddress } from "../../src/haproxy/address.ts";
import { HaproxyError } from "../../src/haproxy/errors.ts";
import { splitCommandLine } from "../../src/haproxy/ssh_command.ts";
import { SshTunnel } from "../../src/haproxy/ssh_tunnel.ts";
import { closedPort } from "../../scripts/lab/net.ts";
import { clientProcesses, type Sshd, startSshd } from "../support/sshd.ts";
import { poll } from "../support/poll.ts";

/** Connects a fresh tunnel to `url` with `command` and returns the one-line error it fails with. */
async function tunnelError(url: string, command: string, port: number): Promise<string> {
  const tunnel = new SshTunnel(parseSshAddress(url), { timeoutMs: 5000, command: splitCommandLine(command) });
  try {
    await tunnel.connect(true);
  } catch (err) {
    assert.ok(err instanceof HaproxyError, `not a HaproxyError: ${err}`);
    assert.equal(err.kind, "connect");
    assert.ok(!err.message.includes("\n"), `one line: ${err.message}`);
    return err.message;
  } finally {
    await tunnel.close();
    await noClientLeft(port);
  }
  throw new Error("connect() succeeded");
}

/** Waits until no ssh (or watchdog) of `port` runs and no private directory of hatop's is left. */
async function noClientLeft(port: number): Promise<void> {
  await poll(`no ssh client of port ${port}`, 10_000, () => clientProcesses(port).length === 0 || undefined, {
    detail: () => JSON.stringify(clientProcesses(port)),
  });
}

async function withSshd(config: string[], test: (sshd: Sshd, dir: string) => Promise<void>): Promise<void> {
  await using sshd = await startSshd({ config });
  const dir = await Deno.makeTempDir({ prefix: "hatop-remote-" });
  try {
    await test(sshd, dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("ssh tunnel: a key the server does not accept is an authentication error naming user and host", async () => {
  await withSshd([], async (sshd, dir) => {
    const message = await tunnelError(sshd.url(`${dir}/h.sock`), sshd.wrongKeyCommand, sshd.port);
    const user = Deno.env.get("USER") ?? "root";
    assert.equal(
      message,
      `cannot connect to ${sshd.url(`${dir}/h.sock`)}: ssh authentication to ${user}@127.0.0.1 was refused ` +
        `(Permission denied (publickey)): check that your key or ssh agent is accepted there; hatop never ` +
        `asks for a password`,
    );
  });
});

Deno.test("ssh tunnel: a port where no sshd listens says connection refused, naming host and port", async () => {
  const port = await closedPort();
  const url = `ssh://127.0.0.1:${port}/run/haproxy.sock`;
  assert.equal(
    await tunnelError(url, "ssh -F /dev/null", port),
    `cannot connect to ${url}: ssh cannot reach 127.0.0.1 port ${port}: connection refused (is sshd running ` +
      `there, on that port?)`,
  );
});

Deno.test("ssh tunnel: a missing remote socket, and a path that is no socket, are told apart", async () => {
  await withSshd([], async (sshd, dir) => {
    const missing = sshd.url(`${dir}/nope.sock`);
    assert.equal(
      await tunnelError(missing, sshd.sshCommand, sshd.port),
      `cannot connect to ${missing}: remote socket ${dir}/nope.sock missing on 127.0.0.1 (or not visible to ` +
        `the ssh user): is HAProxy running there with "stats socket ${dir}/nope.sock"?`,
    );
    await Deno.writeTextFile(`${dir}/file`, "");
    const file = sshd.url(`${dir}/file`);
    assert.equal(
      await tunnelError(file, sshd.sshCommand, sshd.port),
      `cannot connect to ${file}: ${dir}/file on 127.0.0.1 is not a socket: check the path`,
    );
  });
});

Deno.test("ssh tunnel: a server with AllowStreamLocalForwarding no is named as refusing to forward", async () => {
  await withSshd(["AllowStreamLocalForwarding no"], async (sshd, dir) => {
    // A socket that exists and listens: only the server's policy stands in the way.
    using _listener = Deno.listen({ transport: "unix", path: `${dir}/live.sock` });
    const url = sshd.url(`${dir}/live.sock`);
    assert.equal(
      await tunnelError(url, sshd.sshCommand, sshd.port),
      `cannot connect to ${url}: 127.0.0.1 refused to forward to ${dir}/live.sock, or nothing listens on it: ` +
        `check AllowStreamLocalForwarding in 127.0.0.1's sshd_config, and that HAProxy runs there`,
    );
    assert.match(await sshd.log(), /refused streamlocal port forward/, "the server did refuse");
  });
});

Deno.test("ssh tunnel: an ssh command that cannot be run says so and names HATOP_SSH_COMMAND", async () => {
  const port = await closedPort();
  const url = `ssh://127.0.0.1:${port}/run/haproxy.sock`;
  assert.equal(
    await tunnelError(url, "/nonexistent/ssh -p 1", port),
    `cannot connect to ${url}: cannot run "/nonexistent/ssh" (not found): install the OpenSSH client, or set ` +
      `HATOP_SSH_COMMAND`,
  );
});
