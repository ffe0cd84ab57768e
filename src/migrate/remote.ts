/**
 * What the provider already holds under the planned names: absent, the same value (nothing to
 * write), a different value (a conflict unless --overwrite), or a bundle to merge into.
 */
import type { SecretProvider } from "../../providers/types.js";
import { parseBundle } from "../core/bundle.js";
import type { PlannedWrite, PlanProblem } from "./types.js";

/** Sets each write's `remote` state and records conflicts in `errors`. */
export async function checkRemote(
  writes: PlannedWrite[],
  valueFor: Map<string, { value: string }>,
  options: { provider: SecretProvider; overwrite?: boolean },
  errors: PlanProblem[],
): Promise<void> {
  if (writes.length === 0) return;
  const results = await options.provider.getMany(writes.map((write) => ({ name: write.name })));
  writes.forEach((write, index) => {
    const result = results[index];
    if (!result?.ok) {
      write.remote = "absent";
      return;
    }
    const hint = "pass --overwrite to replace it (a new version is added; the old one is kept)";
    if (!write.bundle) {
      const same = valueFor.get(write.name)?.value === result.value;
      write.remote = same ? "same" : "different";
      if (!same && !options.overwrite) {
        errors.push({
          key: write.sources[0]?.key,
          message: `${write.name} already exists in the ${options.provider.kind} provider with a different value: ${hint}`,
        } as PlanProblem);
      }
      return;
    }
    const remote = parseBundle(result.value);
    if (!remote) {
      errors.push({
        message: `${write.name} exists in the ${options.provider.kind} provider but is not a JSON bundle of strings`,
      });
      return;
    }
    write.remote = "merge";
    for (const source of write.sources) {
      const ours = valueFor.get(`${write.name}?${source.key}`)?.value;
      if (remote[source.key] !== undefined && remote[source.key] !== ours && !options.overwrite) {
        errors.push({
          file: source.file,
          key: source.key,
          message: `bundle ${write.name} already has ${source.key} with a different value: ${hint}`,
        });
      }
    }
  });
}
