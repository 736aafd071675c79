import assert from "node:assert/strict";
import { ResponseReader, splitCommands } from "../../src/haproxy/framing.ts";

const enc = new TextEncoder();

/** Feeds the chunks in order and collects every completed response. */
function feed(chunks: Uint8Array[]): string[] {
  const reader = new ResponseReader();
  return chunks.flatMap((c) => reader.push(c));
}

Deno.test("splitCommands splits on ';' and trims", () => {
  assert.deepEqual(splitCommands("show info;show stat"), ["show info", "show stat"]);
  assert.deepEqual(splitCommands("  show info ;  show stat  "), ["show info", "show stat"]);
  assert.deepEqual(splitCommands("show info"), ["show info"]);
});

Deno.test("splitCommands drops empty parts", () => {
  assert.deepEqual(splitCommands(""), []);
  assert.deepEqual(splitCommands(" ; ;; "), []);
  assert.deepEqual(splitCommands(";show info;;"), ["show info"]);
});

Deno.test("splitCommands keeps an escaped ';' (with its backslash) inside the command", () => {
  assert.deepEqual(splitCommands("set var txn.a str(x\\;y); show info"), [
    "set var txn.a str(x\\;y)",
    "show info",
  ]);
  assert.deepEqual(splitCommands("a\\;b"), ["a\\;b"]);
});

Deno.test("splitCommands treats '\\\\' as an escaped backslash, so the following ';' splits", () => {
  assert.deepEqual(splitCommands("a\\\\;b"), ["a\\\\", "b"]);
  assert.deepEqual(splitCommands("trailing\\"), ["trailing\\"]);
});

Deno.test("ResponseReader: the first prompt alone is an empty response", () => {
  assert.deepEqual(feed([enc.encode("\n> ")]), [""]);
});

Deno.test("ResponseReader: output, empty line, prompt gives the output without the newline", () => {
  assert.deepEqual(feed([enc.encode("out\n\n> ")]), ["out"]);
  assert.deepEqual(feed([enc.encode("a\nb\nc\n\n> ")]), ["a\nb\nc"]);
});

Deno.test("ResponseReader: several responses in one chunk, in order", () => {
  const stream = "\n> 2.6.12-1+deb12u4\n\n> 1 (initial 1)\n\n> \n> ";
  assert.deepEqual(feed([enc.encode(stream)]), ["", "2.6.12-1+deb12u4", "1 (initial 1)", ""]);
});

Deno.test("ResponseReader: an incomplete response is held back until its prompt arrives", () => {
  const reader = new ResponseReader();
  assert.deepEqual(reader.push(enc.encode("Name: HAProxy\nVersion: 2.6\n")), []);
  assert.deepEqual(reader.push(enc.encode("\n")), []);
  assert.deepEqual(reader.push(enc.encode(">")), []);
  assert.deepEqual(reader.push(enc.encode(" ")), ["Name: HAProxy\nVersion: 2.6"]);
});

Deno.test("ResponseReader: split at every byte position gives the same responses", () => {
  const stream = "\n> \n> # pxname,svname\nbe,s1\n> not a prompt\n\n> x\n\n> ";
  const want = ["", "", "# pxname,svname\nbe,s1\n> not a prompt", "x"];
  const bytes = enc.encode(stream);
  for (let i = 0; i <= bytes.length; i++) {
    for (let j = i; j <= bytes.length; j++) {
      const got = feed([bytes.subarray(0, i), bytes.subarray(i, j), bytes.subarray(j)]);
      assert.deepEqual(got, want, `split at ${i} and ${j}`);
    }
  }
  assert.deepEqual(feed([...bytes].map((b) => Uint8Array.of(b))), want);
});

Deno.test("ResponseReader: '> ' inside the output is not a prompt", () => {
  assert.deepEqual(feed([enc.encode("> quoted\nx > y\n>\n\n> ")]), ["> quoted\nx > y\n>"]);
  assert.deepEqual(feed([enc.encode("a\n> b\n\n> ")]), ["a\n> b"]);
});

Deno.test("ResponseReader: multi-byte UTF-8 split across chunks is decoded whole", () => {
  const text = "desc: café — 日本 🚀";
  const bytes = enc.encode(`${text}\n\n> `);
  for (let i = 0; i <= bytes.length; i++) {
    assert.deepEqual(feed([bytes.subarray(0, i), bytes.subarray(i)]), [text], `split at ${i}`);
  }
});

Deno.test("ResponseReader: a 10 MB response comes back whole, with no line cap", () => {
  const line = "be_app,srv_00000,0,0,0,0,,0,0,0,,0,,0,0,0,0,UP,1,1,0,0,0,12,0,,1,3,1,,0,,2,0,,0,L4OK,,\n";
  const count = Math.ceil(10_000_000 / line.length);
  const body = "# pxname,svname\n" + line.repeat(count);
  const bytes = enc.encode(body + "\n> ");
  const reader = new ResponseReader();
  const got: string[] = [];
  for (let at = 0; at < bytes.length; at += 65536) got.push(...reader.push(bytes.subarray(at, at + 65536)));
  assert.equal(got.length, 1);
  assert.equal(got[0].length, body.length - 1);
  assert.equal(got[0].split("\n").length, count + 1);
  assert.equal(got[0], body.slice(0, -1));
});

Deno.test("a reader for the master CLI ends replies at master> ", () => {
  const reader = new ResponseReader("master> ");
  const enc = new TextEncoder();
  assert.deepEqual(reader.push(enc.encode("Name: HAProxy\n\nmas")), []);
  assert.deepEqual(reader.push(enc.encode("ter> \nmaster> a> b\n\nmaster> ")), ["Name: HAProxy", "", "a> b"]);
});
