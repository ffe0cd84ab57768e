/**
 * Resolution: turns a stub's entries into variables, fetching every reference of the file with
 * one batch call per provider (and one fetch per JSON bundle, whatever the number of its keys).
 * The grouping and the reading of results are in resolve-plan.ts, shared with the synchronous
 * path of `dotsecrets/config`.
 */
import type { SecretProvider } from "../../providers/types.js";
import { UserError } from "../core/errors.js";
import type { Project } from "../core/project.js";
import { withRetry } from "../core/retry.js";
import type { EnvDocument } from "../envfile/types.js";
import {
  applyResults,
  finishResolution,
  planResolution,
  type ResolvedVariable,
  type SourceEntry,
  stubEntries,
  unknownProvider,
} from "./resolve-plan.js";
import { openForProject } from "./scope.js";

export { type ResolvedVariable, type SourceEntry, stubEntries } from "./resolve-plan.js";

export interface ResolveOptions {
  project: Project;
  env: NodeJS.ProcessEnv;
  /** Resolve only these keys (others are left out entirely). */
  only?: readonly string[];
  /** Opens a provider; tests and long-lived callers may pass their own. */
  open?: (kind: string) => Promise<SecretProvider>;
}

/**
 * Resolves every entry of a stub (the last assignment of a key wins, as in dotenv). Throws one
 * UserError(REFERENCE) listing every key that could not be resolved, naming file and line.
 */
export function resolveDocument(doc: EnvDocument, options: ResolveOptions): Promise<ResolvedVariable[]> {
  return resolveEntries(stubEntries(doc, options.only), options);
}

/**
 * Resolves a list of entries (from stubs and from the environment) with one batch call per
 * provider. Throws one UserError(REFERENCE) listing every entry that could not be resolved;
 * provider failures of a whole call (STORE_*, PROVIDER_*) are rethrown as they are.
 */
export async function resolveEntries(
  entries: readonly SourceEntry[],
  options: Pick<ResolveOptions, "project" | "env" | "open">,
): Promise<ResolvedVariable[]> {
  const plan = planResolution(entries);
  const open = options.open ?? ((kind: string) => openForProject(options.project, kind, options.env));
  for (const batch of plan.batches) {
    let provider: SecretProvider;
    try {
      provider = await open(batch.kind);
    } catch (error) {
      if (error instanceof UserError && error.code === "PROVIDER_UNKNOWN") {
        unknownProvider(plan, batch);
        continue;
      }
      throw error;
    }
    try {
      // Retries throttling and transient failures like migrate does (one shared policy).
      const requests = batch.requests;
      applyResults(plan, batch, await withRetry(() => provider.getMany(requests), { attempts: 3 }));
    } finally {
      await provider.close?.();
    }
  }
  return finishResolution(plan);
}
