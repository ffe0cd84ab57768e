/**
 * Loads an environment's stub and resolves it into the variables to inject: shared by
 * `secrets run` and `dotsecrets/config`.
 */
import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { readEnvFile } from "../envfile/index.js";
import { UserError } from "../errors.js";
import { assertKey } from "./key-rules.js";
import { envFileFor, loadProject, type Project } from "./project.js";
import { type ResolvedVariable, resolveDocument } from "./resolve.js";
import { unsafeReason } from "./unsafe-names.js";

export interface LoadOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Environment name (development → `.env`, else `.env.<name>`). */
  envName: string;
  /** An explicit stub path instead of the environment's. */
  file?: string;
  only?: readonly string[];
  allowUnsafeNames?: boolean;
}

export interface Loaded {
  project: Project;
  file: string;
  variables: ResolvedVariable[];
}

/**
 * Reads and resolves a stub. Throws UserError when an `only` name is not a variable name (USAGE),
 * the stub is missing (CONFIG), a reference cannot
 * be resolved (REFERENCE), or the stub sets an unsafe name without allowUnsafeNames (UNSAFE_NAME).
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
  if (!options.allowUnsafeNames) {
    const unsafe = doc.entries.flatMap((entry) => {
      const rule = unsafeReason(entry.key);
      return rule ? [`${entry.key} (line ${entry.line}: ${rule.reason})`] : [];
    });
    if (unsafe.length > 0) {
      throw new UserError(
        "UNSAFE_NAME",
        `${shown} sets variables that can change what code runs: ${unsafe.join("; ")}`,
        {
          hint: "remove the line (docs/unsafe-names.md lists these names), or pass --allow-unsafe-names if you really mean it",
        },
      );
    }
  }
  const variables = await resolveDocument(doc, {
    project,
    env: options.env,
    ...(options.only && { only: options.only }),
  });
  return { project, file, variables };
}
