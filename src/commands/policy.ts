/** `secrets policy`: least-privilege IAM policies for the runtime and the migrating identity. */
import { migratePolicy, runtimePolicy } from "../core/aws-policy.js";
import { UserError } from "../core/errors.js";
import { appName, loadProject, providerName } from "../core/project.js";
import { parseCommandArgs } from "./args.js";
import type { Command } from "./context.js";

const HELP = `Usage: secrets policy --provider aws [options]

Prints least-privilege IAM policies (JSON) for this app's secrets:
  runtime   what \`secrets run\` and dotsecrets/config need: read this app/env's secrets
  migrate   what \`secrets migrate\`, \`set\` and \`undo --delete-remote\` need

Options:
  --provider NAME    aws (default: dotsecrets.json's provider)
  --env NAME         one environment (default: every environment of the app)
  --app NAME         app name
  --region NAME      region (default: providers.aws.region, else any)
  --account ID       12-digit AWS account id (default: any)
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
  if (kind !== "aws") {
    throw new UserError("USAGE", `secrets policy: no IAM policy for the ${kind} provider`, {
      hint: "use --provider aws",
    });
  }
  if (values.account !== undefined && !/^\d{12}$/.test(values.account))
    throw new UserError("USAGE", "secrets policy: --account must be a 12-digit AWS account id");
  if (values.env !== undefined && !/^[A-Za-z0-9_.-]+$/.test(values.env))
    throw new UserError("USAGE", "secrets policy: --env must be letters, digits, _ . -");
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
