/**
 * The pure half of `ssh://` sockets: the ssh command lines hatop runs, and what ssh's stderr, its exit code
 * and a remote probe mean, as one-line messages that name the host and what to check. The processes
 * themselves are started in src/haproxy/ssh_tunnel.ts.
 *
 * The ssh program and extra options come from `$HATOP_SSH_COMMAND` (default `ssh`; split into words like a
 * shell would, with quotes and backslashes but without `~` or `$VAR` expansion), e.g.
 * `HATOP_SSH_COMMAND="ssh -F /home/me/lab.conf -i /home/me/.ssh/lab"`.
 *
 * @module
 */
import type { SshAddress } from "./address.ts";

/** The environment variable holding the ssh command and its extra options. */
export const SSH_COMMAND_VARIABLE = "HATOP_SSH_COMMAND";

/**
 * Options that hatop needs whatever the user's ssh config says; they come before the user's own options
 * (ssh takes the first value it sees), so they cannot be overridden: no password prompt, and no connection
 * sharing (a shared master connection would outlive hatop).
 */
const FIXED = ["-o", "BatchMode=yes", "-o", "ControlMaster=no", "-o", "ControlPath=none"];

/** Marks the probe's output lines, so that a login banner or a shell's chatter is not mistaken for them. */
const PROBE_MARK = "hatop-probe:";

/** Paths a probe can name without quoting, in every common login shell (sh, bash, zsh, fish, csh). */
const PLAIN_PATH = /^[A-Za-z0-9_.\/@+,=%-]+$/;

/**
 * Splits a command line into words: blanks separate words, `'...'` is literal, `"..."` keeps blanks and
 * takes `\"`, `\\`, `` \` `` and `\$` escapes, a backslash outside quotes escapes the next character. No
 * expansion of any kind.
 *
 * @throws {Error} for an unterminated quote or a trailing backslash.
 */
