/**
 * The Debian packages some tests need besides tmux (the completion scripts run in their shells:
 * tests/cli/completions_shells.test.ts; the `ssh://` tests run a real OpenSSH server and client:
 * tests/support/sshd.ts): found by a file each installs, installed with apt-get when the runner is root on
 * a Debian machine, else named with the command that installs them.
 *
 * @module
 */

/** The packages, each with a file that shows it is installed. */
export const PREREQUISITES: readonly { readonly name: string; readonly file: string }[] = [
  { name: "zsh", file: "/usr/bin/zsh" },
  { name: "fish", file: "/usr/bin/fish" },
  { name: "bash-completion", file: "/usr/share/bash-completion/bash_completion" },
  { name: "openssh-client", file: "/usr/bin/ssh" },
  { name: "openssh-server", file: "/usr/sbin/sshd" },
];

const exists = (path: string) => Deno.stat(path).then(() => true, () => false);

async function aptGet(...args: string[]): Promise<boolean> {
  const out = await new Deno.Command("apt-get", {
    args,
    env: { DEBIAN_FRONTEND: "noninteractive" },
    stdin: "null",
    stdout: "null",
    stderr: "inherit",
  }).output();
  return out.success;
}

/**
 * Installs the missing prerequisites when it can (root, apt-get); returns what is still missing, with the
 * command that installs it, or undefined when nothing is.
 */
export async function ensurePackages(): Promise<string | undefined> {
  const missing = [];
  for (const p of PREREQUISITES) if (!(await exists(p.file))) missing.push(p.name);
  if (missing.length === 0) return undefined;
  if (Deno.uid() === 0 && (await exists("/usr/bin/apt-get"))) {
    console.error(`installing ${missing.join(", ")} for the tests (apt-get)`);
    const install = ["install", "-y", "--no-install-recommends", ...missing];
    if (!(await aptGet(...install)) && (await aptGet("update"))) await aptGet(...install);
  }
  const still = [];
  for (const p of PREREQUISITES) if (!(await exists(p.file))) still.push(p.name);
  return still.length === 0
    ? undefined
    : `missing ${still.join(", ")}: apt-get install -y ${still.join(" ")}`;
}
