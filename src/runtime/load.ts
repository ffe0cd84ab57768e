/**
 * Loads an environment's stub and resolves it into the variables to inject: shared by
 * `secrets run` and `dotsecrets/config`.
 */
import { existsSync } from "node:fs";
import { basename, relative, resolve } from "node:path";
import { UserError } from "../core/errors.js";
import { assertKey } from "../core/names.js";
import { appName, envFileFor, loadProject, type Project } from "../core/project.js";
import { readEnvFile } from "../envfile/index.js";
import { checkReferenceScope, type StubScope } from "./reference-scope.js";
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
  /** References outside the stub's own app/environment (names only), for the caller to show. */
  warnings: string[];
}

/**
 * Reads and resolves a stub. Throws UserError when an `only` name is not a variable name (USAGE),
 * the stub is missing (CONFIG), a reference cannot
 * be resolved (REFERENCE), or the stub sets an unsafe name without allowUnsafeNames or puts a
 * reference under a public prefix such as NEXT_PUBLIC_ (UNSAFE_NAME).
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
  const scope = checkReferenceScope(doc, stubScope(project, file, options.envName));
  if (scope.refused.length > 0) {
    throw new UserError(
      "UNSAFE_NAME",
      `${shown} puts secret references where browsers would get them: ${scope.refused.join("; ")}`,
      {
        hint: "keep a public value plain in the stub, and a secret under a name without the public prefix",
      },
    );
  }
  const variables = await resolveDocument(doc, {
    project,
    env: options.env,
    ...(options.only && { only: options.only }),
  });
  return { project, file, variables, warnings: scope.warnings };
}

/**
 * The app and environment a stub file belongs to: the environment asked for when the file is that
 * environment's stub, else what its name says (`.env` development, `.env.<name>[.local]`);
 * undefined for other names. Never throws (an unreadable package.json only changes the app name).
 */
function stubScope(project: Project, file: string, envName: string): StubScope | undefined {
  const app = appName(project);
  if (resolve(file) === resolve(envFileFor(project, envName))) return { app, env: envName };
  const mapped = Object.entries(project.config.environments ?? {}).find(
    ([path]) => resolve(project.root, path) === resolve(file),
  );
  if (mapped) return { app, env: mapped[1] };
  const parts = basename(file).split(".");
  if (parts[0] !== "" || parts[1] !== "env") return undefined;
  const rest = parts.slice(2).filter((part) => part !== "local");
  if (rest.length === 0) return { app, env: "development" };
  return rest.length === 1 ? { app, env: rest[0]! } : undefined;
}
