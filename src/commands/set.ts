import { relative } from "node:path";
import { UserError } from "../errors.js";
import { appName, envFileFor, envName, loadProject, providerName } from "../runtime/project.js";
import { formatReference } from "../runtime/reference.js";
import { assertAcceptable, assertKey, openForProject, scopedName } from "../runtime/scope.js";
import { describeProvider, stubHeader, writeReference } from "../runtime/stub.js";
import { promptSecret } from "../ui/prompt.js";
import { parseCommandArgs } from "./args.js";
import type { Command, CommandContext } from "./context.js";

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
  if (ctx.stdin.isTTY) return promptSecret(`Value for ${key}:`, ctx);
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
  assertKey(key);
  const project = loadProject(ctx.cwd);
  const env = envName(ctx.env, values.env);
  const kind = providerName(project, values.provider);
  const name = scopedName(appName(project, values.app), env, key);
  const provider = await openForProject(project, kind, ctx.env);
  try {
    assertAcceptable(provider, name, "", key);
    const value = await readValue(ctx, key, values.raw ?? false);
    assertAcceptable(provider, name, value, key);
    const result = await provider.put(name, value, { labels: { app: name.split("/")[0]!, env } });
    const what = result.unchanged ? "unchanged" : result.created ? "created" : "new version";
    ctx.stderr.write(`${kind}: ${name} ${what} (version ${result.version})\n`);
  } finally {
    await provider.close?.();
  }
  if (!values["no-stub"]) {
    const file = envFileFor(project, env);
    const reference = formatReference({ provider: kind, name });
    const header = stubHeader(describeProvider(kind, project.config.providers?.[kind]));
    if (await writeReference(file, key, reference, header)) {
      ctx.stderr.write(`${relative(ctx.cwd, file) || file}: ${key} now references ${reference}\n`);
    }
  }
  return 0;
};
