import { existsSync } from "node:fs";
import { readEnvFile } from "../envfile/index.js";
import { UserError } from "../errors.js";
import { appName, envFileFor, envName, loadProject, providerName } from "../runtime/project.js";
import { formatReference, isReference, parseReferenceOrThrow, type Reference } from "../runtime/reference.js";
import { resolveDocument } from "../runtime/resolve.js";
import { assertKey, scopedName } from "../runtime/scope.js";
import { parseCommandArgs } from "./args.js";
import type { Command } from "./context.js";

const HELP = `Usage: secrets get KEY [options]

Prints one secret's value to stdout: the one command that prints a value, on explicit request.
KEY is looked up through the environment's stub when it holds a reference, else as <app>/<env>/KEY.

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
  assertKey(key);
  const project = loadProject(ctx.cwd);
  const env = envName(ctx.env, values.env);
  const file = envFileFor(project, env);
  let reference: Reference | undefined;
  if (existsSync(file) && !values.provider && !values.app) {
    const entry = (await readEnvFile(file)).entries.filter((e) => e.key === key).pop();
    if (entry && isReference(entry.value))
      reference = parseReferenceOrThrow(entry.value, `${file}:${entry.line} ${key}`);
  }
  reference ??= {
    provider: providerName(project, values.provider),
    name: scopedName(appName(project, values.app), env, key),
  };
  if (values.version) reference = { ...reference, version: values.version };
  const [variable] = await resolveDocument(
    {
      file: "(secrets get)",
      source: "",
      warnings: [],
      entries: [
        {
          key,
          value: formatReference(reference),
          line: 0,
          exported: false,
          quote: null,
          start: 0,
          end: 0,
          valueStart: 0,
          valueEnd: 0,
        },
      ],
    },
    { project, env: ctx.env },
  );
  const newline = ctx.stdout.isTTY && !values["no-newline"] ? "\n" : "";
  ctx.stdout.write(`${variable!.value}${newline}`);
  return 0;
};
