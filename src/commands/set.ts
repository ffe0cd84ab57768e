import { relative } from "node:path";
import { UserError } from "../core/errors.js";
import { appName, envName, loadProject, providerName } from "../core/project.js";
import { setSecret } from "../secrets/set.js";
import { confirmHuman } from "../ui/human.js";
import { parseCommandArgs } from "./args.js";
import { type Command, type CommandContext, prompterOf } from "./context.js";

const HELP = `Usage: secrets set KEY [options] < value

Stores a secret in the provider as <app>/<env>/KEY and points the environment's stub at it.
The value is read from stdin (one trailing newline removed) or from a hidden prompt on a
terminal — never from the command line, where it would land in shell history and ps.

Options:
  --env NAME         environment (default: $DOTSECRETS_ENV, else development)
  --provider NAME    provider (default: dotsecrets.json's, else local)
  --app NAME         app name in the scoped name (default: dotsecrets.json, package.json, folder)
  --no-stub          do not add or update the reference in the stub .env
  --raw              keep the value exactly as read from stdin (no newline trimming)
  -h, --help         show this help
`;

const options = {
  env: { type: "string" },
  provider: { type: "string" },
  app: { type: "string" },
  "no-stub": { type: "boolean" },
  raw: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

async function readValue(ctx: CommandContext, key: string, raw: boolean): Promise<string> {
  if (ctx.prompter || ctx.stdin.isTTY) return prompterOf(ctx).secret(`Value for ${key}:`);
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.stdin) chunks.push(Buffer.from(chunk as Buffer));
  const text = Buffer.concat(chunks).toString("utf8");
  return raw ? text : text.replace(/\r?\n$/, "");
}

/** `secrets set KEY`: store a value and reference it from the stub. */
export const set: Command = async (argv, ctx) => {
  const { values, positionals } = parseCommandArgs("set", argv, options, true);
  if (values.help) {
    ctx.stdout.write(HELP);
    return 0;
  }
  const [key, ...extra] = positionals;
  if (!key)
    throw new UserError("USAGE", "secrets set: missing KEY", {
      hint: 'printf %s "$VALUE" | secrets set KEY',
    });
  if (extra.length > 0) {
    throw new UserError(
      "USAGE",
      "secrets set reads the value from stdin or a hidden prompt, never from the command line",
      {
        hint: `pipe it in: printf %s "$VALUE" | secrets set ${key}`,
      },
    );
  }
  const project = loadProject(ctx.cwd);
  const provider = providerName(project, values.provider);
  const result = await setSecret({
    project,
    processEnv: ctx.env,
    provider,
    app: appName(project, values.app),
    env: envName(ctx.env, values.env),
    key,
    readValue: () => readValue(ctx, key, values.raw ?? false),
    updateStub: !values["no-stub"],
    // In agent mode, replacing a stored value needs a person's yes on the terminal.
    confirmReplace: (name) => confirmHuman(`Replace the stored value of ${key} (${name})?`, ctx),
  });
  const what = result.put.unchanged ? "unchanged" : result.put.created ? "created" : "new version";
  ctx.stderr.write(`${provider}: ${result.name} ${what} (version ${result.put.version})\n`);
  if (result.stub)
    ctx.stderr.write(
      `${relative(ctx.cwd, result.stub) || result.stub}: ${key} now references ${result.reference}\n`,
    );
  return 0;
};
