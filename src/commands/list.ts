import { listAll, type SecretInfo } from "../../providers/types.js";
import { UserError } from "../core/errors.js";
import { appName, envName, loadProject, providerName } from "../core/project.js";
import { openForProject } from "../runtime/scope.js";
import { renderTable } from "../ui/table.js";
import { parseCommandArgs } from "./args.js";
import type { Command } from "./context.js";

const HELP = `Usage: secrets list [options]

Lists the secrets stored for this app and environment: names, versions and dates, never values.

Options:
  --env NAME         environment (default: $DOTSECRETS_ENV, else development)
  --all              every environment of the app
  --provider NAME    provider (default: dotsecrets.json's, else local)
  --app NAME         app name
  --json             print JSON
  -h, --help         show this help
`;

const options = {
  env: { type: "string" },
  all: { type: "boolean" },
  provider: { type: "string" },
  app: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** `secrets list`: names, versions and dates of stored secrets. */
export const list: Command = async (argv, ctx) => {
  const { values } = parseCommandArgs("list", argv, options);
  if (values.help) {
    ctx.stdout.write(HELP);
    return 0;
  }
  if (values.all && values.env) throw new UserError("USAGE", "secrets list: use --env or --all, not both");
  const project = loadProject(ctx.cwd);
  const app = appName(project, values.app);
  const prefix = values.all ? `${app}/` : `${app}/${envName(ctx.env, values.env)}/`;
  const kind = providerName(project, values.provider);
  const provider = await openForProject(project, kind, ctx.env);
  let items: SecretInfo[];
  try {
    items = await listAll(provider, prefix, { versionCount: true });
  } finally {
    await provider.close?.();
  }
  if (values.json) {
    ctx.stdout.write(`${JSON.stringify({ provider: kind, prefix, secrets: items }, null, 2)}\n`);
    return 0;
  }
  if (items.length === 0) {
    ctx.stderr.write(`no secrets under ${prefix} in the ${kind} provider\n`);
    return 0;
  }
  const rows = items.map((item) => [
    item.name,
    item.version,
    item.versionCount === undefined ? "-" : String(item.versionCount),
    item.updatedAt.toISOString().replace(/\.\d+Z$/, "Z"),
  ]);
  ctx.stdout.write(renderTable(["name", "version", "versions", "updated"], rows));
  ctx.stderr.write(`${items.length} secret(s) under ${prefix} in the ${kind} provider\n`);
  return 0;
};
