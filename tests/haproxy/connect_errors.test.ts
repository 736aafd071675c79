import assert from "node:assert/strict";
import { describeConnectError, HaproxyClient } from "../../src/haproxy/client.ts";
import { HaproxyError } from "../../src/haproxy/errors.ts";
import { closedPort } from "../support/lab.ts";
import { poll } from "../support/poll.ts";

/** Connects a fresh client to addr and returns the HaproxyError("connect") message it fails with. */
async function connectError(addr: ConstructorParameters<typeof HaproxyClient>[0]): Promise<string> {
  const client = new HaproxyClient(addr, { timeoutMs: 2000 });
  try {
    await client.connect();
  } catch (err) {
    assert.ok(err instanceof HaproxyError, `not a HaproxyError: ${err}`);
    assert.equal(err.kind, "connect");
    assert.ok(!err.message.includes("\n"), "one line");
    assert.equal(client.status.connected, false);
    assert.equal(client.status.lastError, err.message);
    return err.message;
  } finally {
    await client.close();
  }
  throw new Error("connect() succeeded");
}

Deno.test("connect: a missing socket path", async () => {
  const dir = await Deno.makeTempDir({ prefix: "hatop-test-" });
  try {
    assert.equal(
      await connectError({ transport: "unix", path: `${dir}/nope.sock` }),
      `cannot connect to ${dir}/nope.sock: no such file (is HAProxy running with "stats socket ${dir}/nope.sock"?)`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("connect: a regular file and a directory are not sockets", async () => {
  const dir = await Deno.makeTempDir({ prefix: "hatop-test-" });
  try {
    await Deno.writeTextFile(`${dir}/file`, "not a socket\n");
    assert.equal(
      await connectError({ transport: "unix", path: `${dir}/file` }),
      `cannot connect to ${dir}/file: it is a regular file, not a socket`,
    );
    assert.equal(
      await connectError({ transport: "unix", path: dir }),
      `cannot connect to ${dir}: it is a directory, not a socket`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("connect: nothing listening on a TCP port", async () => {
  const port = await closedPort();
  assert.equal(
    await connectError({ transport: "tcp", hostname: "127.0.0.1", port }),
    `cannot connect to 127.0.0.1:${port}: connection refused (nothing is listening on this port)`,
  );
});

Deno.test("connect: a unix socket file with nothing listening", async () => {
  const dir = await Deno.makeTempDir({ prefix: "hatop-test-" });
  try {
    // Closing a Deno listener unlinks its socket file; a hard link to it stays behind as a stale socket.
    const path = `${dir}/stale.sock`;
    const listener = Deno.listen({ transport: "unix", path: `${dir}/live.sock` });
    await Deno.link(`${dir}/live.sock`, path);
    listener.close();
    assert.equal((await Deno.stat(path)).isSocket, true);
    // The close takes effect in the runtime a moment later: until then a connection may still be queued.
    await poll("the closed listener to refuse connections", 10_000, async () => {
      try {
        (await Deno.connect({ transport: "unix", path })).close();
        return undefined;
      } catch (e) {
        return e instanceof Deno.errors.ConnectionRefused ? true : undefined;
      }
    });
    assert.equal(
      await connectError({ transport: "unix", path }),
      `cannot connect to ${path}: connection refused (nothing is listening on this socket; is HAProxy running?)`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("describeConnectError maps each cause to its message", () => {
  const unix = { transport: "unix" as const, path: "/run/haproxy/admin.sock" };
  const tcp = { transport: "tcp" as const, hostname: "::1", port: 9999 };
  const where = "cannot connect to /run/haproxy/admin.sock";
  assert.equal(
    describeConnectError(unix, new Deno.errors.PermissionDenied("Permission denied (os error 13)")),
    `${where}: permission denied (check the socket's owner and mode, or run as a user allowed to use it)`,
  );
  assert.equal(
    describeConnectError(unix, new Deno.errors.NotCapable("Requires write access")),
    `${where}: not allowed by Deno (run with --allow-read --allow-write)`,
  );
  assert.equal(
    describeConnectError(tcp, new Deno.errors.NotCapable("Requires net access")),
    "cannot connect to [::1]:9999: not allowed by Deno (run with --allow-net)",
  );
  assert.equal(
    describeConnectError(unix, new Deno.errors.NotFound("No such file")),
    `${where}: no such file (is HAProxy running with "stats socket /run/haproxy/admin.sock"?)`,
  );
  assert.equal(describeConnectError(unix, new Error("x"), "other"), `${where}: it is not a socket`);
  assert.equal(
    describeConnectError(unix, new HaproxyError("timeout", 'no reply to "prompt" within 5 ms')),
    `${where}: no answer within the timeout (no reply to "prompt" within 5 ms)`,
  );
  assert.equal(
    describeConnectError(tcp, new Error("Host is unreachable (os error 113)\nmore")),
    "cannot connect to [::1]:9999: Host is unreachable",
  );
});

/** Hard-links (or copies) the deno binary somewhere a non-root user can run it. */
async function denoForOthers(dir: string): Promise<string> {
  const target = `${dir}/deno`;
  const source = await Deno.realPath(Deno.execPath());
  try {
    await Deno.link(source, target);
  } catch {
    await Deno.copyFile(source, target);
  }
  await Deno.chmod(target, 0o755);
  return target;
}

Deno.test("connect: a socket without permission (chmod 000), as a non-root user", async () => {
  const dir = await Deno.makeTempDir({ prefix: "hatop-test-" });
  await Deno.chmod(dir, 0o755);
  const path = `${dir}/locked.sock`;
  const listener = Deno.listen({ transport: "unix", path });
  try {
    await Deno.chmod(path, 0o000);
    const want = `cannot connect to ${path}: permission denied ` +
      "(check the socket's owner and mode, or run as a user allowed to use it)";
    if (Deno.uid() !== 0) {
      assert.equal(await connectError({ transport: "unix", path }), want);
      return;
    }
    // Root bypasses permission checks: run the same client as "nobody" in a child process.
    const home = `${dir}/home`;
    await Deno.mkdir(home, { mode: 0o777 });
    await Deno.chmod(home, 0o777);
    const deno = await denoForOthers(dir);
    const script = `
      import { HaproxyClient } from ${
      JSON.stringify(new URL("../../src/haproxy/client.ts", import.meta.url).href)
    };
      const client = new HaproxyClient({ transport: "unix", path: ${
      JSON.stringify(path)
    } }, { timeoutMs: 2000 });
      try { await client.connect(); console.log("connected"); }
      catch (err) { console.log(err.kind + ": " + err.message); }
      finally { await client.close(); }
    `;
    const out = await new Deno.Command("setpriv", {
      args: ["--reuid=65534", "--regid=65534", "--clear-groups", deno, "eval", "--quiet", script],
      env: { DENO_DIR: `${home}/cache`, HOME: home, NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stdout = new TextDecoder().decode(out.stdout).trim();
    assert.equal(stdout, `connect: ${want}`, new TextDecoder().decode(out.stderr));
  } finally {
    listener.close();
    await Deno.remove(dir, { recursive: true });
  }
});
