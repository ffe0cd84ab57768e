/**
 * One JavaScript/TypeScript file through the codemod: prefilter, parse, scan, plan. A file that
 * does not parse, or lies in build output, gets findings but never an edit.
 */
import { planJs } from "./js-plan.js";
import { scanFile } from "./js-scan.js";
import { parseSource } from "./parse.js";
import { isCompiledOutput } from "./prefilter.js";
import { makeFinding } from "./shapes.js";
import type { SpanEdit } from "./spans.js";
import type { LoaderFinding } from "./types.js";

export interface JsFileResult {
  findings: LoaderFinding[];
  edits: SpanEdit[];
  importsDotsecrets: boolean;
}

/** Analyses one candidate file (the caller has run the prefilter). Pure; never throws. */
export function analyzeJs(path: string, text: string): JsFileResult {
  const parsed = parseSource(path, text);
  if (!parsed.ok) {
    const guidance = `left untouched: ${parsed.reason}; fix the syntax or edit its env loading by hand`;
    return {
      findings: [makeFinding(path, parsed, "parse-error", false, guidance)],
      edits: [],
      importsDotsecrets: false,
    };
  }
  const ext = path.slice(path.lastIndexOf(".") + 1);
  const plan = planJs(path, text, scanFile(parsed.ast, ext));
  if (!isCompiledOutput(path, text) || plan.findings.length === 0) return plan;
  for (const f of plan.findings) {
    f.rewrite = false;
    f.guidance = "build output, never edited: the source it is built from is rewritten; rebuild";
  }
  const first = plan.findings[0]!;
  const note = makeFinding(path, first, "compiled-output", false);
  return { findings: [note, ...plan.findings], edits: [], importsDotsecrets: false };
}
