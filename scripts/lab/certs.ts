/**
 * Certificates for the runtime lab, made with openssl at the moment the lab starts: a lab CA and server
 * certificates it signs that expire a given number of days from now, each written as one PEM (certificate and
 * key) and listed in a crt-list for `bind … ssl crt-list`. Made fresh, so "expires in 3 days" is true whenever
 * the lab runs.
 *
 * @module
 */

/** One server certificate of the lab. */
export interface LabCertificate {
  /** Days from its creation to its notAfter (`openssl req -x509 -days N`). */
  readonly days: number;
  /** The PEM file (certificate, then key) HAProxy loads; the name `show ssl cert` lists. */
  readonly file: string;
  /** The subject's common name, also the first DNS name of its subjectAltName. */
  readonly commonName: string;
  /** The subjectAltName DNS names. */
  readonly dnsNames: readonly string[];
  /** The key algorithm as HAProxy names it in `show ssl cert <file>` ("EC256", "RSA2048"). */
  readonly algorithm: string;
}

/** What {@linkcode makeLabCertificates} wrote. */
export interface LabCertificates {
  /** The CA's certificate (PEM): the issuer of every server certificate. */
  readonly caFile: string;
  /** The CA's subject common name. */
  readonly caCommonName: string;
  /** The crt-list naming every server certificate, one per line. */
  readonly crtList: string;
  /** The server certificates, soonest expiry first. */
  readonly certificates: readonly LabCertificate[];
}

/** The subject organisation of every lab certificate. */
export const LAB_ORGANISATION = "hatop lab";

async function openssl(args: string[]): Promise<void> {
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command("openssl", { args, stdin: "null", stdout: "piped", stderr: "piped" })
      .output();
  } catch (e) {
    throw new Error(
      `cannot run openssl (${(e as Error).message}); install it with: apt-get install -y openssl`,
    );
  }
  if (!out.success) {
    const err = new TextDecoder().decode(out.stderr).trim().split("\n").slice(-3).join(" / ");
    throw new Error(`openssl ${args.slice(0, 2).join(" ")} failed: ${err}`);
  }
}

/** `-newkey` arguments: prime256v1 EC keys are fast to make; one RSA key gives `show ssl cert` variety. */
function keyArgs(algorithm: string): string[] {
  return algorithm === "RSA2048"
    ? ["-newkey", "rsa:2048"]
    : ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"];
}

/**
 * Writes a lab CA and one server certificate per entry of `days` (signed by the CA, valid from now for that
 * many days, subject `/CN=exp<N>.lab.test/O=hatop lab`, SAN `exp<N>.lab.test` and `www.exp<N>.lab.test`) into
 * `<dir>/certs/`, and a crt-list of them at `<dir>/certs.list`. The last certificate gets an RSA key, the
 * others EC keys. Needs OpenSSL 3.0 or later (`req -x509 -CA`).
 */
export async function makeLabCertificates(
  dir: string,
  days: readonly number[] = [3, 20, 365],
): Promise<LabCertificates> {
  const certs = `${dir}/certs`;
  await Deno.mkdir(certs, { recursive: true });
  const caFile = `${certs}/ca.pem`;
  const caKey = `${certs}/ca.key`;
  const caCommonName = "hatop lab CA";
  await openssl([
    "req",
    "-x509",
    ...keyArgs("EC256"),
    "-nodes",
    "-days",
    "400",
    "-subj",
    `/CN=${caCommonName}/O=${LAB_ORGANISATION}`,
    "-keyout",
    caKey,
    "-out",
    caFile,
  ]);
  const made: LabCertificate[] = [];
  for (const [i, n] of [...days].sort((a, b) => a - b).entries()) {
    const commonName = `exp${n}.lab.test`;
    const dnsNames = [commonName, `www.${commonName}`];
    const algorithm = i === days.length - 1 && days.length > 1 ? "RSA2048" : "EC256";
    const crt = `${certs}/exp${n}.crt`;
    const key = `${certs}/exp${n}.key`;
    await openssl([
      "req",
      "-x509",
      ...keyArgs(algorithm),
      "-nodes",
      "-days",
      String(n),
      "-subj",
      `/CN=${commonName}/O=${LAB_ORGANISATION}`,
      "-addext",
      `subjectAltName=${dnsNames.map((d) => `DNS:${d}`).join(",")}`,
      "-CA",
      caFile,
      "-CAkey",
      caKey,
      "-keyout",
      key,
      "-out",
      crt,
    ]);
    const file = `${certs}/exp${n}.pem`;
    await Deno.writeTextFile(file, (await Deno.readTextFile(crt)) + (await Deno.readTextFile(key)));
    await Deno.remove(crt);
    await Deno.remove(key);
    made.push({ days: n, file, commonName, dnsNames, algorithm });
  }
  const crtList = `${dir}/certs.list`;
  await Deno.writeTextFile(crtList, made.map((c) => c.file).join("\n") + "\n");
  return { caFile, caCommonName, crtList, certificates: made };
}
