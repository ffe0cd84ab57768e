/**
 * Codemods for dotenv bootstrapping (issue 13): detect how a project loads its env, plan span edits
 * that move it to dotsecrets/config, and write them. Pure except collectSources (reads) and
 * applyRewrite (writes).
 */
export { type ApplyHooks, applyRewrite } from "./apply.js";
export { type Collected, collectSources } from "./collect.js";
export { detectLoaders, type PlanOptions, planRewrite } from "./plan.js";
export { rewriteScript } from "./scripts.js";
export type {
  Detection,
  DetectionStats,
  FileEdit,
  LoaderFinding,
  RewritePlan,
  ShapeId,
  SourceFile,
  SpanEdit,
} from "./types.js";
