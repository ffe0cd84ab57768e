/**
 * The committed project configuration, `dotsecrets.json` at the project root. It holds only
 * non-secret options — which provider, the app name used in scoped names, provider settings such
 * as a region — so it is safe to commit and to show to anyone:
 *
 * {
 *   "provider": "local",
 *   "app": "shop",
 *   "providers": { "local": {} },
 *   "environments": { "services/worker/.env": "worker-dev" },
 *   "files": { ".env": { "app": "shop", "env": "development" } }
 * }
 *
 * `environments` maps a file to an environment by hand (migrate --env-map); `files` records the
 * scope every migrated file's secrets live under (docs/layering.md), written by migrate.
 *
 * Every field is optional. The project root is the nearest folder, from the working directory
 * up, that holds dotsecrets.json; without one, the working directory.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { UserError } from "./errors.js";
import { keyProblem } from "./names.js";

const ENV_NAME = /^[A-Za-z0-9_.-]+$/;

export const CONFIG_FILE = "dotsecrets.json";

export interface ProjectConfig {
  provider?: string;
  app?: string;
  providers?: Record<string, Record<string, unknown>>;
  /** Env file (relative to the root) → environment name, overriding the naming convention. */
  environments?: Record<string, string>;
  /** The layout migrate used (per-key or bundle). */
  layout?: string;
  /** Env file (relative to the root) → the scope its secrets were migrated to. */
  files?: Record<string, { app: string; env: string }>;
}

export interface Project {
  root: string;
  config: ProjectConfig;
  /** Whether dotsecrets.json exists. */
  configured: boolean;
}

/** Finds the project root from `cwd` upwards and reads its config. Throws UserError(CONFIG) when it is invalid. */
export function loadProject(cwd: string): Project {
  for (let dir = cwd; ; dir = dirname(dir)) {
    const file = join(dir, CONFIG_FILE);
    if (existsSync(file)) return { root: dir, config: readConfig(file), configured: true };
    if (dirname(dir) === dir) break;
  }
  return { root: cwd, config: {}, configured: false };
}

function readConfig(file: string): ProjectConfig {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UserError("CONFIG", `${file}: not valid JSON (${(error as Error).message})`, {
      hint: `fix the file or delete it and run \`secrets migrate\` again`,
    });
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new UserError("CONFIG", `${file}: expected a JSON object`);
  }
  const config = data as Record<string, unknown>;
  for (const field of ["provider", "app"] as const) {
    if (config[field] !== undefined && typeof config[field] !== "string") {
      throw new UserError("CONFIG", `${file}: "${field}" must be a string`);
    }
  }
  for (const field of ["providers", "environments"] as const) {
    const value = config[field];
    if (value !== undefined && (typeof value !== "object" || value === null || Array.isArray(value))) {
      throw new UserError("CONFIG", `${file}: "${field}" must be an object`);
    }
  }
  const files = config.files;
  if (files !== undefined) {
    const bad =
      typeof files !== "object" ||
      files === null ||
      Array.isArray(files) ||
      Object.values(files).some(
        (scope) =>
          typeof scope !== "object" ||
          scope === null ||
          typeof (scope as { app?: unknown }).app !== "string" ||
          typeof (scope as { env?: unknown }).env !== "string",
      );
    if (bad) {
      throw new UserError("CONFIG", `${file}: "files" must map each file to { "app": …, "env": … }`, {
        hint: 'fix the entry, or delete "files" and run `secrets migrate` again',
      });
    }
  }
  return config as ProjectConfig;
}

/** Turns any string into a valid name segment: letters, digits, `_`, `.`, `-`. */
export function toSegment(text: string): string {
  const cleaned = text
    .replace(/^@/, "")
    .replace(/[^A-Za-z0-9_.-]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "");
  return cleaned || "app";
}

/** The app name used in scoped names: the config's, else package.json's name, else the folder name. */
export function appName(project: Project, override?: string): string {
  if (override) return toSegment(override);
  if (project.config.app) return toSegment(project.config.app);
  try {
    const pkg = JSON.parse(readFileSync(join(project.root, "package.json"), "utf8")) as { name?: unknown };
    if (typeof pkg.name === "string" && pkg.name) return toSegment(pkg.name);
  } catch {
    // no package.json, or not JSON: fall back to the folder name
  }
  return toSegment(basename(project.root));
}

/** The provider to use: an explicit choice, else the config's, else `local`. */
export function providerName(project: Project, override?: string): string {
  return override ?? project.config.provider ?? "local";
}

/** The env file that holds an environment's stub: `.env` for development, `.env.<name>` otherwise. */
export function envFileFor(project: Project, env: string): string {
  const mapped = Object.entries(project.config.environments ?? {}).find(([, name]) => name === env);
  if (mapped) return join(project.root, mapped[0]);
  return join(project.root, env === "development" ? ".env" : `.env.${env}`);
}

/** The environment to use: an explicit choice, else DOTSECRETS_ENV, else development. */
export function envName(env: NodeJS.ProcessEnv, override?: string): string {
  const name = override ?? env.DOTSECRETS_ENV ?? "development";
  const problem = keyProblem(name, ENV_NAME);
  if (problem !== undefined) {
    // Not echoed: a mistyped command line can put a value here.
    throw new UserError("USAGE", `the environment name ${problem}`, {
      hint: "use letters, digits, _ . -",
    });
  }
  return name;
}
