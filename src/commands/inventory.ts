/**
 * `secrets inventory`: lists every dotenv file and key (secret, config or public, and why) and where
 * the code reads each one, as a table or `--json`. Values never appear: only redacted previews, and
 * those only in the JSON.
 *
 * Exit codes: 0 when the inventory was produced, warnings included, and also for a project with no
 * .env files at all (a clear message, not a failure: there is simply nothing to migrate); 2 for bad
 * options, a missing root, or when dotenv files exist but not one of them could be read.
 */
import { resolve } from "node:path";
import { EXIT } from "../core/errors.js";
import { renderInventory, renderUndeclared, renderWarnings } from "../ui/inventory-render.js";
import { renderLoaders } from "../ui/rewrite-render.js";
import { parseCommandArgs, parseEnvMap } from "./args.js";
import type { Command } from "./context.js";

const HELP = `Usage: secrets inventory [options]

List every .env file under the project and every key in them: whether it looks like a secret,
plain config, or a public (browser-exposed) value, why, and where the code reads it.
No value is ever printed.

Options:
  --root DIR               project root to scan (default: the current directory)
  --env-map FILE=ENV,...   set the environment of files whose name does not say it
                           (paths relative to the root, e.g. config/.env=staging)
  --no-usages              do not scan source files for env reads
  --json                   print the inventory as JSON (previews only, never values)
  -h, --help               show this help
`;

/** `secrets inventory [--json] [--root DIR] [--env-map FILE=ENV,...]`. Throws UserError(USAGE|CONFIG). */
export const inventory: Command = async (argv, ctx) => {
  const { values } = parseCommandArgs("inventory", argv, {
    json: { type: "boolean" },
    root: { type: "string" },
    "env-map": { type: "string", multiple: true },
    "no-usages": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    ctx.stdout.write(HELP);
    return EXIT.ok;
  }
  const rootArg = values.root ?? ".";
  // Loaded here, not at the top, so `--help` and usage errors stay as fast as `secrets --help`.
  const { buildInventory } = await import("../inventory/index.js");
  // The project's own mappings and recorded scopes (dotsecrets.json), so inventory agrees with run.
  const { loadProject } = await import("../core/project.js");
  const project = loadProject(resolve(ctx.cwd, rootArg));
  const result = await buildInventory({
    root: resolve(ctx.cwd, rootArg),
    envMap: { ...project.config.environments, ...parseEnvMap(values["env-map"] ?? [], "inventory") },
    scanCode: !values["no-usages"],
    ...(resolve(project.root) === resolve(ctx.cwd, rootArg) && { project }),
  });
  const unreadable = result.files.length > 0 && result.files.every((f) => !f.readable);
  const loaders = values["no-usages"]
    ? []
    : (await (await import("../rewrite/project.js")).detectProjectLoaders(resolve(ctx.cwd, rootArg)))
        .findings;

  if (values.json) {
    ctx.stdout.write(`${JSON.stringify({ ...result, loaders }, null, 2)}\n`);
  } else if (result.files.length === 0) {
    ctx.stderr.write(renderWarnings(result.warnings));
    ctx.stderr.write(`No .env files found under ${rootArg}: nothing to inventory.\n`);
    if (result.undeclared.length > 0) ctx.stdout.write(renderUndeclared(result));
  } else {
    ctx.stdout.write(renderInventory(result));
    if (loaders.length > 0) ctx.stdout.write(`\nHow this project loads its env:\n${renderLoaders(loaders)}`);
    ctx.stderr.write(renderWarnings(result.warnings));
  }
  if (unreadable) {
    ctx.stderr.write(
      `error: none of the ${result.files.length} dotenv file(s) could be read (see the warnings above)\n`,
    );
    return EXIT.usage;
  }
  return EXIT.ok;
};
