/**
 * `--check --cert-days N`: the certificates HAProxy loaded that expire within N days, read as the
 * certificates view reads them (`--batch --view certs` prints the same rows), each named with its days left.
 * A socket that cannot show them (level user, an old release) fails the check with its reason: a check that
 * could not look is no pass.
 *
 * @module
 */
import { type ViewDef, viewNamed, VIEWS } from "../app/mod.ts";
import type { CertProblem } from "./check.ts";
import type { Connected } from "./connect.ts";
import { type NamedRows, readAll } from "./view_batch.ts";

/** The certificates of the rows that expire within `days` days (whole days left below it), and the unreadable. */
export function certProblems(all: readonly NamedRows[], days: number): CertProblem[] {
  return all.flatMap((i): CertProblem[] => {
    const instance = all.length > 1 ? i.name : undefined;
    if (i.rows.unsupported) return [{ instance, unreadable: i.rows.unsupported }];
    return i.rows.rows.filter((r) => r.days !== undefined && Number(r.days) < days).map((r) => ({
      instance,
      file: r.file,
      subject: r.subject,
      daysLeft: Number(r.days),
      notAfter: r.notAfter,
    }));
  });
}

/** Reads every instance's certificates and returns those expiring within `days` days. */
export async function checkCertificates(
  instances: readonly Connected[],
  days: number,
): Promise<CertProblem[]> {
  const view = viewNamed(VIEWS, "certs") as ViewDef;
  return certProblems(await readAll(view, instances), days);
}
