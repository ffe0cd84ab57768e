/**
 * The codemod's two doors: detectLoaders (what the project's env loading is and what it does to
 * `secrets run`) and planRewrite (the new content of every file to edit). Pure: texts in, data out.
 */
import { posix } from "node:path";
import { analyzeJs } from "./js-file.js";
import { reportOther } from "./other-files.js";
import { addDependencyEdit, type PackageJsonPlan, planPackageJson } from "./package-json.js";
import { fileKind, mayLoadEnv } from "./prefilter.js";
import { makeFinding } from "./shapes.js";
import { applySpans, type SpanEdit } from "./spans.js";
import type { Detection, DetectionStats, FileEdit, LoaderFinding, RewritePlan, SourceFile } from "./types.js";

export interface PlanOptions {
  /** The version range written for dotsecrets in dependencies (default "^0.1.0"). */
  dependencyRange?: string;
}

interface FileResult {
  file: SourceFile;
  findings: LoaderFinding[];
  edits: SpanEdit[];
  importsDotsecrets: boolean;
  pkg?: PackageJsonPlan;
}

function analyze(files: readonly SourceFile[]): { results: FileResult[]; stats: DetectionStats } {
  const stats: DetectionStats = { files: files.length, candidates: 0, parsed: 0 };
  const results: FileResult[] = [];
  for (const file of files) {
    const kind = fileKind(file.path);
    if (!kind) continue;
    if (kind === "package-json") {
      // Always read (it may need the dependency), but only JSON-scanned: never parsed as code.
      const pkg = planPackageJson(file.path, file.text);
      results.push({ file, findings: pkg.findings, edits: pkg.edits, importsDotsecrets: false, pkg });
      continue;
    }
    if (!mayLoadEnv(kind, file.text)) continue;
    stats.candidates++;
    if (kind === "js") {
      stats.parsed++;
      results.push({ file, ...analyzeJs(file.path, file.text) });
    } else {
      results.push({
        file,
        findings: reportOther(kind, file.path, file.text),
        edits: [],
        importsDotsecrets: false,
      });
    }
  }
  return { results, stats };
}

const byPlace = (a: LoaderFinding, b: LoaderFinding) =>
  a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;

/**
 * Finds how the project loads its env: one finding per loader, with its shape, what it does to
 * `secrets run`, and whether planRewrite rewrites it. Files are pre-filtered by substring, so a
 * file that cannot load an env file is never parsed (see `stats`). Pure; never throws.
 */
export function detectLoaders(files: readonly SourceFile[]): Detection {
  const { results, stats } = analyze(files);
  return { findings: results.flatMap((r) => r.findings).sort(byPlace), stats };
}

/**
 * Plans the rewrite of `files` (paths relative to `root`): each edited file's content before and
 * after, computed with span edits so only the changed spans differ; running it again on the output
 * changes nothing. Adds dotsecrets to the nearest package.json's dependencies when code or a script
 * now needs it. Pure; never throws (a file that does not parse is reported and left untouched).
 */
export function planRewrite(
  root: string,
  files: readonly SourceFile[],
  options: PlanOptions = {},
): RewritePlan {
  const { results, stats } = analyze(files);
  const range = options.dependencyRange ?? "^0.1.0";
  const packages = new Map(results.filter((r) => r.pkg).map((r) => [posix.dirname(r.file.path), r]));
  const install: RewritePlan["install"] = [];
  const needing = new Map<FileResult | null, string>();
  for (const r of results) {
    if (r.pkg?.needsDotsecrets) needing.set(r, "package.json scripts now use dotsecrets");
    else if (r.importsDotsecrets && r.edits.length > 0) {
      const owner = nearest(packages, r.file.path);
      if (!needing.has(owner)) needing.set(owner, `${r.file.path} now imports dotsecrets/config`);
    }
  }
  for (const [owner, reason] of needing) {
    if (!owner?.pkg) {
      install.push({
        packageJson: null,
        name: "dotsecrets",
        reason: `${reason}, and no package.json was found above it`,
      });
      continue;
    }
    const where = owner.file.path;
    if (owner.pkg.dotsecretsIn === "dependencies") continue;
    if (owner.pkg.hasDotsecrets) {
      install.push({
        packageJson: where,
        name: "dotsecrets",
        reason: `${reason}: move it from ${owner.pkg.dotsecretsIn} to dependencies`,
      });
      continue;
    }
    owner.edits.push(addDependencyEdit(owner.file.text, range));
    owner.findings.push(makeFinding(where, { line: 1, column: 1 }, "dependency-added", true));
    install.push({
      packageJson: where,
      name: "dotsecrets",
      reason: `${reason}: added to dependencies, run your package manager's install`,
    });
  }
  const edits: FileEdit[] = [];
  for (const r of results) {
    if (r.edits.length === 0) continue;
    let after: string;
    try {
      after = applySpans(r.file.text, r.edits);
    } catch {
      // Overlapping edits are a planner bug: leave the file as it is and say so.
      const guidance = "left untouched: the codemod could not edit this file safely; please report it";
      r.findings.push(makeFinding(r.file.path, { line: 1, column: 1 }, "parse-error", false, guidance));
      continue;
    }
    if (after === r.file.text) continue;
    const spans = [...r.edits].sort((a, b) => a.start - b.start || a.end - b.end);
    edits.push({ path: r.file.path, before: r.file.text, after, spans, findings: r.findings.sort(byPlace) });
  }
  edits.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { root, edits, findings: results.flatMap((r) => r.findings).sort(byPlace), install, stats };
}

function nearest(packages: Map<string, FileResult>, path: string): FileResult | null {
  let dir = posix.dirname(path);
  for (;;) {
    const hit = packages.get(dir);
    if (hit) return hit;
    if (dir === "." || dir === "/" || dir === "") return null;
    dir = posix.dirname(dir);
  }
}
