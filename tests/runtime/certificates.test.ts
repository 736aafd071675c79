import assert from "node:assert/strict";
import {
  byExpiry,
  commonNameOf,
  daysLeft,
  parseCertificate,
  parseCertificateList,
  parseOpensslDate,
} from "../../src/runtime/certificates.ts";
import { versionAtLeast } from "../../src/runtime/version.ts";
import { RELEASE_LINES, reply, scenario } from "./_fixtures.ts";

const DAY = 86_400_000;

for (const line of RELEASE_LINES) {
  const s = scenario(line);

  Deno.test(`${line}: show ssl cert lists the lab's three certificates`, () => {
    const files = parseCertificateList(reply(line, "show-ssl-cert"));
    assert.deepEqual(files.map((f) => f.file).sort(), s.certificates.map((c) => c.file).sort());
    assert.ok(files.every((f) => !f.uncommitted));
  });

  Deno.test(`${line}: each certificate's details, days left counted from its start`, () => {
    const parsed = s.certificates.map((c) => {
      const text = reply(line, `show-ssl-cert-exp${c.days}`);
      const start = parseCertificate(text, new Date(0))?.notBefore;
      assert.ok(start, text);
      const cert = parseCertificate(text, start)!;
      assert.equal(cert.file, c.file);
      assert.equal(cert.status, "Used");
      assert.equal(cert.commonName, c.commonName);
      assert.deepEqual(cert.san, c.dnsNames.map((d) => `DNS:${d}`));
      assert.equal(commonNameOf(cert.issuer ?? ""), s.caCommonName);
      assert.equal(cert.algorithm, c.algorithm);
      assert.match(cert.serial ?? "", /^[0-9A-F]+$/);
      assert.match(cert.sha1 ?? "", /^[0-9A-F]{40}$/);
      assert.equal(cert.notAfter!.getTime() - start.getTime(), c.days * DAY);
      assert.equal(cert.daysLeft, c.days);
      const keys = cert.fields.map(([k]) => k);
      assert.equal(keys.includes("OCSP Response Key"), versionAtLeast(s.version, "2.6"));
      assert.equal(keys.includes("Crt filename"), versionAtLeast(s.version, "3.2"));
      assert.equal(keys.includes("Option"), versionAtLeast(s.version, "3.4"));
      assert.equal(parseCertificate(text, new Date(start.getTime() + 1000))!.daysLeft, c.days - 1);
      return cert;
    });
    assert.deepEqual(byExpiry([...parsed].reverse()).map((c) => c.file), s.certificates.map((c) => c.file));
    assert.equal(parseCertificate(reply(line, "show-ssl-cert-missing"), new Date()), undefined);
  });
}

Deno.test("OpenSSL dates, days left and common names", () => {
  assert.equal(parseOpensslDate("Dec  6 07:56:48 2026 GMT")?.toISOString(), "2026-12-06T07:56:48.000Z");
  assert.equal(parseOpensslDate("Feb 29 00:00:00 2028 GMT")?.toISOString(), "2028-02-29T00:00:00.000Z");
  assert.equal(parseOpensslDate("Foo  6 07:56:48 2026 GMT"), undefined);
  const end = new Date("2026-12-06T00:00:00Z");
  assert.equal(daysLeft(end, new Date("2026-12-03T00:00:01Z")), 2);
  assert.equal(daysLeft(end, new Date("2026-12-07T00:00:00Z")), -1);
  assert.equal(commonNameOf("/CN=a.test/O=lab"), "a.test");
  assert.equal(commonNameOf("C = FR, CN = b.test, O = x"), "b.test");
  assert.equal(commonNameOf("/O=lab"), undefined);
});

Deno.test("an uncommitted transaction and a reply without Filename", () => {
  assert.deepEqual(parseCertificateList("# transaction\n*/etc/a.pem\n# filename\n/etc/b.pem\n\n"), [
    { file: "/etc/a.pem", uncommitted: true },
    { file: "/etc/b.pem", uncommitted: false },
  ]);
  assert.equal(parseCertificate("Can't allocate memory!\n\n", new Date()), undefined);
});
