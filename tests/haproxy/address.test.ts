import assert from "node:assert/strict";
import {
  AddressError,
  describeAddress,
  parseSocketOption,
  parseSshAddress,
  parseTcpAddress,
} from "../../src/haproxy/address.ts";

Deno.test("parseTcpAddress accepts host:port", () => {
  assert.deepEqual(parseTcpAddress("127.0.0.1:9999"), {
    transport: "tcp",
    hostname: "127.0.0.1",
    port: 9999,
  });
  assert.deepEqual(parseTcpAddress("lb01.example.com:1"), {
    transport: "tcp",
    hostname: "lb01.example.com",
    port: 1,
  });
  assert.deepEqual(parseTcpAddress("localhost:65535"), {
    transport: "tcp",
    hostname: "localhost",
    port: 65535,
  });
  assert.deepEqual(parseTcpAddress("  localhost:80 "), { transport: "tcp", hostname: "localhost", port: 80 });
});

Deno.test("parseTcpAddress accepts [v6addr]:port", () => {
  assert.deepEqual(parseTcpAddress("[::1]:9999"), { transport: "tcp", hostname: "::1", port: 9999 });
  assert.deepEqual(parseTcpAddress("[fe80::1%eth0]:9999"), {
    transport: "tcp",
    hostname: "fe80::1%eth0",
    port: 9999,
  });
});

Deno.test("parseTcpAddress accepts ipv4@ and ipv6@ prefixes", () => {
  assert.deepEqual(parseTcpAddress("ipv4@127.0.0.1:9999"), {
    transport: "tcp",
    hostname: "127.0.0.1",
    port: 9999,
  });
  assert.deepEqual(parseTcpAddress("ipv6@[::1]:9999"), { transport: "tcp", hostname: "::1", port: 9999 });
  // HAProxy's own unbracketed form: the last ':' separates the port.
  assert.deepEqual(parseTcpAddress("ipv6@::1:9999"), { transport: "tcp", hostname: "::1", port: 9999 });
});

Deno.test("parseTcpAddress accepts unix@/path", () => {
  assert.deepEqual(parseTcpAddress("unix@/run/haproxy/admin.sock"), {
    transport: "unix",
    path: "/run/haproxy/admin.sock",
  });
});

function rejects(text: string, message: string, parse: (text: string) => unknown = parseTcpAddress) {
  assert.throws(() => parse(text), (err: unknown) => {
    assert.ok(err instanceof AddressError, `${text}: not an AddressError`);
    assert.equal(err.message, message);
    assert.ok(!err.message.includes("\n"));
    return true;
  });
}

Deno.test("parseTcpAddress rejects each bad form with a one-line message naming the value", () => {
  const forms = "expected host:port, [ipv6]:port, ipv4@host:port, ipv6@[addr]:port or unix@/path";
  rejects("", `invalid address "": the address is empty (${forms})`);
  rejects("localhost", `invalid address "localhost": missing ":port" (${forms})`);
  rejects("localhost:", `invalid address "localhost:": the port is empty`);
  rejects(":9999", `invalid address ":9999": the host is empty (${forms})`);
  rejects("host:http", `invalid address "host:http": port "http" is not a number`);
  rejects("host:0", `invalid address "host:0": port 0 is out of range (1-65535)`);
  rejects("host:65536", `invalid address "host:65536": port 65536 is out of range (1-65535)`);
  rejects("host:-1", `invalid address "host:-1": port "-1" is not a number`);
  rejects("::1:9999", `invalid address "::1:9999": write an IPv6 address in brackets, e.g. [::1]:9999`);
  rejects("[::1]", `invalid address "[::1]": missing ":port" after "]"`);
  rejects("[::1]:", `invalid address "[::1]:": missing ":port" after "]"`);
  rejects("[::1:9999", `invalid address "[::1:9999": missing "]" after the IPv6 address`);
  rejects("[nope]:9999", `invalid address "[nope]:9999": "nope" is not an IPv6 address`);
  rejects("ho st:80", `invalid address "ho st:80": "ho st" is not a host name or IPv4 address`);
  rejects("/run/haproxy.sock", `invalid address "/run/haproxy.sock": missing ":port" (${forms})`);
  rejects("unix@", `invalid address "unix@": the unix socket path is empty`);
  rejects("ipv4@[::1]:80", `invalid address "ipv4@[::1]:80": ipv4@ takes a host name or IPv4 address`);
  rejects("ipv6@localhost:80", `invalid address "ipv6@localhost:80": "localhost" is not an IPv6 address`);
  rejects("tcp@host:80", `invalid address "tcp@host:80": unknown prefix "tcp@" (use ipv4@, ipv6@ or unix@)`);
});

