/**
 * A project's rewrite, read from disk: the sources collected, the plan computed, and the
 * dotsecrets version range to add to dependencies. Reads; writes nothing.
 */
import { collectSources } from "./collect.js";
import { detectLoaders, planRewrite } from "./plan.js";
import type { Detection, RewritePlan } from "./types.js";

/** The range of dotsecrets a rewritten project depends on. */
export const DEPENDENCY_RANGE = "^0.1.0";

/** Plans the code rewrite of the project at `root`. Throws only for unexpected I/O failures. */
export async function planCodeRewrite(root: string): Promise<RewritePlan> {
  const collected = await collectSources(root);
  return planRewrite(collected.root, collected.files, { dependencyRange: DEPENDENCY_RANGE });
}

/** How the project at `root` loads its env: every loader found, rewritten or not. */
export async function detectProjectLoaders(root: string): Promise<Detection> {
  return detectLoaders((await collectSources(root)).files);
}
