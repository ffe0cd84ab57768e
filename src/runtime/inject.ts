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
 * Resolves the stub and the environment's references and sets the variables in `env`
 * (process.env by default). Does nothing inside `secrets run` (which already injected them); with
 * no stub, only the environment's references are resolved. Throws UserError when a reference
 * cannot be resolved (REFERENCE, naming the file and line or the variable), so an app fails fast.
 */
export async function inject(options: InjectOptions = {}): Promise<InjectResult> {
  const target = injectTarget(options);
  if (!target) return { injected: [], kept: [], warnings: [] };
  let doc: EnvDocument | undefined;
  if (target.file) {
    doc = await readEnvFile(target.file);
    doc.file = shownPath(target, target.file);
  }
  const { entries, kept, warnings } = entriesFor(doc, target);
  if (entries.length === 0) return applyInjection(target, [], kept, warnings);
  const variables = await resolveEntries(entries, { project: target.project, env: target.env });
  return applyInjection(target, variables, kept, warnings);
}
