/**
 * The logic behind `dotsecrets/config`: resolve the environment's stub and add the variables to an
 * env object the way dotenv does (a variable that is already set wins unless override).
 */
import { existsSync } from "node:fs";
import { envFileFor, envName, loadProject } from "../core/project.js";
import { isReference } from "../core/reference.js";
import { loadStub } from "./load.js";

export interface InjectOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Environment name; default DOTSECRETS_ENV, else development. */
  envName?: string;
  /** Stub path; default DOTENV_CONFIG_PATH (dotenv/config's variable), else the environment's file. */
  path?: string;
  override?: boolean;
}

export interface InjectResult {
  file?: string;
  /** Keys set in the env object (names only). */
  injected: string[];
  /** Keys left alone because the environment already had them. */
  kept: string[];
  /** References outside the stub's own app/environment (names only, never values). */
  warnings: string[];
}

/**
 * Resolves the stub and sets variables in `env` (process.env by default). Does nothing inside
 * `secrets run` (which already injected them) or when there is no stub. Throws UserError when a
 * reference cannot be resolved, so an app fails fast with a clear message.
 */
export async function inject(options: InjectOptions = {}): Promise<InjectResult> {
  const env = options.env ?? process.env;
  if (env.DOTSECRETS_RUN === "1") return { injected: [], kept: [], warnings: [] };
  const cwd = options.cwd ?? process.cwd();
  const name = envName(env, options.envName);
  const file = options.path ?? env.DOTENV_CONFIG_PATH ?? envFileFor(loadProject(cwd), name);
  if (!existsSync(file)) return { injected: [], kept: [], warnings: [] };
  const loaded = await loadStub({ cwd, env, envName: name, file });
  const override = options.override ?? env.DOTENV_CONFIG_OVERRIDE === "true";
  const result: InjectResult = { file, injected: [], kept: [], warnings: loaded.warnings };
  for (const variable of loaded.variables) {
    // A reference exported into the environment (a stub passed to a container) is not a value.
    if (env[variable.key] !== undefined && !isReference(env[variable.key]!) && !override) {
      result.kept.push(variable.key);
      continue;
    }
    env[variable.key] = variable.value;
    result.injected.push(variable.key);
  }
  return result;
}
