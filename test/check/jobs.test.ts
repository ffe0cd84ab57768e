/**
 * Reading files for the scan: whole files at any size up to the cap (past the first read buffer
 * too), files over the cap skipped as too large, unreadable ones skipped — never a partial scan.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildEngine } from "../../src/check/engine.js";
import { runJobs } from "../../src/check/jobs.js";
import { tempDir } from "../helpers/cli.js";
import { PREFIX, randomAlnum } from "../helpers/fake-secrets.js";

describe("runJobs reading files", () => {
  const root = tempDir("dotsecrets-check-jobs-");
  mkdirSync(root, { recursive: true });
  const engine = buildEngine({});
  const token = `${PREFIX.github}${randomAlnum(36)}`;
  /** A file of `size` bytes whose last line holds a token. */
  const file = (name: string, size: number) => {
    const tail = `\nconst t = "${token}";\n`;
    writeFileSync(join(root, name), `${"x".repeat(size - tail.length)}${tail}`);
    return { name, abs: join(root, name) };
  };

  it("scans files of every size up to the cap whole, and skips the ones over it", () => {
    const cap = 300 * 1024;
    const sizes = [100, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 200 * 1024, cap, cap + 1, 2 * cap];
    const jobs = sizes.map((size) => file(`f${size}.js`, size));
    // Twice: the second pass reads with the buffer the first one grew.
    for (let pass = 0; pass < 2; pass++) {
      const results = runJobs(jobs, engine, cap);
      expect(results.map((r) => [r.bytes, r.skipped ?? r.findings.map((f) => f.rule).join()])).toEqual(
        sizes.map((size) => (size > cap ? [0, "too-large"] : [size, "github-token"])),
      );
    }
  });

  it("skips a file it cannot read", () => {
    const [result] = runJobs([{ name: "gone.js", abs: join(root, "gone.js") }], engine, 1024);
    expect(result).toMatchObject({ bytes: 0, skipped: "unreadable" });
  });
});
