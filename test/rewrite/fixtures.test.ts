/**
 * The fixture corpus: each case is a small project under fixtures/<case>/input, the files the
 * codemod changes under expected/ (same paths), and findings.txt (one line per finding). Every case
 * is also checked for idempotence and for bytes kept outside the edited spans.
 * UPDATE_REWRITE_FIXTURES=1 rewrites expected/ and findings.txt from the current output (review them).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { planRewrite, type RewritePlan, type SourceFile } from "../../src/rewrite/index.js";

const FIXTURES = join(import.meta.dirname, "fixtures");
const UPDATE = process.env.UPDATE_REWRITE_FIXTURES === "1";
const cases = readdirSync(FIXTURES).filter((n) => statSync(join(FIXTURES, n)).isDirectory());

function readTree(dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  const visit = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const abs = join(d, name);
      if (statSync(abs).isDirectory()) visit(abs);
      else out.push({ path: relative(dir, abs).split(sep).join("/"), text: readFileSync(abs, "utf8") });
    }
  };
  visit(dir);
  return out;
}

const describeFindings = (plan: RewritePlan) =>
  plan.findings
    .map((f) => `${f.file}:${f.line}:${f.column} ${f.shape} ${f.rewrite ? "rewrite" : "report"}`)
    .join("\n");

/** `after` rebuilt from `before` and the spans: proves every byte outside them is kept. */
function rebuild(before: string, spans: { start: number; end: number; text: string }[]): string {
  let out = "";
  let at = 0;
  for (const s of spans) {
    expect(s.start).toBeGreaterThanOrEqual(at);
    out += before.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + before.slice(at);
}

it("has at least 30 cases", () => {
  expect(cases.length).toBeGreaterThanOrEqual(30);
});

describe.each(cases)("fixture %s", (name) => {
  const input = readTree(join(FIXTURES, name, "input"));
  const plan = planRewrite("/project", input);
  const expectedDir = join(FIXTURES, name, "expected");
  const findingsFile = join(FIXTURES, name, "findings.txt");

  if (UPDATE) {
    rmSync(expectedDir, { recursive: true, force: true });
    for (const edit of plan.edits) {
      mkdirSync(dirname(join(expectedDir, edit.path)), { recursive: true });
      writeFileSync(join(expectedDir, edit.path), edit.after);
    }
    writeFileSync(findingsFile, `${describeFindings(plan)}\n`);
  }

  it("produces the expected files and nothing else", () => {
    const expected = existsSync(expectedDir) ? readTree(expectedDir) : [];
    const got = plan.edits.map((e) => ({ path: e.path, text: e.after }));
    expect(got).toEqual(expected);
  });

  it("reports the expected findings", () => {
    expect(`${describeFindings(plan)}\n`).toBe(readFileSync(findingsFile, "utf8"));
  });

  it("keeps every byte outside the edited spans", () => {
    for (const edit of plan.edits) {
      expect(rebuild(edit.before, edit.spans)).toBe(edit.after);
      for (const s of edit.spans) expect(s.end - s.start).toBeLessThan(200);
    }
  });

  it("changes nothing on a second run", () => {
    const edited = new Map(plan.edits.map((e) => [e.path, e.after]));
    const second = planRewrite(
      "/project",
      input.map((f) => ({ path: f.path, text: edited.get(f.path) ?? f.text })),
    );
    expect(second.edits.map((e) => e.path)).toEqual([]);
  });
});
