/** Opening the project's provider: shared by set/get/list, run and migrate. */
import { openProvider } from "../../providers/index.js";
import type { SecretProvider } from "../../providers/types.js";
import type { Project } from "../core/project.js";

/** Opens a provider with the project's settings for it. Throws UserError(PROVIDER_UNKNOWN). */
export function openForProject(
  project: Project,
  kind: string,
  env: NodeJS.ProcessEnv,
): Promise<SecretProvider> {
  return openProvider(kind, { settings: project.config.providers?.[kind] ?? {}, env });
}
