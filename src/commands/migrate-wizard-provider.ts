/**
 * The wizard's provider step: which provider (flag, earlier choice, or a question pre-selecting
 * what is set up here), its region or project, and a live check that this identity can write.
 * A failed check says why and how to fix it, then asks again (or stops when the flag chose it).
 */
import { isProviderKind } from "../../providers/index.js";
import { UserError } from "../core/errors.js";
import { appName, type Project } from "../core/project.js";
import { checkWriteAccess, providerReadiness, type WriteCheck } from "../migrate/readiness.js";
import { openForProject } from "../runtime/scope.js";
import type { WizardPrompter } from "../ui/wizard/prompter.js";
import { askProvider, askSettings, preselectProvider } from "../ui/wizard/steps.js";
import { wrap } from "../ui/wizard/text.js";
import type { CommandContext } from "./context.js";
import type { WizardFlags } from "./migrate-wizard.js";

interface ProviderStep {
  flags: WizardFlags;
  project: Project;
  ctx: CommandContext;
  prompter: WizardPrompter;
  /** The project was migrated before: its provider and settings are not asked again. */
  again: boolean;
  out(text: string): void;
}

const SETTING: Record<string, string> = { aws: "region", gcp: "project" };

/**
 * Returns the provider kind and the settings chosen here. Throws UserError(PROVIDER_UNKNOWN) for an
 * unknown --provider, UserError(PROVIDER_AUTH) when the flag's provider cannot write, and
 * UserError(CANCELLED) on Ctrl-C.
 */
export async function chooseProvider(
  step: ProviderStep,
): Promise<{ kind: string; settings: Record<string, string> }> {
  const { flags, project, ctx, prompter, out } = step;
  const readiness = providerReadiness(ctx.env);
  const fixed = flags.provider ?? (step.again ? project.config.provider : undefined);
  if (fixed !== undefined && !isProviderKind(fixed))
    throw new UserError("PROVIDER_UNKNOWN", `unknown provider '${fixed}'`, { hint: "use local, aws or gcp" });
  let preselect = preselectProvider(readiness, project.config.provider);
  for (;;) {
    const kind: string = fixed ?? (await askProvider(prompter, readiness, preselect));
    if (fixed !== undefined) out(`${kind} (${flags.provider ? "--provider" : "dotsecrets.json"})\n`);
    const settings = await settingsFor(step, kind, readiness.find((r) => r.kind === kind)?.setting);
    const check = await canWrite(project, kind, settings, ctx.env, appName(project, flags.app));
    if (check.ok) {
      out(`✔ ${kind}: this identity can write${kind === "local" ? " (a store on this machine)" : ""}\n`);
      return { kind, settings };
    }
    out(wrap(`✘ ${kind} cannot be written: ${check.message}`));
    out(wrap(`fix: ${check.fix}`, "  ", 4));
    if (fixed !== undefined)
      throw new UserError("PROVIDER_AUTH", `the ${kind} provider cannot be written: ${check.message}`, {
        hint: check.fix,
      });
    preselect = "local";
  }
}

/** The region or project: a flag, else dotsecrets.json, else asked (with what was found as default). */
async function settingsFor(
  step: ProviderStep,
  kind: string,
  found: string | undefined,
): Promise<Record<string, string>> {
  const field = SETTING[kind];
  if (!field) return {};
  const given = step.flags.settings[field] ?? step.project.config.providers?.[kind]?.[field];
  if (typeof given === "string") {
    step.out(`${field}: ${given}\n`);
    return { [field]: given };
  }
  return askSettings(step.prompter, kind, found);
}

async function canWrite(
  project: Project,
  kind: string,
  settings: Record<string, string>,
  env: NodeJS.ProcessEnv,
  app: string,
): Promise<WriteCheck> {
  const merged = { ...project.config.providers?.[kind], ...settings };
  const providers = { ...project.config.providers, [kind]: merged };
  try {
    const provider = await openForProject(
      { ...project, config: { ...project.config, providers } },
      kind,
      env,
    );
    try {
      return await checkWriteAccess(provider, app);
    } finally {
      await provider.close?.();
    }
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { ok: false, message: error.message, fix: error.hint ?? "check the provider's settings" };
  }
}
