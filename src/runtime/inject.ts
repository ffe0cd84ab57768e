/**
 * The logic behind loadSecrets (and the async twin of dotsecrets/config, inject-sync.ts): resolve
 * the environment's stub and the environment's own `secret://` references, and set the variables
 * the way dotenv does (inject-target.ts).
 */
import { readEnvFile } from "../envfile/index.js";
import type { EnvDocument } from "../envfile/types.js";
import {
  applyInjection,
  entriesFor,
  type InjectOptions,
  type InjectResult,
  injectTarget,
  shownPath,
} from "./inject-target.js";
import { resolveEntries } from "./resolve.js";

export type { InjectOptions, InjectResult } from "./inject-target.js";

/**
 * Resolves the layered stubs (layers.ts) and the environment's references and sets the variables in `env`
 * (process.env by default). Does nothing inside `secrets run` (which already injected them); with
 * no stub, only the environment's references are resolved. Throws UserError when a reference
 * cannot be resolved (REFERENCE, naming the file and line or the variable), so an app fails fast.
 */
export async function inject(options: InjectOptions = {}): Promise<InjectResult> {
  const target = injectTarget(options);
  if (!target) return { files: [], explain: [], injected: [], kept: [], warnings: [] };
  const docs: EnvDocument[] = [];
  for (const file of target.files) {
    const doc = await readEnvFile(file);
    doc.file = shownPath(target, file);
    docs.push(doc);
  }
  const chosen = entriesFor(docs, target);
  const resolveOptions = { project: target.project, env: target.env };
  const variables = chosen.entries.length > 0 ? await resolveEntries(chosen.entries, resolveOptions) : [];
  // Only to compare with the environment's value: a shadowed secret that cannot be read is no error.
  const shadowed =
    chosen.shadowed.length > 0 ? await resolveEntries(chosen.shadowed, resolveOptions).catch(() => []) : [];
  return applyInjection(target, chosen, variables, shadowed);
}
