/**
 * What the two injections share (inject.ts, async; inject-sync.ts, for dotsecrets/config): which
 * stubs (layered exactly as `secrets run` does: layers.ts), which object, what to resolve, and setting the result the way dotenv does (a variable that
 * is already set wins unless override; `secret://` references already in the environment are
 * resolved, sources.ts). Nothing here imports the provider registry, so config.cjs stays small.
 */
import { relative } from "node:path";
import { envName, loadProject, type Project } from "../core/project.js";
import type { EnvDocument } from "../envfile/types.js";
import { chooseLayers, type ExplainRow, mergeLayers } from "./layers.js";
import type { ResolvedVariable } from "./resolve-plan.js";
import {
  assertSafeNames,
  checkStubScope,
  type InjectionEntries,
  injectionEntries,
  shadowWarning,
} from "./sources.js";

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
  /**
   * Stub path, or a list (the first wins); default DOTENV_CONFIG_PATH (dotenv/config's variable),
   * else the environment's layers from the working directory up to the project root.
   */
  path?: string | readonly string[];
  /** Stub values win over variables already set; default DOTENV_CONFIG_OVERRIDE=true. */
  override?: boolean;
}

export interface InjectResult {
  /** The most specific stub read, when there was one. */
  file?: string;
  /** Every stub read, lowest precedence first. */
  files: string[];
  /** Which file gave each key (names, files and lines only). */
  explain: ExplainRow[];
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
  /** Absolute paths of the stubs read, lowest precedence first (layers.ts). */
  files: string[];
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
  const explicit = path === undefined ? undefined : typeof path === "string" ? [path] : [...path];
  const { files } = chooseLayers({ project, cwd, envName: name, ...(explicit && { files: explicit }) });
  const override = options.override ?? env.DOTENV_CONFIG_OVERRIDE === "true";
  const processEnv = options.processEnv ?? env;
  return { env, processEnv, cwd, project, override, envName: name, files };
}

/** The stub's name in messages: relative to the working directory. */
export function shownPath(target: InjectTarget, file: string): string {
  return relative(target.cwd, file) || file;
}

/**
 * Chooses what to resolve from the parsed stubs (target.files' documents, in order) and the
 * environment. Throws UserError(UNSAFE_NAME) when a stub sets PATH, NODE_OPTIONS and the like.
 */
export function entriesFor(
  docs: readonly EnvDocument[],
  target: InjectTarget,
): InjectionEntries & { warnings: string[]; explain: ExplainRow[] } {
  const warnings: string[] = [];
  for (const [index, doc] of docs.entries()) {
    assertSafeNames(doc);
    warnings.push(...checkStubScope(doc, target.project, target.files[index]!));
  }
  const layered = mergeLayers(docs);
  return {
    ...injectionEntries(layered.entries, target.processEnv, { override: target.override }),
    warnings,
    explain: layered.explain,
  };
}

/**
 * Sets the resolved variables in the target's env; `shadowed` are the stub secrets the environment
 * kept, resolved, for the shadow warning (names only). Throws nothing.
 */
export function applyInjection(
  target: InjectTarget,
  chosen: { kept: string[]; warnings: string[]; explain: ExplainRow[] },
  variables: readonly ResolvedVariable[],
  shadowed: ReadonlyArray<{ key: string; value: string }> = [],
): InjectResult {
  for (const variable of variables) target.processEnv[variable.key] = variable.value;
  const shadow = shadowWarning(shadowed, target.processEnv, "override: true (DOTENV_CONFIG_OVERRIDE=true)");
  const file = target.files.at(-1);
  return {
    ...(file && { file }),
    files: target.files,
    explain: chosen.explain,
    injected: variables.map((v) => v.key),
    kept: chosen.kept,
    warnings: shadow ? [...chosen.warnings, shadow] : chosen.warnings,
  };
}