export function splitCommandLine(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === " " || c === "\t" || c === "\n") {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Error("unterminated ' quote");
      word = (word ?? "") + text.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      word ??= "";
      for (i++;; i++) {
        if (i >= text.length) throw new Error('unterminated " quote');
        if (text[i] === '"') break;
        if (text[i] === "\\" && '"\\$`'.includes(text[i + 1] ?? "")) i++;
        word += text[i];
      }
    } else if (c === "\\") {
      if (i + 1 >= text.length) throw new Error("trailing backslash");
      word = (word ?? "") + text[++i];
    } else {
      word = (word ?? "") + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/**
 * The ssh command from the value of `$HATOP_SSH_COMMAND`: `["ssh"]` when unset or blank.
 *
 * @throws {Error} naming the variable, when its value cannot be split (see {@linkcode splitCommandLine}).
 */
export function sshCommand(value: string | undefined): string[] {
  try {
    const words = splitCommandLine(value ?? "");
    return words.length > 0 ? words : ["ssh"];
  } catch (e) {
    throw new Error(`${SSH_COMMAND_VARIABLE} cannot be read: ${(e as Error).message}`);
  }
}

/** The login and connection part shared by the tunnel and the probe, the destination last. */
function connection(command: readonly string[], addr: SshAddress, timeoutMs: number, tail: string[]) {
  const [program, ...extra] = command;
  return [
    program,
    ...FIXED,
    ...extra,
    // Defaults the user's options may override: a bounded connect, a dead link noticed within 30 s, and
    // enough logging for the messages below even when the user's config says "LogLevel QUIET".
    "-o",
    `ConnectTimeout=${Math.max(1, Math.ceil(timeoutMs / 1000))}`,
    "-o",
    "ServerAliveInterval=10",
    "-o",
    "ServerAliveCountMax=3",
    "-o",
    "LogLevel=INFO",
    ...(addr.port ? ["-p", String(addr.port)] : []),
    ...(addr.user ? ["-l", addr.user] : []),
    ...tail,
  ];
}

/**
 * `ssh -N -L local:remote ... host`: forwards the unix socket `localPath` to the address's remote socket, and
 * exits when the forward cannot be set up.
 *
 * @example
 * ```ts
 * import { tunnelArgv } from "./ssh_command.ts";
 *
 * tunnelArgv(["ssh"], { transport: "ssh", host: "lb1", path: "/run/haproxy.sock" }, "/tmp/d/socket", 5000);
 * // ["ssh", "-o", "BatchMode=yes", ..., "-N", "-L", "/tmp/d/socket:/run/haproxy.sock", "--", "lb1"]
 * ```
 */
export function tunnelArgv(
  command: readonly string[],
  addr: SshAddress,
  localPath: string,
  timeoutMs: number,
): string[] {
  return connection(command, addr, timeoutMs, [
    "-o",
    "ExitOnForwardFailure=yes",
    "-o",
    "StreamLocalBindUnlink=yes",
    "-N",
    "-L",
    `${localPath}:${addr.path}`,
    "--",
    addr.host,
  ]);
}

/**
 * `ssh ... host 'test ...'`: asks the remote host whether the socket path exists, is a socket and is
 * writable by the ssh user (read-only; nothing talks to HAProxy). Undefined when the path would need quoting.
 */
export function probeArgv(
  command: readonly string[],
  addr: SshAddress,
  timeoutMs: number,
): string[] | undefined {
  if (!PLAIN_PATH.test(addr.path)) return undefined;
  const p = addr.path;
  const script = `test -e ${p} && echo ${PROBE_MARK}exists; test -S ${p} && echo ${PROBE_MARK}socket; ` +
    `test -w ${p} && echo ${PROBE_MARK}writable; echo ${PROBE_MARK}done`;
  return connection(command, addr, timeoutMs, ["--", addr.host, script]);
}

/**
 * `ssh ... host 'sh -c SCRIPT'`: runs a read-only POSIX shell script on the remote host, whatever the login
 * shell (the script is one line without single quotes or `!`, which every common shell passes on as it is).
 *
 * @throws {Error} for a script that cannot be passed that way.
 */
export function remoteScriptArgv(
  command: readonly string[],
  addr: SshAddress,
  timeoutMs: number,
  script: string,
): string[] {
  if (/['!\n]/.test(script)) throw new Error("a remote script cannot hold ', ! or a newline");
  return connection(command, addr, timeoutMs, ["--", addr.host, `sh -c '${script}'`]);
}

/** What the probe found on the remote host. */
export interface ProbeResult {
  readonly exists: boolean;
  readonly socket: boolean;
  readonly writable: boolean;
}

/** Reads the probe's output; undefined when it did not run to its end (no shell, a forced command). */
export function parseProbe(stdout: string): ProbeResult | undefined {
  const marks = new Set(
    stdout.split("\n").map((l) => l.trim()).filter((l) => l.startsWith(PROBE_MARK)).map((l) =>
      l.slice(PROBE_MARK.length)
    ),
  );
  if (!marks.has("done")) return undefined;
  return { exists: marks.has("exists"), socket: marks.has("socket"), writable: marks.has("writable") };
}

/** ssh's stderr lines that say something: without known-hosts notices and blank lines. */
export function meaningfulLines(stderr: string): string[] {
  return stderr.split(/\r?\n/).map((l) => l.trim()).filter((l) =>
    l !== "" && !/^Warning: Permanently added /.test(l) && !l.startsWith("** ")
  );
}

/** Whether ssh reported that a forwarded connection could not be opened on the remote side. */
export function forwardFailed(stderr: string): boolean {
  return /open failed/.test(stderr);
}

/** `host` or `host port N`, as the messages name it. */
function where(addr: SshAddress): string {
  return addr.port ? `${addr.host} port ${addr.port}` : addr.host;
}

/**
 * Why ssh exited before the forward was ready, from its stderr and exit code: one line naming the host and
 * what to check (127/126: the ssh command could not be run).
 */
export function describeSshFailure(addr: SshAddress, stderr: string, code: number, program = "ssh"): string {
  const lines = meaningfulLines(stderr);
  const text = lines.join("\n");
  const host = addr.host;
  const denied = text.match(/^(.*): Permission denied \((.*)\)\.?$/m);
  if (denied) {
    return `ssh authentication to ${denied[1]} was refused (Permission denied (${denied[2]})): check that ` +
      `your key or ssh agent is accepted there; hatop never asks for a password`;
  }
  if (/Host key verification failed/.test(text)) {
    return `the host key of ${host} is unknown or has changed (Host key verification failed): check it, ` +
      `and accept it by connecting once with "ssh ${host}"`;
  }
  const unresolved = text.match(/Could not resolve hostname (\S+): (.*)$/m);
  if (unresolved) {
    return `ssh cannot resolve the host name ${unresolved[1]} (${unresolved[2].replace(/\.$/, "")}): check ` +
      `the name, or a Host entry in your ssh config`;
  }
  const connect = text.match(/connect to host (\S+) port (\d+): (.*)$/m);
  if (connect) {
    const [, name, port, reason] = connect;
    const check = /refused/i.test(reason)
      ? "is sshd running there, on that port?"
      : /timed out/i.test(reason)
      ? "check the host and the network, or raise -T"
      : "check the network path to it";
    return `ssh cannot reach ${name} port ${port}: ${reason.toLowerCase().replace(/\.$/, "")} (${check})`;
  }
  if (/timed out/i.test(text)) {
    const line = lines.find((l) => /timed out/i.test(l));
    return `ssh got no answer from ${
      where(addr)
    } in time (${line}): check the host and the network, or raise -T`;
  }
  if (/closed by remote host|Connection closed by|Connection reset/i.test(text)) {
    const line = lines.find((l) => /closed|reset/i.test(l));
    return `${host} closed the ssh connection (${line}): check sshd's log there`;
  }
  if (/unix_listener|Could not request local forwarding/.test(text)) {
    return `ssh could not listen on its local socket (${lines[0]}): check TMPDIR`;
  }
  if (/forwarding is disabled|administratively prohibited/i.test(text)) {
    const line = lines.find((l) => /forwarding|prohibited/i.test(l));
    return `${host} refused to forward the socket (${line}): check AllowStreamLocalForwarding in its sshd_config`;
  }
  if (code === 127 || code === 126) {
    return `cannot run "${program}" (${
      code === 127 ? "not found" : "not executable"
    }): install the OpenSSH ` +
      `client, or set ${SSH_COMMAND_VARIABLE}`;
  }
  const last = lines.at(-1);
  return `ssh to ${where(addr)} exited with code ${code}${last ? ` (${last})` : ""}: check your ssh config` +
    ` and ${SSH_COMMAND_VARIABLE}`;
}

/**
 * Why the remote socket could not be opened although ssh is connected. With a probe result it says which:
 * missing, not a socket, not writable, or (all fine) forwarding refused by the server or nothing listening.
 * Without one (the probe could not run, or on a reconnect) it names every possibility.
 */
export function describeRemoteSocket(
  addr: SshAddress,
  probe: ProbeResult | undefined,
  refused: boolean,
): string {
  const { path, host } = addr;
  if (!probe) {
    return `remote socket ${path} missing or not accessible on ${host}, or forwarding refused: check that ` +
      `HAProxy runs there with "stats socket ${path}", the ssh user may use it, and sshd allows ` +
      `AllowStreamLocalForwarding`;
  }
  if (!probe.exists) {
    return `remote socket ${path} missing on ${host} (or not visible to the ssh user): is HAProxy running ` +
      `there with "stats socket ${path}"?`;
  }
  if (!probe.socket) return `${path} on ${host} is not a socket: check the path`;
  if (!probe.writable) {
    return `remote socket ${path} on ${host} is not accessible to the ssh user (permission denied): check ` +
      `the socket's owner and mode there, or log in as a user allowed to use it`;
  }
  if (refused) {
    return `${host} refused to forward to ${path}, or nothing listens on it: check AllowStreamLocalForwarding ` +
      `in ${host}'s sshd_config, and that HAProxy runs there`;
  }
  return `${path} on ${host} closed the connection before the prompt (is it an HAProxy stats socket?)`;
}
