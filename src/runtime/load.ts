/**
 * Loads an environment's stubs (layered: layers.ts) and resolves them into the variables to inject
 * for `secrets run`; the library's injections share every rule through inject-target.ts.
 */
import { relative } from "node:path";
import { assertKey } from "../core/names.js";
import { loadProject, type Project } from "../core/project.js";
import { readEnvFile } from "../envfile/index.js";
import type { EnvDocument } from "../envfile/types.js";
import { chooseLayers, type ExplainRow, mergeLayers, noLayersError } from "./layers.js";
import { type ResolvedVariable, resolveEntries } from "./resolve.js";
import { assertSafeNames, checkStubScope, injectionEntries, shadowWarning } from "./sources.js";

export interface LoadOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Environment name: which layers are read (docs/layering.md). */
  envName: string;
  /** An explicit list of stub paths instead of the layers (the first one wins). */
  files?: readonly string[];
  /** One explicit stub path (kept for callers of the single-file form). */
  file?: string;
  only?: readonly string[];
  allowUnsafeNames?: boolean;
  /** Stub values win over variables already set in `env`. */
  override?: boolean;
  /** Only choose and merge the files (for --explain): nothing is resolved. */
  explainOnly?: boolean;
}

export interface Loaded {
  project: Project;
  /** The most specific stub read. */
  file: string;
  /** Every stub read, lowest precedence first. */
  files: string[];
  /** The same, as messages name them (relative to the working directory). */
  read: string[];
  /**
   * What to set in the environment: the stubs' entries `env` does not already set (all with
   * override), and the variables of `env` whose `secret://` reference was resolved (sources.ts).
   */
  variables: ResolvedVariable[];
  /** Stub keys left alone because `env` already sets them. */
  kept: string[];
  /** References outside their stub's own app/environment, and shadowed secrets (names only). */
  warnings: string[];
  /** Which file gave each key (names, files and lines only). */
  explain: ExplainRow[];
}

/**
 * Reads the layered stubs and resolves what they add to `env`, plus the `secret://` references
 * already in `env` (sources.ts). Throws UserError when no stub is in reach or an explicit one is
 * missing (CONFIG), a reference cannot be resolved (REFERENCE), a stub sets an unsafe name without
 * allowUnsafeNames, or puts a reference under a public prefix such as NEXT_PUBLIC_ (UNSAFE_NAME), or
 * an `only` name is not a variable name (USAGE).
 */
export async function loadStub(options: LoadOptions): Promise<Loaded> {
  for (const key of options.only ?? []) assertKey(key, "a name given to --only");
  const project = loadProject(options.cwd);
  const request = {
    project,
    cwd: options.cwd,
    envName: options.envName,
    ...((options.files ?? (options.file ? [options.file] : undefined)) && {
      files: options.files ?? [options.file!],
    }),
  };
  const { files } = chooseLayers(request);
  if (files.length === 0) throw noLayersError(request);
  const docs: EnvDocument[] = [];
  const warnings: string[] = [];
  for (const file of files) {
    const doc = await readEnvFile(file);
    doc.file = relative(options.cwd, file) || file;
    if (!options.allowUnsafeNames) assertSafeNames(doc);
    warnings.push(...checkStubScope(doc, project, file));
    docs.push(doc);
  }
  const layered = mergeLayers(docs, options.only);
  const read = docs.map((doc) => doc.file);
  const base = { project, file: files.at(-1)!, files, read, explain: layered.explain };
  if (options.explainOnly) return { ...base, variables: [], kept: [], warnings };
  const { entries, kept, shadowed } = injectionEntries(layered.entries, options.env, {
    ...(options.override !== undefined && { override: options.override }),
    ...(options.only && { only: options.only }),
  });
  const variables = await resolveEntries(entries, { project, env: options.env });
  if (shadowed.length > 0) {
    // Only to compare: a shadowed secret that cannot be read is not this run's problem.
    const resolved = await resolveEntries(shadowed, { project, env: options.env }).catch(() => []);
    const shadow = shadowWarning(resolved, options.env);
    if (shadow) warnings.push(shadow);
  }
  return { ...base, variables, kept, warnings };
}
