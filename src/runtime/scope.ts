/** Scoped names and opening the project's provider: shared by set/get/list, run and migrate. */
import { openProvider } from "../../providers/index.js";
import type { SecretProvider } from "../../providers/types.js";
import { UserError } from "../errors.js";
import type { Project } from "./project.js";

/** `<app>/<environment>/<KEY>`: the provider-side name of one key. */
export function scopedName(app: string, env: string, key: string): string {
  return `${app}/${env}/${key}`;
}

export { assertKey, KEY_PATTERN, keyProblem } from "./key-rules.js";

/** Opens a provider with the project's settings for it. Throws UserError(PROVIDER_UNKNOWN). */
export function openForProject(
  project: Project,
  kind: string,
  env: NodeJS.ProcessEnv,
): Promise<SecretProvider> {
  return openProvider(kind, { settings: project.config.providers?.[kind] ?? {}, env });
}

/** Throws UserError(PROVIDER_NAME / PROVIDER_SIZE) when the provider would reject this name or value. */
export function assertAcceptable(provider: SecretProvider, name: string, value: string, where: string): void {
  const problem = provider.checkName(name);
  if (problem) {
    throw new UserError(
      "PROVIDER_NAME",
      `${where}: the ${provider.kind} provider rejects the name '${name}': ${problem}`,
      {
        hint: provider.limits.nameRules,
      },
    );
  }
  const bytes = Buffer.byteLength(value, "utf8");
  if (bytes > provider.limits.maxValueBytes) {
    throw new UserError(
      "PROVIDER_SIZE",
      `${where}: the value is ${bytes} bytes, over the ${provider.kind} provider's limit of ${provider.limits.maxValueBytes}`,
      { hint: "store large files elsewhere and keep a path or URL in the variable" },
    );
  }
}
