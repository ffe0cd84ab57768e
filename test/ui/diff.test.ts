import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { unifiedDiff } from "../../src/ui/diff.js";

describe("unifiedDiff", () => {
  it("is empty for equal texts", () => {
    expect(unifiedDiff("a.js", "x\n", "x\n")).toBe("");
  });

  it("renders one hunk with context", () => {
    const before = "a\nb\nc\nd\ne\nf\ng\nh\n";
    const after = "a\nb\nc\nD\ne\nf\ng\nh\n";
    expect(unifiedDiff("src/x.js", before, after)).toBe(
      "--- a/src/x.js\n+++ b/src/x.js\n@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n",
    );
  });

  it("marks a missing final newline and hides CR", () => {
    const out = unifiedDiff("p.json", "{\r\n}", '{\r\n  "a": 1\r\n}');
    expect(out).toContain('+  "a": 1\n');
    expect(out).toContain("\\ No newline at end of file");
    expect(out).not.toContain("\r");
  });

  it("is accepted by patch when available", () => {
    const dir = mkdtempSync(join(tmpdir(), "diff-"));
    try {
      const before = `${Array.from({ length: 40 }, (_, i) => `line ${i}`).join("\n")}\n`;
      const after = before
        .replace("line 3\n", "")
        .replace("line 30\n", "line 30\nnew\n")
        .replace("line 39\n", "end\n");
      writeFileSync(join(dir, "f.txt"), before);
      writeFileSync(join(dir, "f.patch"), unifiedDiff("f.txt", before, after));
      const r = spawnSync("patch", ["-p1", "-s", "-i", "f.patch"], { cwd: dir, encoding: "utf8" });
      if (r.error) return; // no patch(1) on this machine
      expect(r.status).toBe(0);
      expect(readFileSync(join(dir, "f.txt"), "utf8")).toBe(after);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
