import { UserError } from "../core/errors.js";
import { appName, envName, loadProject, providerName } from "../core/project.js";
import { getSecret } from "../secrets/get.js";
import { confirmHuman } from "../ui/human.js";
import { parseCommandArgs } from "./args.js";
import type { Command } from "./context.js";

const HELP = `Usage: secrets get KEY [options]

Prints one secret's value to stdout: the one command that prints a value, on explicit request.
KEY is looked up through the environment's stub when it holds a reference, else as <app>/<env>/KEY.
Run by a coding agent (agent mode), it prints only after a person confirms on the terminal.

Options:
  --env NAME         environment (default: $DOTSECRETS_ENV, else development)
  --provider NAME    provider when the stub has no reference (default: dotsecrets.json's, else local)
  --app NAME         app name in the scoped name
  --version V        a specific version
  -n, --no-newline   do not add a newline after the value (added on a terminal only by default)
  -h, --help         show this help
`;

const options = {
  env: { type: "string" },
  provider: { type: "string" },
  app: { type: "string" },
  version: { type: "string" },
  "no-newline": { type: "boolean", short: "n" },
  help: { type: "boolean", short: "h" },
} as const;

/** `secrets get KEY`: print a value. */
export const get: Command = async (argv, ctx) => {
  const { values, positionals } = parseCommandArgs("get", argv, options, true);
  if (values.help) {
    ctx.stdout.write(HELP);
    return 0;
  }
  const [key, ...extra] = positionals;
  if (!key || extra.length > 0)
    throw new UserError("USAGE", "secrets get: expected one KEY", { hint: "secrets get STRIPE_KEY" });
  const project = loadProject(ctx.cwd);
  await confirmHuman(`Print the value of ${key} to stdout, where the agent can read it?`, ctx);
  const value = await getSecret({
    project,
    processEnv: ctx.env,
    env: envName(ctx.env, values.env),
    key,
    fallback: { provider: providerName(project, values.provider), app: appName(project, values.app) },
    explicit: Boolean(values.provider || values.app),
    ...(values.version !== undefined && { version: values.version }),
  });
  const newline = ctx.stdout.isTTY && !values["no-newline"] ? "\n" : "";
  ctx.stdout.write(`${value}${newline}`);
  return 0;
};
