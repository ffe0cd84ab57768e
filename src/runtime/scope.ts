/** Opening the project's provider: shared by set/get/list, run, migrate, undo and doctor. */
import { realpathSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { openProvider } from "../../providers/index.js";
import { resolveLocalPaths } from "../../providers/local/paths.js";
import type { SecretProvider } from "../../providers/types.js";
import { UserError } from "../core/errors.js";
import type { Project } from "../core/project.js";

/**
 * Opens a provider with the project's settings for it. Throws UserError(PROVIDER_UNKNOWN), or
 * CONFIG when the local store would live inside the project (where `git add -A` would stage it).
 */
export function openForProject(
  project: Project,
  kind: string,
  env: NodeJS.ProcessEnv,
): Promise<SecretProvider> {
  const settings = project.config.providers?.[kind] ?? {};
  if (kind === "local") assertStoreOutside(project.root, resolveLocalPaths(env, settings).dir);
  return openProvider(kind, { settings, env });
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Throws UserError(CONFIG) when `dir` is the project root or inside it. */
function assertStoreOutside(root: string, dir: string): void {
  const inside = relative(real(root), real(dir));
  const outside = inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside);
  if (!outside) {
    throw new UserError("CONFIG", `the local store's folder ${dir} is inside the project ${root}`, {
      hint: "set DOTSECRETS_HOME (or providers.local.home) to a folder outside the project, such as ~/.local/share/dotsecrets: inside it, `git add -A` would commit the store and its key",
    });
  }
}
