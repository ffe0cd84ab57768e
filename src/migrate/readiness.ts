/**
 * Which providers look usable on this machine, and whether an opened provider's identity can write.
 * The wizard pre-selects from this and says why; nothing here prompts or prints. Detection reads
 * only the environment and the presence of well-known credential files (never their contents'
 * secrets: a gcloud config file is read for its `project =` line only).
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { hasDeletionRecovery, type SecretProvider } from "../../providers/types.js";
import { UserError } from "../core/errors.js";

export interface ProviderReadiness {
  kind: "local" | "aws" | "gcp";
  /** Credentials (or an emulator endpoint) were found. */
  usable: boolean;
  /** One line: why it is (or is not) usable. */
  why: string;
  /** AWS region or GCP project found in the environment or config files, as the default answer. */
  setting?: string;
}

type Exists = (path: string) => boolean;

/**
 * Looks at `env` and the usual credential files for AWS (keys, profile, SSO/web identity,
 * container credentials) and Google Cloud (GOOGLE_APPLICATION_CREDENTIALS, gcloud ADC). The local
 * store is always usable. Throws nothing.
 */
export function providerReadiness(
  env: NodeJS.ProcessEnv,
  exists: Exists = existsSync,
  home = env.HOME || homedir(),
): ProviderReadiness[] {
  return [
    {
      kind: "local",
      usable: true,
      why: "no account needed: an encrypted store on this machine, outside the project",
    },
    aws(env, exists, home),
    gcp(env, exists, home),
  ];
}

function aws(env: NodeJS.ProcessEnv, exists: Exists, home: string): ProviderReadiness {
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
  const base = { kind: "aws" as const, ...(region && { setting: region }) };
  if (env.DOTSECRETS_AWS_ENDPOINT) return { ...base, usable: true, why: "DOTSECRETS_AWS_ENDPOINT is set" };
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY)
    return { ...base, usable: true, why: "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set" };
  if (env.AWS_PROFILE) return { ...base, usable: true, why: `AWS_PROFILE is set (${env.AWS_PROFILE})` };
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE)
    return { ...base, usable: true, why: "a web identity token (AWS_WEB_IDENTITY_TOKEN_FILE) is set" };
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI)
    return { ...base, usable: true, why: "container credentials are available" };
  const files = [env.AWS_SHARED_CREDENTIALS_FILE, env.AWS_CONFIG_FILE, join(home, ".aws", "credentials")];
  const found = files.find((file) => file && exists(file));
  if (found) return { ...base, usable: true, why: `a profile file was found (${found})` };
  return {
    ...base,
    usable: false,
    why: "no AWS credentials found: run `aws configure` or `aws sso login`, or set AWS_PROFILE",
  };
}

function gcp(env: NodeJS.ProcessEnv, exists: Exists, home: string): ProviderReadiness {
  const configDir = env.CLOUDSDK_CONFIG || join(home, ".config", "gcloud");
  const project =
    env.GOOGLE_CLOUD_PROJECT || env.GCLOUD_PROJECT || env.CLOUDSDK_CORE_PROJECT || gcloudProject(configDir);
  const base = { kind: "gcp" as const, ...(project && { setting: project }) };
  if (env.DOTSECRETS_GCP_ENDPOINT) return { ...base, usable: true, why: "DOTSECRETS_GCP_ENDPOINT is set" };
  const keyFile = env.GOOGLE_APPLICATION_CREDENTIALS;
  if (keyFile && exists(keyFile))
    return { ...base, usable: true, why: "GOOGLE_APPLICATION_CREDENTIALS names a credentials file" };
  if (exists(join(configDir, "application_default_credentials.json")))
    return { ...base, usable: true, why: "gcloud application-default credentials were found" };
  return {
    ...base,
    usable: false,
    why: "no Google Cloud credentials found: run `gcloud auth application-default login`",
  };
}

/** The `project = …` of gcloud's default configuration, if any. */
function gcloudProject(configDir: string): string | undefined {
  try {
    const text = readFileSync(join(configDir, "configurations", "config_default"), "utf8");
    return /^\s*project\s*=\s*([A-Za-z0-9:._-]+)\s*$/m.exec(text)?.[1];
  } catch {
    return undefined;
  }
}

export type WriteCheck = { ok: true } | { ok: false; message: string; fix: string };

/**
 * Proves the identity can write under `<app>/`: the local store needs no probe; a cloud provider
 * gets a random probe secret stored, read back and deleted at once (forced where deletion is
 * scheduled). Returns what went wrong and the fix instead of throwing.
 */
export async function checkWriteAccess(provider: SecretProvider, app: string): Promise<WriteCheck> {
  if (provider.kind === "local") return { ok: true };
  const name = `${app}/dotsecrets-wizard/WRITE_PROBE`;
  try {
    const probe = randomBytes(12).toString("hex");
    await provider.put(name, probe, { description: "dotsecrets write check (deleted at once)" });
    const [back] = await provider.getMany([{ name }]);
    if (hasDeletionRecovery(provider)) await provider.deleteWith(name, { force: true });
    else await provider.delete(name);
    if (back?.ok !== true || back.value !== probe)
      return { ok: false, message: "the probe secret read back differently", fix: FIX[provider.kind] };
    return { ok: true };
  } catch (error) {
    // Our own errors carry fixed text (never a value); anything else is summarised by its name.
    const message =
      error instanceof UserError
        ? error.message.split("\n")[0]!
        : `${(error as Error)?.name ?? "error"} while writing`;
    const fix = error instanceof UserError && error.hint ? error.hint : FIX[provider.kind];
    return { ok: false, message, fix };
  }
}

const FIX: Record<"local" | "aws" | "gcp", string> = {
  local: "check that DOTSECRETS_HOME is writable",
  aws: "grant secretsmanager:CreateSecret, PutSecretValue, GetSecretValue and DeleteSecret on the app's secrets (`secrets policy --provider aws` prints the policy)",
  gcp: "grant roles/secretmanager.admin on the project (or secretAccessor + secretVersionAdder and create rights)",
};
