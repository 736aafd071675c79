/**
 * What one `deno test` run found, read from its JUnit report: tests (steps not counted on their own) passed
 * and failed, per file and in all.
 *
 * @module
 */

/** The outcome of one test file. */
export interface FileResult {
  readonly passed: number;
  readonly failed: readonly string[];
}

/** The outcome of one run. */
export interface RunResult {
  readonly files: ReadonlyMap<string, FileResult>;
  readonly passed: number;
  readonly failed: readonly string[];
}

function unescape(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** Reads a JUnit report as `deno test --junit-path` writes it. */
export function parseJunit(xml: string): RunResult {
  const cases: { file: string; name: string; failed: boolean }[] = [];
  const re = /<testcase name="([^"]*)" classname="([^"]*)"[^>]*>([\s\S]*?)<\/testcase>/g;
  for (const m of xml.matchAll(re)) {
    cases.push({
      name: unescape(m[1]),
      file: unescape(m[2]).replace(/^\.\//, ""),
      failed: /<failure/.test(m[3]),
    });
  }
  const names = new Set(cases.map((c) => `${c.file}\0${c.name}`));
  const isStep = (c: { file: string; name: string }) => {
    const parts = c.name.split(" > ");
    for (let i = 1; i < parts.length; i++) {
      if (names.has(`${c.file}\0${parts.slice(0, i).join(" > ")}`)) return true;
    }
    return false;
  };
  const files = new Map<string, { passed: number; failed: string[] }>();
  for (const c of cases) {
    if (isStep(c)) continue;
    const f = files.get(c.file) ?? { passed: 0, failed: [] };
    if (c.failed) f.failed.push(c.name);
    else f.passed++;
    files.set(c.file, f);
  }
  let passed = 0;
  const failed: string[] = [];
  for (const [file, f] of files) {
    passed += f.passed;
    failed.push(...f.failed.map((n) => `${n} (${file})`));
  }
  return { files, passed, failed };
}
