import assert from "node:assert/strict";
import {
  describeRemoteSocket,
  describeSshFailure,
  forwardFailed,
  parseProbe,
  probeArgv,
  splitCommandLine,
  sshCommand,
  tunnelArgv,
} from "../../src/haproxy/ssh_command.ts";
import type { SshAddress } from "../../src/haproxy/address.ts";

const LB1: SshAddress = { transport: "ssh", host: "lb1", path: "/run/haproxy/admin.sock" };
const FULL: SshAddress = { transport: "ssh", user: "ops", host: "10.0.0.7", port: 2222, path: "/run/h.sock" };

Deno.test("splitCommandLine splits like a shell, with quotes and backslashes but no expansion", () => {
  assert.deepEqual(splitCommandLine("ssh"), ["ssh"]);
  assert.deepEqual(splitCommandLine("  ssh   -F /a/b\t-v "), ["ssh", "-F", "/a/b", "-v"]);
  assert.deepEqual(splitCommandLine(`ssh -F '/my dir/$HOME' -o "User=a \\"b\\" \\x"`), [
    "ssh",
    "-F",
    "/my dir/$HOME",
    "-o",
    'User=a "b" \\x',
  ]);
  assert.deepEqual(splitCommandLine("a\\ b c''d \"\""), ["a b", "cd", ""]);
  assert.deepEqual(splitCommandLine("~/bin/ssh"), ["~/bin/ssh"]);
  assert.deepEqual(splitCommandLine(""), []);
  assert.throws(() => splitCommandLine("ssh -F 'x"), /unterminated ' quote/);
  assert.throws(() => splitCommandLine('ssh -F "x'), /unterminated " quote/);
  assert.throws(() => splitCommandLine("ssh \\"), /trailing backslash/);
});

Deno.test("sshCommand: HATOP_SSH_COMMAND, else plain ssh; a bad value names the variable", () => {
  assert.deepEqual(sshCommand(undefined), ["ssh"]);
  assert.deepEqual(sshCommand("   "), ["ssh"]);
  assert.deepEqual(sshCommand("/usr/bin/ssh -F /etc/hatop/ssh_config"), [
    "/usr/bin/ssh",
    "-F",
    "/etc/hatop/ssh_config",
  ]);
  assert.throws(() => sshCommand("ssh 'x"), {
    message: "HATOP_SSH_COMMAND cannot be read: unterminated ' quote",
  });
});

Deno.test("tunnelArgv: fixed options first, then the user's, then overridable defaults, -L and the host last", () => {
  assert.deepEqual(
    tunnelArgv(["ssh", "-F", "/c", "-o", "ServerAliveInterval=60"], FULL, "/tmp/d/socket", 5000),
    [
      "ssh",
      ...["-o", "BatchMode=yes", "-o", "ControlMaster=no", "-o", "ControlPath=none"],
      ...["-F", "/c", "-o", "ServerAliveInterval=60"],
      ...["-o", "ConnectTimeout=5", "-o", "ServerAliveInterval=10", "-o", "ServerAliveCountMax=3"],
      ...["-o", "LogLevel=INFO", "-p", "2222", "-l", "ops"],
      ...["-o", "ExitOnForwardFailure=yes", "-o", "StreamLocalBindUnlink=yes"],
      ...["-N", "-L", "/tmp/d/socket:/run/h.sock", "--", "10.0.0.7"],
    ],
  );
  const plain = tunnelArgv(["ssh"], LB1, "/tmp/e/socket", 1500);
  assert.ok(!plain.includes("-p") && !plain.includes("-l"), "no port or user: the ssh config decides");
  assert.ok(plain.includes("ConnectTimeout=2"), "the timeout rounds up to whole seconds");
  assert.deepEqual(plain.slice(-5), ["-N", "-L", "/tmp/e/socket:/run/haproxy/admin.sock", "--", "lb1"]);
});

Deno.test("probeArgv: a read-only test of the path as the remote command; none for a path needing quotes", () => {
  const argv = probeArgv(["ssh"], FULL, 5000)!;
  assert.deepEqual(argv.slice(-2), ["10.0.0.7", argv.at(-1)]);
  assert.ok(!argv.includes("-N") && !argv.includes("-L"));
  assert.equal(
    argv.at(-1),
    "test -e /run/h.sock && echo hatop-probe:exists; test -S /run/h.sock && echo hatop-probe:socket; " +
      "test -w /run/h.sock && echo hatop-probe:writable; echo hatop-probe:done",
  );
  assert.equal(probeArgv(["ssh"], { ...LB1, path: "/tmp/a b.sock" }, 5000), undefined);
  assert.equal(probeArgv(["ssh"], { ...LB1, path: "/tmp/$(reboot)" }, 5000), undefined);
});

Deno.test("parseProbe reads the marked lines, ignoring a banner; undefined without the last mark", () => {
  assert.deepEqual(parseProbe("Welcome to lb1\nhatop-probe:exists\nhatop-probe:socket\nhatop-probe:done\n"), {
    exists: true,
    socket: true,
    writable: false,
  });
  assert.deepEqual(parseProbe("hatop-probe:done\n"), { exists: false, socket: false, writable: false });
  assert.equal(parseProbe("This account is restricted.\n"), undefined);
  assert.equal(parseProbe(""), undefined);
});

Deno.test("describeSshFailure names the host and what to check, from OpenSSH 9.2's own messages", () => {
  const cases: [string, number, string][] = [
    [
      "Warning: Permanently added '[127.0.0.1]:22222' (ED25519) to the list of known hosts.\n" +
      "root@127.0.0.1: Permission denied (publickey).\n",
      255,
      "ssh authentication to root@127.0.0.1 was refused (Permission denied (publickey)): check that your key " +
      "or ssh agent is accepted there; hatop never asks for a password",
    ],
    [
      "Host key verification failed.\n",
      255,
      "the host key of lb1 is unknown or has changed (Host key verification failed): check it, and accept it " +
      'by connecting once with "ssh lb1"',
    ],
    [
      "ssh: Could not resolve hostname lb1: Name or service not known\n",
      255,
      "ssh cannot resolve the host name lb1 (Name or service not known): check the name, or a Host entry in " +
      "your ssh config",
    ],
    [
      "ssh: connect to host 127.0.0.1 port 22299: Connection refused\n",
      255,
      "ssh cannot reach 127.0.0.1 port 22299: connection refused (is sshd running there, on that port?)",
    ],
    [
      "ssh: connect to host 10.1.2.3 port 22: No route to host\n",
      255,
      "ssh cannot reach 10.1.2.3 port 22: no route to host (check the network path to it)",
    ],
    [
      "Connection timed out during banner exchange\nConnection to 10.255.255.1 port 22 timed out\n",
      255,
      "ssh got no answer from lb1 in time (Connection timed out during banner exchange): check the host and " +
      "the network, or raise -T",
    ],
    [
      "Connection closed by 127.0.0.1 port 22\n",
      255,
      "lb1 closed the ssh connection (Connection closed by 127.0.0.1 port 22): check sshd's log there",
    ],
    [
      "unix_listener: cannot bind to path /tmp/x/socket: No such file or directory\n" +
      "Could not request local forwarding.\n",
      255,
      "ssh could not listen on its local socket (unix_listener: cannot bind to path /tmp/x/socket: No such " +
      "file or directory): check TMPDIR",
    ],
    [
      "sh: 1: ssh: not found\n",
      127,
      'cannot run "ssh" (not found): install the OpenSSH client, or set HATOP_SSH_COMMAND',
    ],
    [
      "command-line line 0: Bad configuration option: nosuchoption\n",
      255,
      "ssh to lb1 exited with code 255 (command-line line 0: Bad configuration option: nosuchoption): check " +
      "your ssh config and HATOP_SSH_COMMAND",
    ],
    ["", 1, "ssh to lb1 exited with code 1: check your ssh config and HATOP_SSH_COMMAND"],
  ];
  for (const [stderr, code, want] of cases) assert.equal(describeSshFailure(LB1, stderr, code), want);
  assert.match(describeSshFailure(FULL, "", 1), /^ssh to 10\.0\.0\.7 port 2222 exited with code 1/);
});

Deno.test("describeRemoteSocket: which of missing, not a socket, not writable, refused; all of them unprobed", () => {
  const probe = (exists: boolean, socket: boolean, writable: boolean) => ({ exists, socket, writable });
  assert.equal(
    describeRemoteSocket(LB1, probe(false, false, false), true),
    "remote socket /run/haproxy/admin.sock missing on lb1 (or not visible to the ssh user): is HAProxy " +
      'running there with "stats socket /run/haproxy/admin.sock"?',
  );
  assert.equal(
    describeRemoteSocket(LB1, probe(true, false, true), true),
    "/run/haproxy/admin.sock on lb1 is not a socket: check the path",
  );
  assert.match(
    describeRemoteSocket(LB1, probe(true, true, false), true),
    /^remote socket \/run\/haproxy\/admin\.sock on lb1 is not accessible to the ssh user \(permission denied\)/,
  );
  assert.match(
    describeRemoteSocket(LB1, probe(true, true, true), true),
    /^lb1 refused to forward to \/run\/haproxy\/admin\.sock, or nothing listens on it: check AllowStreamLocalForwarding/,
  );
  assert.match(
    describeRemoteSocket(LB1, probe(true, true, true), false),
    /closed the connection before the prompt \(is it an HAProxy stats socket\?\)$/,
  );
  assert.match(
    describeRemoteSocket(LB1, undefined, true),
    /^remote socket \/run\/haproxy\/admin\.sock missing or not accessible on lb1, or forwarding refused/,
  );
});

Deno.test("forwardFailed spots ssh's notice of a forwarded connection it could not open", () => {
  assert.ok(forwardFailed("channel 2: open failed: connect failed: open failed\n"));
  assert.ok(forwardFailed("channel 1: open failed: administratively prohibited: open failed\n"));
  assert.ok(
    !forwardFailed("Warning: Permanently added '[127.0.0.1]:2222' (ED25519) to the list of known hosts.\n"),
  );
});
