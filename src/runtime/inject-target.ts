/**
 * What the two injections share (inject.ts, async; inject-sync.ts, for dotsecrets/config): which
 * stub, which object, what to resolve, and setting the result the way dotenv does (a variable that
 * is already set wins unless override; `secret://` references already in the environment are
 * resolved, sources.ts). Nothing here imports the provider registry, so config.cjs stays small.
 */
import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { envFileFor, envName, loadProject, type Project } from "../core/project.js";
import type { EnvDocument } from "../envfile/types.js";
import { type ResolvedVariable, stubEntries } from "./resolve-plan.js";
import { assertSafeNames, checkStubScope, type InjectionEntries, injectionEntries } from "./sources.js";

export interface InjectOptions {
  cwd?: string;
  /** Where settings (DOTSECRETS_ENV, DOTENV_CONFIG_PATH) and provider credentials are read; default process.env. */
  env?: NodeJS.ProcessEnv;
  /**
   * The object to fill (dotenv's option of the same name); default `env`. Its variables are the
   * ones that win over the stub, and its `secret://` values are the ones resolved.
   */
  processEnv?: Record<string, string | undefined>;
  /** Environment name; default DOTSECRETS_ENV, else development. */
  envName?: string;
  /** Stub path; default DOTENV_CONFIG_PATH (dotenv/config's variable), else the environment's file. */
  path?: string;
  /** Stub values win over variables already set; default DOTENV_CONFIG_OVERRIDE=true. */
  override?: boolean;
}

export interface InjectResult {
  /** The stub read, when there was one. */
  file?: string;
  /** Keys set in the env object (names only), environment references included. */
  injected: string[];
  /** Keys left alone because the environment already had them. */
  kept: string[];
  /** References outside the stub's own app/environment (names only, never values). */
  warnings: string[];
}

/** Where an injection reads from and writes to; undefined inside `secrets run`. */
export interface InjectTarget {
  /** Settings and provider credentials. */
  env: NodeJS.ProcessEnv;
  /** The object the variables go into. */
  processEnv: Record<string, string | undefined>;
  cwd: string;
  project: Project;
  /** Absolute path of the stub, when it exists. */
  file?: string;
  override: boolean;
  envName: string;
}

/**
 * Works out the env, project and stub of an injection; undefined when DOTSECRETS_RUN=1 (the values
 * are already there). Throws UserError(CONFIG) for a bad dotsecrets.json, USAGE for a bad env name.
 */
export function injectTarget(options: InjectOptions): InjectTarget | undefined {
  const env = options.env ?? process.env;
  if (env.DOTSECRETS_RUN === "1") return undefined;
  const cwd = options.cwd ?? process.cwd();
  const project = loadProject(cwd);
  const path = options.path ?? env.DOTENV_CONFIG_PATH;
  const name = envName(env, options.envName);
  const file = path !== undefined ? resolve(cwd, path) : envFileFor(project, name);
  const override = options.override ?? env.DOTENV_CONFIG_OVERRIDE === "true";
  const processEnv = options.processEnv ?? env;
  return { env, processEnv, cwd, project, override, envName: name, ...(existsSync(file) && { file }) };
}

/** The stub's name in messages: relative to the working directory. */
export function shownPath(target: InjectTarget, file: string): string {
  return relative(target.cwd, file) || file;
}

/**
 * Chooses what to resolve from a parsed stub (or none) and the environment.
 * Throws UserError(UNSAFE_NAME) when the stub sets PATH, NODE_OPTIONS and the like.
 */
export function entriesFor(
  doc: EnvDocument | undefined,
  target: InjectTarget,
): InjectionEntries & { warnings: string[] } {
  if (doc) assertSafeNames(doc);
  const warnings = doc && target.file ? checkStubScope(doc, target.project, target.file, target.envName) : [];
  return {
    ...injectionEntries(doc ? stubEntries(doc) : [], target.processEnv, { override: target.override }),
    warnings,
  };
}

/** Sets the resolved variables in the target's env. Throws nothing. */
export function applyInjection(
  target: InjectTarget,
  variables: readonly ResolvedVariable[],
  kept: string[],
  warnings: string[] = [],
): InjectResult {
  for (const variable of variables) target.processEnv[variable.key] = variable.value;
  return { ...(target.file && { file: target.file }), injected: variables.map((v) => v.key), kept, warnings };
}
