/**
 * Loads an environment's stub and resolves it into the variables to inject: shared by
 * `secrets run` and `dotsecrets/config`.
 */
import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { UserError } from "../core/errors.js";
import { assertKey } from "../core/names.js";
import { envFileFor, loadProject, type Project } from "../core/project.js";
import { readEnvFile } from "../envfile/index.js";
import { type ResolvedVariable, resolveEntries, stubEntries } from "./resolve.js";
import { assertSafeNames, checkStubScope, injectionEntries } from "./sources.js";

export interface LoadOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Environment name (development → `.env`, else `.env.<name>`). */
  envName: string;
  /** An explicit stub path instead of the environment's. */
  file?: string;
  only?: readonly string[];
  allowUnsafeNames?: boolean;
  /** Stub values win over variables already set in `env`. */
  override?: boolean;
}

export interface Loaded {
  project: Project;
  file: string;
  /**
   * What to set in the environment: the stub's entries `env` does not already set (all with
   * override), and the variables of `env` whose `secret://` reference was resolved (sources.ts).
   */
  variables: ResolvedVariable[];
  /** Stub keys left alone because `env` already sets them. */
  kept: string[];
  /** References outside the stub's own app/environment (names only), for the caller to show. */
  warnings: string[];
}

/**
 * Reads a stub and resolves what it adds to `env`, plus the `secret://` references already in
 * `env` (sources.ts). Throws UserError when the stub is missing (CONFIG), a reference cannot
 * be resolved (REFERENCE), the stub sets an unsafe name without allowUnsafeNames, or puts a
 * reference under a public prefix such as NEXT_PUBLIC_ (UNSAFE_NAME), or an `only` name is not a
 * variable name (USAGE).
 */
export async function loadStub(options: LoadOptions): Promise<Loaded> {
  for (const key of options.only ?? []) assertKey(key, "a name given to --only");
  const project = loadProject(options.cwd);
  const file = options.file ? resolve(options.cwd, options.file) : envFileFor(project, options.envName);
  const shown = relative(options.cwd, file) || file;
  if (!existsSync(file)) {
    throw new UserError(
      "CONFIG",
      `no env file for environment '${options.envName}': ${shown} does not exist`,
      {
        hint: "run `secrets migrate` to create it, pass --env NAME, or --file PATH",
      },
    );
  }
  const doc = await readEnvFile(file);
  doc.file = shown;
  if (!options.allowUnsafeNames) assertSafeNames(doc);
  const warnings = checkStubScope(doc, project, file, options.envName);
  const { entries, kept } = injectionEntries(stubEntries(doc, options.only), options.env, {
    ...(options.override !== undefined && { override: options.override }),
    ...(options.only && { only: options.only }),
  });
  const variables = await resolveEntries(entries, { project, env: options.env });
  return { project, file, variables, kept, warnings };
}
