/** Renderers for the code rewrite: the unified diff to review, the loader table, a JSON summary. */
import type { LoaderFinding, RewritePlan } from "../rewrite/types.js";
import { unifiedDiff } from "./diff.js";
import { renderTable } from "./table.js";

/** Every edit of the plan as a unified diff, then what to install. */
export function renderCodeDiff(plan: RewritePlan): string {
  const diffs = plan.edits.map((edit) => unifiedDiff(edit.path, edit.before, edit.after)).join("");
  const installs = plan.install.map((item) => `Install: ${item.name} (${item.reason})\n`).join("");
  return `${diffs}${installs}`;
}

/** The loaders found, one row each: where, the shape, rewritten or not, and what it does to `secrets run`. */
export function renderLoaders(findings: readonly LoaderFinding[]): string {
  if (findings.length === 0) return "";
  const rows = findings.map((finding) => [
    `${finding.file}:${finding.line}`,
    finding.shape,
    finding.rewrite ? "rewrite" : finding.defeatsRun ? "DEFEATS run" : "guidance",
    finding.rewrite ? finding.guidance : `${finding.effect}; ${finding.guidance}`,
  ]);
  return renderTable(["where", "loader", "action", "what it does / what to do"], rows, {
    maxWidths: [undefined, undefined, undefined, 80],
  });
}

/** What --json says of a rewrite: files, findings and installs, without the file contents. */
export function codeSummary(plan: RewritePlan) {
  return {
    files: plan.edits.map((edit) => edit.path),
    findings: plan.findings,
    install: plan.install,
  };
}
