/**
 * The wizard's questions, one function per step. Each takes the prompter and plain data and returns
 * the answer; screens come from screens.ts, the command writes them. Ctrl-C anywhere throws
 * UserError(CANCELLED, exit 130) before anything was written.
 */
import type { CandidateKey } from "../../migrate/choices.js";
import type { ProviderReadiness } from "../../migrate/readiness.js";
import type { Layout } from "../../migrate/types.js";
import { layoutChoices } from "./costs.js";
import type { WizardPrompter } from "./prompter.js";
import { keyChoice } from "./screens.js";

const TITLES: Record<string, string> = {
  local: "local  encrypted store on this machine",
  aws: "aws    AWS Secrets Manager",
  gcp: "gcp    Google Cloud Secret Manager",
};

/** Asks where secrets go; usable providers say "ready", the others say what is missing. */
export function askProvider(
  prompter: WizardPrompter,
  readiness: ProviderReadiness[],
  preselect: string,
): Promise<string> {
  const choices = readiness.map((r) => ({
    value: r.kind as string,
    name: `${(TITLES[r.kind] ?? r.kind).padEnd(38)} ${r.usable ? "ready" : "not set up"}`,
    description: r.why,
    short: r.kind,
  }));
  return prompter.select("Where should the secrets live?", choices, preselect);
}

/** The provider a person most likely wants: the configured one, else a cloud one set up here, else local. */
export function preselectProvider(readiness: ProviderReadiness[], configured?: string): string {
  if (configured) return configured;
  return readiness.find((r) => r.kind !== "local" && r.usable)?.kind ?? "local";
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const PROJECT = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$|^\d+$/;

/** Asks the AWS region or the GCP project (not asked for local: returns {}). */
export async function askSettings(
  prompter: WizardPrompter,
  kind: string,
  found: string | undefined,
): Promise<Record<string, string>> {
  if (kind === "aws") {
    const region = await prompter.input("AWS region", found ?? "us-east-1", (text) =>
      REGION.test(text) ? undefined : "an AWS region such as eu-west-1",
    );
    return { region: region.trim() };
  }
  if (kind === "gcp") {
    const project = await prompter.input("Google Cloud project id", found ?? "", (text) =>
      PROJECT.test(text) ? undefined : "a project id such as my-project-123 (or its number)",
    );
    return { project: project.trim() };
  }
  return {};
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Asks the app name used in scoped names. */
export async function askApp(prompter: WizardPrompter, suggested: string): Promise<string> {
  const app = await prompter.input("App name (first part of every secret's name)", suggested, (text) =>
    SEGMENT.test(text) ? undefined : "letters, digits, _ . - (starting with a letter or digit)",
  );
  return app.trim();
}

/** Confirms the environment of every file, or asks each one. Returns file → environment. */
export async function askEnvironments(
  prompter: WizardPrompter,
  files: Array<{ path: string; env: string }>,
): Promise<Record<string, string>> {
  const map = Object.fromEntries(files.map((file) => [file.path, file.env]));
  if (await prompter.confirm("Use these environments?", true)) return map;
  for (const file of files) {
    map[file.path] = (
      await prompter.input(`Environment of ${file.path}`, file.env, (text) =>
        SEGMENT.test(text) ? undefined : "letters, digits, _ . -",
      )
    ).trim();
  }
  return map;
}

/** The checkbox of keys: secrets checked, config and public not, public-prefixed flagged. */
export function askKeys(prompter: WizardPrompter, keys: CandidateKey[]): Promise<string[]> {
  const choices = keys.map((key) => ({
    value: key.key,
    ...keyChoice(key),
    short: key.key,
    checked: key.class === "secret",
  }));
  return prompter.checkbox("Which keys move to the secret manager?", choices);
}

/** Per-key or bundle, each with its monthly cost for this provider and these keys. */
export function askLayout(
  prompter: WizardPrompter,
  kind: string,
  keysPerEnv: Map<string, number>,
  preselect: Layout = "per-key",
): Promise<Layout> {
  return prompter.select("How should they be stored?", layoutChoices(kind, keysPerEnv), preselect);
}
