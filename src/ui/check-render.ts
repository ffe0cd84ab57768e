/** Renderers for `secrets check` (and for migrate's summary line): they return strings, never values. */
import type { CheckReport, Finding } from "../check/types.js";

/** `file:line:col  rule  key  preview` lines, one per finding, with the commit for history findings. */
export function renderFindings(report: CheckReport): string {
  if (report.findings.length === 0) return "";
  const where = (f: Finding) => `${f.file}:${f.line}:${f.column}`;
  const width = Math.min(60, Math.max(...report.findings.map((f) => where(f).length)));
  const ruleWidth = Math.max(...report.findings.map((f) => f.rule.length));
  const keyWidth = Math.max(1, ...report.findings.map((f) => (f.key ?? "-").length));
  return report.findings
    .map((f) => {
      const commit = f.commit
        ? `  commit ${f.commit.slice(0, 12)}${f.commitDate ? ` (${f.commitDate.slice(0, 10)})` : ""}`
        : "";
      const enc = f.encoding && f.encoding !== "raw" ? ` [${f.encoding}]` : "";
      return `${where(f).padEnd(width)}  ${f.rule.padEnd(ruleWidth)}  ${(f.key ?? "-").padEnd(keyWidth)}  ${f.preview}${enc}${commit}\n`;
    })
    .join("");
}

/** The closing lines: counts, where the values came from, what to do next; for history, what to rotate. */
export function renderCheckSummary(report: CheckReport): string {
  const lines: string[] = [];
  const mb = (report.stats.bytes / 1e6).toFixed(1);
  const what = { tree: "working tree", staged: "staged files", history: "git history", stdin: "stdin" }[
    report.target
  ];
  const v = report.values;
  const source =
    v.source === "provider"
      ? `${v.count} migrated value(s) fetched from the provider`
      : v.source === "fingerprints"
        ? `${v.count} migrated value(s) by saved fingerprints (${v.note ?? "offline"})`
        : `no exact values (${v.note ?? "none"})`;
  const extra = [
    report.allowed > 0 && `${report.allowed} allowed inline`,
    report.baselined > 0 && `${report.baselined} in the baseline`,
    report.skipped.length > 0 && `${report.skipped.length} skipped (binary, too large, outside)`,
  ].filter(Boolean);
  const count = report.findings.length;
  lines.push(
    `${count === 0 ? "No plaintext secret found" : `${count} finding(s)`} in the ${what}: ${report.stats.files} file(s), ${mb} MB in ${report.stats.ms} ms; ${source}${extra.length > 0 ? `; ${extra.join(", ")}` : ""}.`,
  );
  if (v.tooShort > 0)
    lines.push(`note: ${v.tooShort} migrated value(s) under 8 characters are not matched exactly.`);
  if (count > 0) {
    lines.push(
      "Fix: move each secret into the provider (`secrets migrate`, `secrets set KEY`) and remove it from the file;",
      "accept a false positive with a `dotsecrets-allow` comment on its line, or record the current findings",
      "with `secrets check --write-baseline FILE` and pass `--baseline FILE` from then on.",
    );
  }
  if (report.rotate && report.rotate.length > 0) {
    lines.push(
      "",
      "These keys' values were committed to git history: anyone with a clone has them. Rotate each one",
    );
    lines.push("(issue a new value at its service, revoke the old one), then store the new value:");
    for (const r of report.rotate) {
      const commits =
        r.commits.length > 0 ? `  (first in ${r.commits.map((c) => c.slice(0, 12)).join(", ")})` : "";
      lines.push(`  ${r.key.padEnd(24)} ${r.command ?? `secrets set ${r.key}`}${commits}`);
    }
    lines.push("Rewriting history does not help once it was pushed: rotate first.");
  }
  return `${lines.join("\n")}\n`;
}

/** One line for migrate's summary: `check: clean` or `check: 3 finding(s) (run secrets check)`. */
export function renderCheckLine(report: CheckReport): string {
  if (report.findings.length === 0)
    return `  check: no plaintext secret left (${report.stats.files} files scanned)`;
  const first = report.findings
    .slice(0, 3)
    .map((f) => `${f.file}:${f.line} ${f.rule}${f.key ? ` ${f.key}` : ""}`);
  return `  check: ${report.findings.length} finding(s), e.g. ${first.join("; ")} — run \`secrets check\``;
}
