/**
 * Least-privilege access for dotsecrets on Google Cloud Secret Manager, as `gcloud` commands:
 * the runtime identity may access versions of this app's (and env's) secrets only, through an IAM
 * condition on the secret name prefix; the migrating identity manages those secrets (same condition)
 * and, through a small custom role, may create secrets and list their metadata (names and labels,
 * never values): both are checked on the project, where a secret-name condition cannot apply.
 * Pure: data in, text out.
 *
 * The condition relies on the id mapping (names.ts): `<app>--<env>--` is an exact prefix, because
 * a segment's encoding never contains `--`. IAM matches `resource.name` with the project *number*.
 */
import { toSecretId } from "./names.js";

export interface GcpPolicyInput {
  project: string;
  app: string;
  /** One environment, or every environment of the app when absent. */
  env?: string;
  /** IAM member that runs the app, e.g. `serviceAccount:api@my-project.iam.gserviceaccount.com`. */
  runtimeMember?: string;
  /** IAM member that runs `secrets migrate` / `set` / `undo`, e.g. `user:dev@example.com`. */
  migrateMember?: string;
}

export interface GcpPolicy {
  /** The CEL condition limiting a binding to this scope (uses the shell variable PROJECT_NUMBER). */
  condition: string;
  runtime: string[];
  migrate: string[];
}

/** A title IAM accepts: letters, digits, `-`, `_`, at most 100 characters. */
function title(kind: string, input: GcpPolicyInput): string {
  return `dotsecrets-${kind}-${input.app}-${input.env ?? "all"}`
    .replace(/[^A-Za-z0-9_-]/g, "_")
    .slice(0, 100);
}

/**
 * The condition: per-key secrets `<app>--<env>--<KEY>` (or `<app>--*` without env), and the
 * bundle secret `<app>--<env>` with its versions.
 */
export function gcpCondition(input: GcpPolicyInput): string {
  const base = "projects/$PROJECT_NUMBER/secrets/";
  const app = toSecretId(input.app);
  if (input.env === undefined) return `resource.name.startsWith(\\"${base}${app}--\\")`;
  const scope = `${app}--${toSecretId(input.env)}`;
  return [
    `resource.name.startsWith(\\"${base}${scope}--\\")`,
    `resource.name == \\"${base}${scope}\\"`,
    `resource.name.startsWith(\\"${base}${scope}/\\")`,
  ].join(" || ");
}

/** The gcloud commands (bash) granting both identities what dotsecrets needs. Throws nothing. */
export function gcpPolicy(input: GcpPolicyInput): GcpPolicy {
  const condition = gcpCondition(input);
  const scope = `${input.app}/${input.env ?? "*"}`;
  const runtime = input.runtimeMember ?? `serviceAccount:RUNTIME_SA@${input.project}.iam.gserviceaccount.com`;
  const migrate = input.migrateMember ?? "user:YOU@example.com";
  const bind = (member: string, role: string, cond?: string) =>
    [
      `gcloud projects add-iam-policy-binding ${input.project} \\`,
      `  --member="${member}" \\`,
      `  --role="${role}"${cond ? " \\" : ""}`,
      ...(cond ? [`  --condition="${cond}"`] : []),
    ].join("\n");
  const prelude = [
    `PROJECT_NUMBER="$(gcloud projects describe ${input.project} --format='value(projectNumber)')"`,
  ];
  return {
    condition,
    runtime: [
      `# Runtime identity (secrets run, dotsecrets/config): read ${scope} only`,
      ...prelude,
      bind(
        runtime,
        "roles/secretmanager.secretAccessor",
        `expression=${condition},title=${title("read", input)},description=dotsecrets read ${scope}`,
      ),
    ],
    migrate: [
      `# Migrating identity (secrets migrate, set, undo --delete-remote): manage ${scope}`,
      `gcloud services enable secretmanager.googleapis.com --project=${input.project}`,
      ...prelude,
      bind(
        migrate,
        "roles/secretmanager.admin",
        `expression=${condition},title=${title("manage", input)},description=dotsecrets manage ${scope}`,
      ),
      "# Creating and listing are checked on the project, so they get a custom role without condition",
      [
        `gcloud iam roles create dotsecretsMigrator --project=${input.project} \\`,
        `  --title="dotsecrets migrator" --stage=GA \\`,
        `  --permissions=secretmanager.secrets.create,secretmanager.secrets.list`,
      ].join("\n"),
      bind(migrate, `projects/${input.project}/roles/dotsecretsMigrator`),
    ],
  };
}
