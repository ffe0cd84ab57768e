/** `secrets policy`: least-privilege IAM policies for the runtime and the migrating identity. */
import { migratePolicy, runtimePolicy } from "../core/aws-policy.js";
import { UserError } from "../core/errors.js";
import { appName, loadProject, type Project, providerName } from "../core/project.js";
import { parseCommandArgs } from "./args.js";
import type { Command } from "./context.js";

const HELP = `Usage: secrets policy --provider aws|gcp [options]

Prints least-privilege access for this app's secrets:
  runtime   what \`secrets run\` and dotsecrets/config need: read this app/env's secrets
  migrate   what \`secrets migrate\`, \`set\` and \`undo --delete-remote\` need
aws: IAM policies (JSON). gcp: the gcloud commands granting roles with an IAM condition.

Options:
  --provider NAME    aws or gcp (default: dotsecrets.json's provider)
  --env NAME         one environment (default: every environment of the app)
  --app NAME         app name
  --region NAME      aws: region (default: providers.aws.region, else any)
  --account ID       aws: 12-digit AWS account id (default: any)
  --gcp-project ID   gcp: project (default: providers.gcp.project, else GOOGLE_CLOUD_PROJECT)
  --runtime-member M gcp: who runs the app, e.g. serviceAccount:api@p.iam.gserviceaccount.com
  --migrate-member M gcp: who migrates, e.g. user:you@example.com
  --runtime          print only the runtime policy (one JSON document)
  --migrate          print only the migrating policy (one JSON document)
  --json             print both as one JSON object
  -h, --help         show this help
`;

const options = {
  provider: { type: "string" },
  env: { type: "string" },
  app: { type: "string" },
  region: { type: "string" },
  account: { type: "string" },
  "gcp-project": { type: "string" },
  "runtime-member": { type: "string" },
  "migrate-member": { type: "string" },
  runtime: { type: "boolean" },
  migrate: { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** `secrets policy`: prints the policies to stdout. */
export const policy: Command = async (argv, ctx) => {
  const { values } = parseCommandArgs("policy", argv, options);
  if (values.help) {
    ctx.stdout.write(HELP);
    return 0;
  }
  const project = loadProject(ctx.cwd);
  const kind = providerName(project, values.provider);
  if (values.env !== undefined && !/^[A-Za-z0-9_.-]+$/.test(values.env))
    throw new UserError("USAGE", "secrets policy: --env must be letters, digits, _ . -");
  if (kind === "gcp") {
    ctx.stdout.write(await gcpCommands(project, values, ctx.env));
    return 0;
  }
  if (kind !== "aws") {
    throw new UserError("USAGE", `secrets policy: no IAM policy for the ${kind} provider`, {
      hint: "use --provider aws or --provider gcp",
    });
  }
  if (values.account !== undefined && !/^\d{12}$/.test(values.account))
    throw new UserError("USAGE", "secrets policy: --account must be a 12-digit AWS account id");
  const configured = project.config.providers?.aws as { region?: unknown } | undefined;
  const region = values.region ?? (typeof configured?.region === "string" ? configured.region : undefined);
  const input = {
    app: appName(project, values.app),
    ...(values.env !== undefined && { env: values.env }),
    ...(region !== undefined && { region }),
    ...(values.account !== undefined && { account: values.account }),
  };
  const runtime = runtimePolicy(input);
  const migrate = migratePolicy(input);
  const json = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;
  if (values.runtime && !values.migrate) ctx.stdout.write(json(runtime));
  else if (values.migrate && !values.runtime) ctx.stdout.write(json(migrate));
  else if (values.json) ctx.stdout.write(json({ runtime, migrate }));
  else {
    const scope = `${input.app}/${input.env ?? "*"}`;
    ctx.stdout.write(`# Runtime identity (secrets run, dotsecrets/config): reads ${scope}\n${json(runtime)}`);
    ctx.stdout.write(
      `\n# Migrating identity (secrets migrate, set, undo --delete-remote): manages ${scope}\n${json(migrate)}`,
    );
    ctx.stderr.write(
      "use --runtime or --migrate to print one policy as plain JSON (for aws iam create-policy)\n",
    );
  }
  return 0;
};

/** The gcloud commands for GCP (providers/gcp/policy.ts, loaded only here). Throws UserError(USAGE). */
async function gcpCommands(
  project: Project,
  values: { env?: string; app?: string; json?: boolean; runtime?: boolean; migrate?: boolean } & Record<
    string,
    string | boolean | undefined
  >,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const configured = project.config.providers?.gcp as { project?: unknown } | undefined;
  const id =
    (values["gcp-project"] as string | undefined) ??
    (typeof configured?.project === "string" ? configured.project : undefined) ??
    (env.GOOGLE_CLOUD_PROJECT || undefined);
  if (id === undefined || !/^[a-z0-9][a-z0-9-]{3,61}[a-z0-9]$|^\d+$/.test(id))
    throw new UserError(
      "USAGE",
      `secrets policy: ${id === undefined ? "no" : `'${id}' is not a`} Google Cloud project id`,
      {
        hint: "pass --gcp-project ID (or set providers.gcp.project in dotsecrets.json)",
      },
    );
  const member = (flag: string) => {
    const text = values[flag];
    if (text === undefined) return undefined;
    if (
      typeof text !== "string" ||
      !/^(user|serviceAccount|group|principal|principalSet):[^\s"'`$\\]+$/.test(text)
    )
      throw new UserError(
        "USAGE",
        `secrets policy: --${flag} must be an IAM member such as serviceAccount:NAME@PROJECT.iam.gserviceaccount.com`,
      );
    return text;
  };
  const runtimeMember = member("runtime-member");
  const migrateMember = member("migrate-member");
  const { gcpPolicy } = await import("../../providers/gcp/policy.js");
  const policy = gcpPolicy({
    project: id,
    app: appName(project, values.app),
    ...(values.env !== undefined && { env: values.env }),
    ...(runtimeMember && { runtimeMember }),
    ...(migrateMember && { migrateMember }),
  });
  if (values.json) return `${JSON.stringify(policy, null, 2)}\n`;
  if (values.runtime && !values.migrate) return `${policy.runtime.join("\n")}\n`;
  if (values.migrate && !values.runtime) return `${policy.migrate.join("\n")}\n`;
  return `${policy.runtime.join("\n")}\n\n${policy.migrate.join("\n")}\n`;
}
