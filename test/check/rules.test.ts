/**
 * Recall and precision of the rules on a corpus generated at test time: every rule's format in
 * every syntactic style must be found at its line; decoys and stubs must never fire; no value may
 * appear in any output (text, JSON, SARIF).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCheck } from "../../src/check/index.js";
import { toSarif } from "../../src/check/sarif.js";
import type { CheckReport } from "../../src/check/types.js";
import { renderCheckSummary, renderFindings } from "../../src/ui/check-render.js";
import { decoys, plantedFile, type Sample, STYLES, samples } from "../helpers/check-corpus.js";
import { findLeaks, tempDir } from "../helpers/cli.js";

const NAMES = {
  ts: "src/config.ts",
  js: "lib/keys.js",
  py: "scripts/settings.py",
  json: "config/app.json",
  yaml: "deploy/values.yaml",
  md: "docs/SETUP.md",
  env: ".env.production",
} as const;

describe("secrets check rules on a generated corpus", () => {
  const root = tempDir("dotsecrets-check-rules-");
  const list: Sample[] = samples();
  const expected: Array<{ file: string; line: number; sample: Sample }> = [];
  let report: CheckReport;

  beforeAll(async () => {
    for (const style of STYLES) {
      const { text, lines } = plantedFile(list, style);
      const file = NAMES[style];
      mkdirSync(join(root, file, ".."), { recursive: true });
      writeFileSync(join(root, file), text);
      for (const [i, sample] of list.entries()) expected.push({ file, line: lines[i]!, sample });
    }
    mkdirSync(join(root, "decoys"), { recursive: true });
    const lines = decoys();
    for (const ext of ["ts", "py", "yaml", "md", "txt"])
      writeFileSync(join(root, "decoys", `decoy.${ext}`), `${lines.join("\n")}\n`);
    writeFileSync(join(root, ".env.example"), `${lines.filter((l) => /^[A-Z_]+=/.test(l)).join("\n")}\n`);
    writeFileSync(
      join(root, ".env"),
      '# Managed by dotsecrets\nSTRIPE_SECRET_KEY=secret://local/shop/development/STRIPE_SECRET_KEY\nDATABASE_URL="secret://local/shop/development/DATABASE_URL#3"\nPORT=3000\n',
    );
    writeFileSync(join(root, ".gitignore"), "node_modules\n.env.local\n.env.*.local\n");
    mkdirSync(join(root, ".git"));
    report = await runCheck({
      root,
      env: { DOTSECRETS_HOME: tempDir("dotsecrets-check-home-") },
      values: false,
    });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("finds every planted secret of every rule in every style (recall 100%)", () => {
    const missed = expected.filter(
      (e) => !report.findings.some((f) => f.file === e.file && f.line === e.line),
    );
    expect(missed.map((m) => `${m.file}:${m.line} ${m.sample.rule} ${m.sample.key}`)).toEqual([]);
    expect(expected.length).toBe(list.length * STYLES.length);
  });

  it("reports the expected rule for each format", () => {
    const wrong = expected.filter((e) => {
      const f = report.findings.find((x) => x.file === e.file && x.line === e.line)!;
      return f.rule !== e.sample.rule && !(e.file === NAMES.env && f.rule === "env-plaintext");
    });
    expect(
      wrong.map(
        (w) =>
          `${w.file}:${w.line} want ${w.sample.rule} got ${report.findings.find((x) => x.file === w.file && x.line === w.line)!.rule}`,
      ),
    ).toEqual([]);
  });

  it("never fires on decoys, stubs, templates with placeholders or a covering .gitignore", () => {
    const planted = new Set(expected.map((e) => `${e.file}:${e.line}`));
    const extra = report.findings.filter((f) => !planted.has(`${f.file}:${f.line}`));
    expect(extra.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual([]);
  });

  it("prints no value in text, JSON or SARIF", () => {
    const outputs: Array<[string, string]> = [
      ["text", renderFindings(report) + renderCheckSummary(report)],
      ["json", JSON.stringify(report)],
      ["sarif", JSON.stringify(toSarif(report, "0.0.0"))],
    ];
    const values = list.flatMap((s) => [s.value, ...s.value.split("\n").filter((l) => l.length >= 12)]);
    expect(findLeaks(values, outputs)).toEqual([]);
  });

  it("writes SARIF 2.1.0 with rules, locations and fingerprints", () => {
    const sarif = toSarif(report, "0.0.0") as {
      version: string;
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string }> } };
        // biome-ignore lint/suspicious/noExplicitAny: walking an untyped JSON document
        results: Array<Record<string, any>>;
      }>;
    };
    expect(sarif.version).toBe("2.1.0");
    const run = sarif.runs[0]!;
    const first = run.results[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toContain(first.ruleId);
    expect(first.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
    expect(first.locations[0].physicalLocation.region.startColumn).toBeGreaterThan(0);
    expect(first.partialFingerprints["dotsecrets/v1"]).toMatch(/^[0-9a-f]{64}$/);
  });
});