Deno.test("describeAddress prints what the user would type", () => {
  assert.equal(describeAddress({ transport: "unix", path: "/run/haproxy.sock" }), "/run/haproxy.sock");
  assert.equal(describeAddress({ transport: "tcp", hostname: "127.0.0.1", port: 9999 }), "127.0.0.1:9999");
  assert.equal(describeAddress({ transport: "tcp", hostname: "::1", port: 9999 }), "[::1]:9999");
  assert.equal(describeAddress(parseTcpAddress("ipv6@::1:80")), "[::1]:80");
});

Deno.test("parseSocketOption: a -s value is a local path, or an ssh:// URL with user, port and IPv6 host", () => {
  assert.deepEqual(parseSocketOption("/run/haproxy.sock"), { transport: "unix", path: "/run/haproxy.sock" });
  assert.deepEqual(parseSocketOption("relative/h.sock"), { transport: "unix", path: "relative/h.sock" });
  assert.deepEqual(parseSocketOption("ssh://lb1/run/haproxy/admin.sock"), {
    transport: "ssh",
    host: "lb1",
    path: "/run/haproxy/admin.sock",
  });
  assert.deepEqual(parseSocketOption("SSH://ops.admin@lb1.example.com:2222/run/h.sock"), {
    transport: "ssh",
    user: "ops.admin",
    host: "lb1.example.com",
    port: 2222,
    path: "/run/h.sock",
  });
  assert.deepEqual(parseSshAddress("ssh://root@[::1]:22/tmp/a b.sock"), {
    transport: "ssh",
    user: "root",
    host: "::1",
    port: 22,
    path: "/tmp/a b.sock",
  });
  assert.deepEqual(parseSshAddress("ssh://[fe80::1%eth0]/s"), {
    transport: "ssh",
    host: "fe80::1%eth0",
    path: "/s",
  });
});

function rejectsSsh(text: string, message: string) {
  rejects(text, message, parseSocketOption);
}

Deno.test("parseSocketOption rejects bad ssh:// URLs naming the problem, and never repeats a password", () => {
  const form = "expected ssh://[user@]host[:port]/path/to/socket";
  rejectsSsh("", "empty unix socket path");
  rejectsSsh("ssh://", `invalid address "ssh://": the host is empty (${form})`);
  rejectsSsh("ssh:///run/h.sock", `invalid address "ssh:///run/h.sock": the host is empty (${form})`);
  rejectsSsh("ssh://lb1", `invalid address "ssh://lb1": the socket path is missing (${form})`);
  rejectsSsh("ssh://lb1/", `invalid address "ssh://lb1/": the socket path is missing (${form})`);
  rejectsSsh("ssh://lb1:/x", `invalid address "ssh://lb1:/x": the port is empty`);
  rejectsSsh("ssh://lb1:ssh/x", `invalid address "ssh://lb1:ssh/x": port "ssh" is not a number`);
  rejectsSsh(
    "ssh://lb1:70000/x",
    `invalid address "ssh://lb1:70000/x": port 70000 is out of range (1-65535)`,
  );
  rejectsSsh("ssh://lb 1/x", `invalid address "ssh://lb 1/x": "lb 1" is not a host name or IPv4 address`);
  rejectsSsh(
    "ssh://-oProxyCommand=x/s",
    `invalid address "ssh://-oProxyCommand=x/s": "-oProxyCommand=x" is not a host name or IPv4 address`,
  );
  rejectsSsh("ssh://-x@lb1/s", `invalid address "ssh://-x@lb1/s": "-x" is not a user name`);
  rejectsSsh("ssh://@lb1/s", `invalid address "ssh://@lb1/s": "" is not a user name`);
  rejectsSsh("ssh://[::1/s", `invalid address "ssh://[::1/s": missing "]" after the IPv6 address`);
  rejectsSsh("ssh://[::1]x/s", `invalid address "ssh://[::1]x/s": unexpected "x" after "]"`);
  rejectsSsh("ssh://[lb1]/s", `invalid address "ssh://[lb1]/s": "lb1" is not an IPv6 address`);
  rejectsSsh(
    "ssh://lb1/run/a:b.sock",
    `invalid address "ssh://lb1/run/a:b.sock": the socket path cannot contain ":" (ssh cannot forward it)`,
  );
  const secret = "ssh://admin:hunter2@lb1/run/h.sock";
  rejectsSsh(
    secret,
    `invalid address "ssh://admin:***@lb1/run/h.sock": a password cannot be given in an ssh:// address ` +
      `(hatop uses your ssh keys or agent)`,
  );
  rejectsSsh(
    "ssh://u:p@ss@lb1/s",
    `invalid address "ssh://u:***@lb1/s": a password cannot be given in an ssh:// address (hatop uses your ssh keys or agent)`,
  );
});

Deno.test("describeAddress prints an ssh:// address as given", () => {
  for (
    const text of ["ssh://lb1/run/h.sock", "ssh://ops@lb1:2222/run/h.sock", "ssh://root@[::1]:22/tmp/h.sock"]
  ) {
    assert.equal(describeAddress(parseSocketOption(text)), text);
  }
});
