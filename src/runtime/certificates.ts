/**
 * TLS certificates: `show ssl cert` (the files loaded) and `show ssl cert <file>` (one file's details).
 *
 * List: a `# filename` header, then one file per line; a `# transaction` section lists an uncommitted
 * `set ssl cert` with its file prefixed by `*`. Details: `Key: value` lines. 2.2–3.2 start with `Filename:`,
 * `Status:`, `Serial:`, `notBefore:`, `notAfter:`, `Subject Alternative Name:`, `Algorithm:`,
 * `SHA1 FingerPrint:`, `Subject:`, `Issuer:`; 2.6 adds `OCSP Response Key:`, 3.2 `Crt filename:`, 3.4 two
 * `Option:` lines; a file holding a chain adds `Chain Subject:` / `Chain Issuer:` pairs. Dates are OpenSSL's
 * `Dec  6 08:02:36 2026 GMT`. Keyed on the names; repeated names keep every value.
 *
 * @module
 */
import { monthIndex, replyLines } from "./text.ts";

/** One file of `show ssl cert`. */
export interface CertificateFile {
  readonly file: string;
  /** Listed under `# transaction`: changed by `set ssl cert` but not committed. */
  readonly uncommitted: boolean;
}

/** Parses `show ssl cert`. */
export function parseCertificateList(text: string): CertificateFile[] {
  const out: CertificateFile[] = [];
  let section = "";
  for (const raw of replyLines(text)) {
    const line = raw.trim();
    if (line.startsWith("#")) {
      section = line.slice(1).trim();
      continue;
    }
    if (line === "") continue;
    const uncommitted = section === "transaction" || line.startsWith("*");
    out.push({ file: line.replace(/^\*\s*/, ""), uncommitted });
  }
  return out;
}

/** One certificate as `show ssl cert <file>` describes it. */
export interface Certificate {
  readonly file: string;
  /** `Used`, `Unused`, or an uncommitted transaction's status. */
  readonly status?: string;
  readonly serial?: string;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  /** The subject as OpenSSL prints it, e.g. `/CN=exp3.lab.test/O=hatop lab`. */
  readonly subject?: string;
  /** The subject's common name. */
  readonly commonName?: string;
  readonly issuer?: string;
  /** The subjectAltName entries, e.g. `["DNS:exp3.lab.test", "DNS:www.exp3.lab.test"]`. */
  readonly san: readonly string[];
  /** Key type and size, e.g. `EC256`, `RSA2048`. */
  readonly algorithm?: string;
  readonly sha1?: string;
  /** Whole days from `now` to `notAfter` (rounded down; negative once expired). */
  readonly daysLeft?: number;
  /** Every `Key: value` line, in order. */
  readonly fields: readonly (readonly [string, string])[];
}

/** OpenSSL's `Dec  6 08:02:36 2026 GMT` as a Date; undefined when it is not one. */
export function parseOpensslDate(text: string): Date | undefined {
  const m = text.trim().match(/^(\w{3})\s+(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})(?: GMT)?$/);
  if (!m || monthIndex(m[1]) < 0) return undefined;
  return new Date(
    Date.UTC(Number(m[6]), monthIndex(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])),
  );
}

const DAY_MS = 86_400_000;

/** Whole days from `now` to `notAfter`, rounded down (2 for a certificate that ends in 2 days 23 hours). */
export function daysLeft(notAfter: Date, now: Date): number {
  return Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
}

/** The CN of a subject printed as `/CN=a/O=b` or `CN = a, O = b`. */
export function commonNameOf(subject: string): string | undefined {
  return subject.match(/(?:^|[/,]\s*)CN\s*=\s*([^/,]+)/)?.[1].trim();
}

/**
 * Parses `show ssl cert <file>`; `now` gives {@linkcode Certificate.daysLeft}. Undefined when the reply is not
 * a certificate (no `Filename:` line: "Can't display the certificate…", a refusal).
 */
export function parseCertificate(text: string, now: Date): Certificate | undefined {
  const fields: [string, string][] = [];
  for (const line of replyLines(text)) {
    const at = line.indexOf(":");
    if (at <= 0) continue;
    fields.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
  }
  const get = (key: string) => fields.find(([k]) => k === key)?.[1];
  const file = get("Filename");
  if (file === undefined) return undefined;
  const notAfter = parseOpensslDate(get("notAfter") ?? "");
  const subject = get("Subject");
  const san = get("Subject Alternative Name");
  return {
    file: file.replace(/^\*\s*/, ""),
    status: get("Status"),
    serial: get("Serial"),
    notBefore: parseOpensslDate(get("notBefore") ?? ""),
    notAfter,
    subject,
    commonName: subject === undefined ? undefined : commonNameOf(subject),
    issuer: get("Issuer"),
    san: san ? san.split(",").map((s) => s.trim()).filter((s) => s !== "") : [],
    algorithm: get("Algorithm"),
    sha1: get("SHA1 FingerPrint"),
    daysLeft: notAfter ? daysLeft(notAfter, now) : undefined,
    fields,
  };
}

/** Certificates soonest expiry first; those without a readable notAfter last, by file. */
export function byExpiry(certs: readonly Certificate[]): Certificate[] {
  return [...certs].sort((a, b) =>
    (a.notAfter?.getTime() ?? Infinity) - (b.notAfter?.getTime() ?? Infinity) || a.file.localeCompare(b.file)
  );
}

/** Under this many days left a certificate is a warning (the monitor's yellow, `WARN`). */
export const EXPIRY_WARNING_DAYS = 30;
/** Under this many days left a certificate is an alarm (red, `ALARM`); expired ones too. */
export const EXPIRY_ALARM_DAYS = 7;

/** How urgent a certificate's expiry is: `alarm` under 7 days (or expired), `warning` under 30, else `ok`. */
export type ExpiryState = "alarm" | "warning" | "ok";

/** The {@linkcode ExpiryState} of a certificate with `days` whole days left (undefined: not known). */
export function expiryState(days: number | undefined): ExpiryState | undefined {
  if (days === undefined) return undefined;
  return days < EXPIRY_ALARM_DAYS ? "alarm" : days < EXPIRY_WARNING_DAYS ? "warning" : "ok";
}

/** The `show ssl cert <file>` commands for the committed files of a `show ssl cert` reply, each once. */
export function certificateCommands(listReply: string): string[] {
  const files = parseCertificateList(listReply).filter((f) => !f.uncommitted).map((f) => f.file);
  return [...new Set(files)].map((file) => `show ssl cert ${file}`);
}

/** The certificates of `show ssl cert <file>` replies, soonest expiry first (unreadable replies left out). */
export function certificatesOf(detailReplies: readonly string[], now: Date): Certificate[] {
  return byExpiry(detailReplies.map((r) => parseCertificate(r, now)).filter((c) => c !== undefined));
}
